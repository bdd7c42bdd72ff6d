using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Verification;
using Wireless.Workloads;

namespace Wireless.Perf;

/// <summary>
/// <c>run</c>: runs one workload on the sequential reference and then once on the runtime, verifies the runtime's
/// output against the reference, and prints throughput and the scheduler profile.
/// </summary>
internal sealed class RunCommand : Command
{
    /// <summary>Clusters per scheduler thread when <c>--clusters</c> is not given (the ratio of the <see cref="RuntimeConfig"/> defaults).</summary>
    private const int ClustersPerScheduler = 4;

    /// <summary>Width of the label column of the report.</summary>
    private const int LabelWidth = 14;

    private static readonly RuntimeConfig Defaults = new();

    private readonly Argument<string> _workload = new("workload")
    {
        Description = $"A built-in workload ({string.Join(", ", WorkloadCatalog.Names)}; see 'list'), "
            + "random:<seed>:<tasks> for a random DAG, or the path of a JSON DAG file, whatever its extension (e.g. perf/examples/diamond.json).",
    };

    private readonly Option<int> _schedulers = new("--schedulers")
    {
        Description = $"Scheduler threads (>= 1, and <= {RuntimeConfig.MaxSchedulersOnDefaultCpus} without --cpus); the orchestrator runs on one more thread. "
            + "The default is the processor count - 1, at least 1.",
        DefaultValueFactory = _ => Defaults.Schedulers,
    };

    private readonly Option<int?> _clusters = new("--clusters")
    {
        Description = "Clusters of 1 AIC + 2 AIV cores, owned round-robin by the scheduler threads; at least one per scheduler. "
            + $"[default: {ClustersPerScheduler} per scheduler thread]",
    };

    private readonly Option<int> _window = new("--window")
    {
        Description = "Task window: slots in the task ring, a power of two >= 2.",
        DefaultValueFactory = _ => Defaults.Window,
    };

    private readonly Option<int> _pollBudget = new("--poll-budget")
    {
        Description = "Wireless only: pending tasks scheduler thread 0 classifies per loop iteration (>= 1; the seed used 128).",
        HelpName = "entries",
        DefaultValueFactory = _ => Defaults.PollBudget,
    };

    private readonly Option<string> _runtime = new("--runtime")
    {
        Description = "Which runtime: 'wireless' (PR #1107's polling-based readiness) or 'wired' (the fanout/refcount baseline it replaced).",
        DefaultValueFactory = _ => RuntimeKinds.Wireless,
    };

    private readonly Option<string> _device = new("--device")
    {
        Description = "When a simulated core finishes a kernel: 'zero' at once (the kernels' real work plus the runtime), "
            + "'timed' after the kernel's simulated duration on a monotonic clock, 'empty' at once with kernels that do no work "
            + "(the runtime alone; verification then checks only that each task ran once).",
        DefaultValueFactory = _ => Defaults.Device.ToString().ToLowerInvariant(),
    };

    private readonly Option<int> _heap = new("--heap")
    {
        Description = "Output heap size in 32-bit elements (>= 16).",
        HelpName = "elements",
        DefaultValueFactory = _ => Defaults.HeapElements,
    };

    private readonly Option<int> _timeout = new("--timeout-ms")
    {
        Description = "No-progress timeout in milliseconds; when it fires the run stops and prints stall diagnostics. 0 disables it.",
        HelpName = "ms",
        DefaultValueFactory = _ => Defaults.TimeoutMilliseconds,
    };

    private readonly Option<int> _firstLocalId = new("--first-local-id")
    {
        Description = "The first task local id handed out. Local ids are 32-bit and wrap; start near 2147483647 "
            + "(e.g. 2147483000) to exercise wrap-around.",
        HelpName = "id",
        DefaultValueFactory = _ => Defaults.FirstLocalId,
    };

    private readonly Option<int[]> _cpus = new("--cpus")
    {
        Description = "Comma-separated CPU ids of the launched AICPU threads, one id per thread (0..63, repeats allowed); "
            + "the affinity gate keeps schedulers + 1 of them. [default: schedulers + 3 threads on CPUs 0,1,2,... as CANN over-launches]",
        HelpName = "id,id,...",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = ParseCpuIds,
    };

    private readonly Option<Bug> _variant = new("--variant")
    {
        Description = "Comma-separated seeded-bug variants of the chosen runtime to enable; the run then uses the runtime on FastMemoryWithBugs, "
            + "since the production instantiation on FastMemory ignores variants. Variants (see 'list' for what each does): "
            + $"{string.Join(", ", BugCatalog.All.Select(e => e.Name))}. [default: none]",
        HelpName = "name[,name]",
        CustomParser = ParseVariants,
    };

    private readonly Option<int> _warmup = new("--warmup")
    {
        Description = "Runs before the reported one, on the same runtime, so the reported run and its profile are of jitted, "
            + "warm code (>= 0; each warm-up run is verified too).",
        HelpName = "runs",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> _runs = new("--runs")
    {
        Description = "Measured runs after the warm-up (>= 1, each verified); the report gives the median run's time and "
            + "profile, and the range of all of them.",
        HelpName = "runs",
        DefaultValueFactory = _ => 1,
    };

    private readonly Option<bool> _noProfile = new("--no-profile")
    {
        Description = "Do not time the scheduler loop phases and the orchestrator's submit path (iteration and task counters are still reported).",
    };

    public RunCommand()
        : base("run", "Runs a workload on the sequential reference, then once on the runtime; verifies the runtime's output "
            + "and prints the configuration, the verdict, throughput and the per-phase scheduler profile. "
            + "Exit code: 0 if the output matches the reference, 1 if the run failed or mismatched, 2 for bad input.")
    {
        Add(_workload);
        Add(_runtime);
        Add(_schedulers);
        Add(_clusters);
        Add(_window);
        Add(_pollBudget);
        Add(_device);
        Add(_heap);
        Add(_timeout);
        Add(_firstLocalId);
        Add(_cpus);
        Add(_variant);
        Add(_warmup);
        Add(_runs);
        Add(_noProfile);
        _schedulers.Validators.Add(ValidateSchedulers);
        _device.AcceptOnlyFromAmong("zero", "timed", "empty");
        _runtime.AcceptOnlyFromAmong([.. RuntimeKinds.Names]);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var warmup = parseResult.GetValue(_warmup);
        var runs = parseResult.GetValue(_runs);
        RuntimeConfig config;
        Workload workload;
        try
        {
            config = BuildConfig(parseResult).Validate();
            BugCatalog.CheckRuntime(config.Bugs, parseResult.GetRequiredValue(_runtime));
            if (warmup < 0) throw new ArgumentException($"warmup must be >= 0 runs (got {warmup})");
            if (runs < 1) throw new ArgumentException($"runs must be >= 1 (got {runs})");
            workload = WorkloadCatalog.Create(parseResult.GetRequiredValue(_workload));
        }
        catch (Exception e) when (e is ArgumentException or RuntimeErrorException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        // The reference runs first and validates the program, so bad input gets its one line before any header.
        ReferenceResult expected;
        var reference = new SequentialExecutor(config);
        var started = Stopwatch.GetTimestamp();
        try
        {
            expected = reference.Run(workload);
        }
        catch (RuntimeErrorException e)
        {
            // A program whose scopes do not fit the window is fine with a larger one: the window is what to change.
            error.WriteLine(reference.SmallestWindow(workload) is { } smallest && smallest > config.Window
                ? $"error: --window {config.Window} is too small for {workload.Name}: a task needs the slot of an earlier one that an "
                    + $"open scope still pins (a scope deadlock); the smallest window it runs in is {smallest} (--window {smallest})"
                : $"error: bad program: {e.Message}");
            return ExitCodes.BadInput;
        }
        var referenceTime = Stopwatch.GetElapsedTime(started);
        var withBugs = config.Bugs != Bug.None;
        WriteConfiguration(output, workload, config, parseResult.GetRequiredValue(_runtime), withBugs);
        WriteField(output, "Reference", $"sequential executor: {Format.Duration(referenceTime)} "
            + $"({Format.Count(workload.TaskCount / Math.Max(referenceTime.TotalSeconds, 1e-9))} tasks/s)");
        if (expected.InjectedFaults.Count > 0)
            WriteField(output, "Faults", $"the program injects kernel faults, so the run is expected to fail: {string.Join("; ", expected.InjectedFaults)}");

        var kind = parseResult.GetRequiredValue(_runtime);
        if (warmup > 0) WriteField(output, "Warm-up", $"{warmup} verified runs before the one reported");
        var runtime = withBugs ? RuntimeKinds.Create<FastMemoryWithBugs>(kind, config) : RuntimeKinds.Create<FastMemory>(kind, config);
        var (result, mismatch) = RunVerified(runtime, workload, expected);
        for (var w = 0; w < warmup && result.Succeeded && mismatch is null; w++)
            (result, mismatch) = RunVerified(runtime, workload, expected);
        var measured = new List<(RunResult Result, string? Mismatch)> { (result, mismatch) };
        while (measured.Count < runs && result.Succeeded && mismatch is null)
        {
            (result, mismatch) = RunVerified(runtime, workload, expected);
            measured.Add((result, mismatch));
        }
        // A failed run is the one reported; otherwise the median run (its profile is reported with it).
        if (result.Succeeded && mismatch is null) (result, mismatch) = measured.OrderBy(m => m.Result.Elapsed).ElementAt((measured.Count - 1) / 2);
        WriteField(output, "Run", result.Succeeded
            ? $"{Format.Count(result.Tasks)} tasks in {Format.Duration(result.Elapsed)}: "
                + $"{Format.Count(result.TasksPerSecond)} tasks/s, {Format.Count(result.NanosecondsPerTask)} ns/task"
                + (measured.Count > 1 ? $" (median of {measured.Count} runs)" : "")
            : $"stopped after {Format.Duration(result.Elapsed)} with {Format.Count(result.Tasks)} of {Format.Count(workload.TaskCount)} tasks submitted");
        if (measured.Count > 1 && result.Succeeded)
            WriteField(output, "Runs", "ns/task " + string.Join(" ", measured.Select(m => Format.Count(m.Result.NanosecondsPerTask))));
        var warmups = warmup == 0 ? "" : $" after {warmup} warm-up run{(warmup == 1 ? "" : "s")}";
        WriteField(output, "Note", $"{(measured.Count > 1 ? $"the median of {measured.Count} runs{warmups}" : warmup == 0 ? "one cold run" : $"one run{warmups}")}, not a benchmark: "
            + "to compare ns/task use 'bench' (BenchmarkDotNet: warm-up, repeated measurements, error bounds; see perf/README.md)");
        WriteField(output, "Profiling", config.Profile ? ProfileReport.DescribeCost(result.Profiles, result.OrchestratorProfile, result.Elapsed) : "off (--no-profile)");
        WriteField(output, "Gate", DescribeGate(config, result));
        WriteField(output, "Verdict", result.Error is not null ? $"FAILED: runtime error: {result.Error}"
            : mismatch is not null ? $"MISMATCH: {mismatch}"
            : "OK: the output matches the sequential reference");
        if (result.StallDiagnostics is not null)
        {
            output.WriteLine("Stall diagnostics:");
            output.WriteLine(result.StallDiagnostics.TrimEnd());
        }
        output.WriteLine();
        // Only a complete run's counts add up to the workload.
        var allocTasks = result.Succeeded ? expected.Structure.IsAlloc.Count(isAlloc => isAlloc) : 0;
        ProfileReport.Write(output, result.Profiles, config.Profile, workload.TaskCount, allocTasks);
        ProfileReport.Write(output, result.OrchestratorProfile);
        return result.Succeeded && mismatch is null ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static (RunResult Result, string? Mismatch) RunVerified(ITaskRuntime runtime, Workload workload, ReferenceResult expected)
    {
        var result = runtime.Run(workload);
        return (result, result.Succeeded ? Verifier.Compare(expected, result.Record, result.FinalGlobals) : null);
    }

    private RuntimeConfig BuildConfig(ParseResult parseResult)
    {
        var schedulers = parseResult.GetValue(_schedulers);
        return new RuntimeConfig
        {
            Schedulers = schedulers,
            Clusters = parseResult.GetValue(_clusters) ?? ClustersPerScheduler * schedulers,
            Window = parseResult.GetValue(_window),
            PollBudget = parseResult.GetValue(_pollBudget),
            Device = Enum.Parse<DeviceMode>(parseResult.GetRequiredValue(_device), ignoreCase: true),
            HeapElements = parseResult.GetValue(_heap),
            TimeoutMilliseconds = parseResult.GetValue(_timeout),
            FirstLocalId = parseResult.GetValue(_firstLocalId),
            // An absent collection option reads as empty; the parser never returns an empty list.
            LaunchCpuIds = parseResult.GetValue(_cpus) is { Length: > 0 } cpus ? cpus : null,
            Bugs = parseResult.GetValue(_variant),
            Profile = !parseResult.GetValue(_noProfile),
        };
    }

    private static void WriteConfiguration(TextWriter output, Workload workload, RuntimeConfig config, string runtime, bool withBugs)
    {
        var cpus = config.EffectiveLaunchCpuIds;
        var rows = new (string Label, string Value)[]
        {
            ("Workload", $"{workload.Name} ({Format.Count(workload.TaskCount)} tasks)"),
            ("Runtime", withBugs
                ? $"{runtime} on FastMemoryWithBugs with seeded bugs: {string.Join(", ", BugCatalog.All.Where(e => config.Bugs.HasFlag(e.Bug)).Select(e => e.Name))}"
                : $"{runtime} ({(runtime == RuntimeKinds.Wired ? "fanout lists and reference counts, seed §3" : "polling-based readiness, PR #1107")}), on FastMemory"),
            ("Build", BuildInfo.Describe()),
            ("Schedulers", $"{config.Schedulers} scheduler thread{(config.Schedulers == 1 ? "" : "s")} + 1 orchestrator thread"),
            ("Clusters", $"{config.Clusters} (x 1 AIC + 2 AIV = {Format.Count(3L * config.Clusters)} cores)"),
            ("Window", $"{Format.Count(config.Window)} slots, first local id {config.FirstLocalId.ToString(CultureInfo.InvariantCulture)}"),
            ("Poll budget", runtime == RuntimeKinds.Wired ? "none (the wired runtime does not poll)" : $"{config.PollBudget} pending tasks per loop iteration"),
            ("Device", config.Device switch
            {
                DeviceMode.Zero => "zero (kernels finish at once)",
                DeviceMode.Timed => "timed (kernels take their simulated duration)",
                _ => "empty (kernels finish at once and do no work; verification checks that each task ran once)",
            }),
            ("Heap", $"{Format.Count(config.HeapElements)} elements"),
            ("Launched CPUs", $"{string.Join(",", cpus)} ({cpus.Count} threads; the gate keeps {config.WantedThreads})"),
            ("Timeout", config.TimeoutMilliseconds == 0 ? "off" : $"{Format.Count(config.TimeoutMilliseconds)} ms without progress"),
        };
        foreach (var (label, value) in rows) WriteField(output, label, value);
    }

    private static void WriteField(TextWriter output, string label, string value)
        => output.WriteLine(label.PadRight(LabelWidth) + value);

    /// <summary>Which exec index the gate gave each launched thread, e.g. <c>cpu0→1 cpu1→0 cpu2→out</c>.</summary>
    private static string DescribeGate(RuntimeConfig config, RunResult result)
    {
        var cpus = config.EffectiveLaunchCpuIds;
        var passes = result.GatePasses.Select((pass, i) =>
            $"cpu{cpus[i]}->{(pass.Survives ? pass.ExecIndex.ToString(CultureInfo.InvariantCulture) : "out")}");
        return $"exec index per launched thread: {string.Join(" ", passes)} (exec {config.WantedThreads - 1} is the orchestrator)";
    }

    /// <summary>
    /// Without <c>--cpus</c> the run launches <c>--schedulers</c> + 3 threads on CPU ids 0, 1, 2, ..., which the gate's
    /// 64-bit mask bounds; the message names the option and its maximum rather than the CPU id that falls outside.
    /// </summary>
    private void ValidateSchedulers(OptionResult result)
    {
        var schedulers = result.GetValueOrDefault<int>();
        if (schedulers < 1)
            result.AddError($"--schedulers must be >= 1 (got {schedulers})");
        else if (schedulers > RuntimeConfig.MaxSchedulersOnDefaultCpus && result.GetResult(_cpus) is null)
            result.AddError($"--schedulers must be <= {RuntimeConfig.MaxSchedulersOnDefaultCpus} without --cpus (got {schedulers}): "
                + $"the run launches --schedulers + 3 threads on CPU ids 0, 1, 2, ... and the affinity gate's mask has {AffinityGateLimits.CpuIds} bits "
                + $"(CPU ids 0..{AffinityGateLimits.CpuIds - 1}); --cpus may repeat ids");
    }

    private static int[] ParseCpuIds(ArgumentResult result)
    {
        var text = result.Tokens[0].Value;
        var ids = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                result.AddError($"--cpus: '{part}' in '{text}' is not an integer; expected comma-separated CPU ids, e.g. 0,1,2,3");
                return [];
            }
            if (id is < 0 or >= AffinityGateLimits.CpuIds)
            {
                result.AddError($"--cpus: CPU id {id} is out of range: the affinity gate's mask has {AffinityGateLimits.CpuIds} bits (CPU ids 0..{AffinityGateLimits.CpuIds - 1})");
                return [];
            }
            ids.Add(id);
        }
        return ids.ToArray();
    }

    private static Bug ParseVariants(ArgumentResult result)
    {
        try
        {
            return BugCatalog.Parse(result.Tokens[0].Value);
        }
        catch (ArgumentException e)
        {
            result.AddError($"--variant: {e.Message}");
            return Bug.None;
        }
    }
}
