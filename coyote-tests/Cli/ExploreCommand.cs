using System.CommandLine;
using System.Globalization;
using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;
using Wireless.Checking.Seam;
using Wireless.Orchestration;
using Wireless.Verification;
using Wireless.Workloads;

namespace Wireless.Checking.Cli;

/// <summary>
/// <c>explore</c>: explores scenarios under Coyote within a budget; prints progress and a closing table; writes a
/// trace for every bug; exits 1 if any bug was found.
/// </summary>
internal sealed class ExploreCommand : Command
{
    private static readonly ExploreOptions Defaults = new();

    private readonly Argument<string> _target = new("target")
    {
        Description = "A scenario name (see 'list'), random:<seed>:<tasks> for a random DAG, the path of a DAG .json file of the run command, "
            + "'all' (every scenario but the proof-sized ones), or 'proofs' (the proof-sized scenarios, for --strategy bounded).",
        DefaultValueFactory = _ => "all",
    };

    private readonly Option<int> _iterations = new("--iterations")
    {
        Description = "Iterations per scenario (each explores one interleaving).",
        DefaultValueFactory = _ => Defaults.Iterations,
    };

    private readonly Option<int> _seconds = new("--seconds")
    {
        Description = "Wall-clock budget per scenario in seconds (0: no limit); exploration stops at whichever budget ends first.",
        DefaultValueFactory = _ => Defaults.Seconds,
    };

    private readonly Option<string> _strategy = new("--strategy")
    {
        Description = "Coyote's sampling strategies: random, pct (priority-based, fair), probabilistic, portfolio (Coyote's default mix); "
            + "or bounded: every schedule with at most --preemptions preemptions, K = 0, 1, ... in turn (needs --memory-model off; "
            + "each scenario searched whole by one worker process); a bound searched to the end without a bug is a proof for that scenario and bound.",
        DefaultValueFactory = _ => Defaults.Strategy,
    };

    private readonly Option<int> _preemptions = new("--preemptions")
    {
        Description = "The bounded strategy's largest preemption bound K.",
        DefaultValueFactory = _ => Defaults.Preemptions,
    };

    private readonly Option<string> _plainPoints = new("--plain-points")
    {
        Description = "'on': a scheduling point before every plain access to shared memory too, so a thread can be delayed right "
            + "after a hand-off; 'off': before ordered accesses only; 'auto': on for the bounded strategy, off for the others.",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<uint> _seed = new("--seed")
    {
        Description = "Seed of the strategy's random choices; the same seed explores the same interleavings.",
        DefaultValueFactory = _ => Defaults.Seed,
    };

    private readonly Option<string> _variant = new("--variant")
    {
        Description = "Seeded-bug variant(s) of the runtime to explore, comma-separated (see 'list'); 'none' for the correct runtime.",
        DefaultValueFactory = _ => "none",
    };

    private readonly Option<string> _memoryModel = new("--memory-model")
    {
        Description = "'on': loads may read any store RC11 allows (the C++ memory model without load buffering; C++20's release "
            + "sequences; spec/SPEC.md §8.1) and plain accesses are checked for data races; 'off': sequentially consistent interleavings only (faster).",
        DefaultValueFactory = _ => "on",
    };

    private readonly Option<string> _conformance = new("--conformance")
    {
        Description = "'on': every run's labelled actions are replayed against the protocol model (spec/), and a step the model "
            + "cannot take is a bug (C1); 'off': the specification monitors only (faster).",
        DefaultValueFactory = _ => Defaults.Conformance ? "on" : "off",
    };

    private readonly Option<string> _runtime = new("--runtime")
    {
        Description = "The runtime under test: 'wireless' (the design of PR #1107) or 'wired' (the fanout/refcount baseline it "
            + "replaced, on the same ring, device and seam; its own seeded-bug variant only, and no conformance check).",
        DefaultValueFactory = _ => Defaults.Runtime,
    };

    private readonly Option<string> _idle = new("--idle")
    {
        Description = "The idle-poll reduction (spec/SPEC.md §9.1): 'block' a thread whose polls only re-read unchanged values "
            + "until another thread stores to one of them; 'verify' its premise instead (slower; a violation is a bug); 'off'.",
        DefaultValueFactory = _ => Defaults.Idle.ToString().ToLowerInvariant(),
    };

    private readonly Option<int> _workers = new("--workers")
    {
        Description = "Worker processes exploring disjoint parts at once (each its share of --iterations, with its own seed; "
            + "under --strategy bounded, its share of the scenarios); their results are merged. 1: explore in this process.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private readonly Option<string> _shard = new("--shard")
    {
        Description = "Explore only part i of n (0-based, i/n): its share of --iterations with seed --seed + i (under --strategy "
            + "bounded, its share of the scenarios, each searched whole), for a CI matrix, a Kubernetes indexed Job or a Slurm "
            + "array; combine the parts' --results files with 'merge'.",
        DefaultValueFactory = _ => "0/1",
    };

    private readonly Option<string?> _results = new("--results")
    {
        Description = "Write the outcome of every scenario to this JSON file (for 'merge').",
    };

    /// <summary>Set by <see cref="Workers"/> for its children (<see cref="ExploreOptions.StopFolder"/>).</summary>
    private readonly Option<string?> _stopFolder = new("--stop-folder") { Hidden = true };

    private readonly Option<string> _traces = new("--traces")
    {
        Description = "Folder for the trace files of found bugs.",
        DefaultValueFactory = _ => Defaults.TraceFolder,
    };

    public ExploreCommand() : base("explore", "Explore interleavings of the runtime's code under Coyote and check the specification.")
    {
        Arguments.Add(_target);
        Options.Add(_iterations);
        Options.Add(_seconds);
        Options.Add(_strategy);
        Options.Add(_preemptions);
        Options.Add(_plainPoints);
        _plainPoints.AcceptOnlyFromAmong("on", "off", "auto");
        Options.Add(_seed);
        Options.Add(_variant);
        Options.Add(_memoryModel);
        Options.Add(_conformance);
        Options.Add(_runtime);
        _runtime.AcceptOnlyFromAmong([.. RuntimeKinds.Names]);
        Options.Add(_idle);
        _idle.AcceptOnlyFromAmong("block", "verify", "off");
        Options.Add(_traces);
        Options.Add(_workers);
        Options.Add(_shard);
        Options.Add(_results);
        Options.Add(_stopFolder);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        ExploreOptions options;
        List<Scenario> scenarios;
        Shard shard;
        int workers, total;
        try
        {
            var (variant, ordering) = Explorer.ParseVariants(parseResult.GetValue(_variant));
            var strategy = Strategy(parseResult.GetValue(_strategy)!);
            var bounded = strategy == ExploreOptions.Bounded;
            var iterationsGiven = parseResult.GetResult(_iterations) is { Implicit: false };
            options = new ExploreOptions
            {
                // The bounded strategy runs until its space is exhausted unless given a count of schedules.
                Iterations = bounded && !iterationsGiven ? int.MaxValue : Positive(parseResult.GetValue(_iterations), "--iterations"),
                Seconds = NonNegative(parseResult.GetValue(_seconds), "--seconds"),
                Strategy = strategy,
                Preemptions = parseResult.GetValue(_preemptions),
                PlainPoints = parseResult.GetValue(_plainPoints) switch { "on" => true, "off" => false, _ => null },
                Seed = parseResult.GetValue(_seed),
                Variant = variant,
                Ordering = ordering,
                MemoryModel = OnOff(parseResult.GetValue(_memoryModel), "--memory-model"),
                Conformance = OnOff(parseResult.GetValue(_conformance), "--conformance"),
                Runtime = parseResult.GetValue(_runtime)!,
                Idle = Enum.Parse<IdleReduction>(parseResult.GetValue(_idle)!, ignoreCase: true),
                TraceFolder = parseResult.GetValue(_traces)!,
                StopFolder = parseResult.GetValue(_stopFolder),
            };
            options.Validate();
            shard = Shard.Parse(parseResult.GetValue(_shard)!);
            scenarios = Resolve(parseResult.GetValue(_target)!);
            // The bounded strategy's parts are scenarios, each searched whole; the others' parts share the iterations.
            total = scenarios.Count;
            if (bounded) scenarios = scenarios.Where((_, i) => shard.Owns(i, total)).ToList();
            // More workers than this part's iterations (or scenarios) would leave some with nothing to explore.
            workers = Math.Min(Positive(parseResult.GetValue(_workers), "--workers"), Math.Max(1, bounded ? scenarios.Count : shard.ShareOf(options.Iterations)));
        }
        catch (Exception e) when (e is ArgumentException or RuntimeErrorException or IOException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        // Said once here when it holds for every scenario; a scenario the model cannot represent says so on its own line.
        var runWideSkip = options.Conformance ? Iteration.WhyNoConformance(options.Runtime, options.MemoryModel) : null;
        var exploration = $"{total} scenario(s) ({parseResult.GetValue(_target)}) of the {options.Runtime} runtime with variant {Explorer.VariantName(options.Variant, options.Ordering)}, "
            + $"memory model {(options.MemoryModel ? "release/acquire (C/C++11)" : "sequentially consistent")}, "
            + $"conformance to the protocol model {(!options.Conformance ? "off" : runWideSkip is null ? "on" : "not checked")}, idle polls {IdleName(options.Idle)}, "
            + $"scheduling points before {(options.PlainPointsInForce ? "every shared access" : "ordered accesses")}, "
            + (options.IsBounded ? $"strategy bounded (K = 0..{options.Preemptions} preemptions); budget {(options.Iterations == int.MaxValue ? "" : $"{options.Iterations} schedules or ")}"
                : $"strategy {options.Strategy}, seed {options.Seed}; budget {options.Iterations} iterations or ")
            + $"{(options.Seconds == 0 ? "no time limit" : $"{options.Seconds} s")} per scenario";
        var parts = workers > 1 ? $", in {workers} worker processes" : "";
        output.WriteLine($"Exploring {exploration}{(shard.IsWhole ? "" : $"; part {shard} of it")}{parts}.");
        output.WriteLine($"Code under test: {BuildInfo.Describe()}. Traces of bugs go to {Path.GetFullPath(options.TraceFolder)}");
        if (runWideSkip is not null) output.WriteLine($"No conformance check: {runWideSkip}.");
        foreach (var s in scenarios)
            if (s.DagJson is not null && s.Workload!() is JsonDag { Faults.Count: > 0 } dag)
                output.WriteLine($"Note: {s.Name} injects kernel faults on purpose ({string.Join(", ", dag.Faults)}): the runtime must report "
                    + "them as errors, so a bug reported as [E] in this scenario is the DAG's own fault, not the runtime's.");

        IReadOnlyList<ScenarioOutcome> outcomes;
        // A bounded search runs in a worker process even alone: pinned to one CPU, Coyote's handoffs from thread to thread
        // (several per schedule) are plain context switches, not spins (measured: 1.8x the schedules per second).
        if (workers > 1 || (options.IsBounded && options.StopFolder is null && scenarios.Count > 0))
        {
            var merged = Workers.Run(workers, shard, ChildArguments(parseResult), output, error);
            if (merged is null) return ExitCodes.WorkerFailed;
            outcomes = merged;
        }
        else
        {
            outcomes = ExploreHere(scenarios, shard.ApplyTo(options), runWideSkip, output);
        }
        if (parseResult.GetValue(_results) is { } results)
        {
            new ExploreResults
            {
                Format = ExploreResults.CurrentFormat,
                Exploration = exploration,
                ShardIndex = shard.Index,
                ShardCount = shard.Count,
                Outcomes = outcomes,
            }.Save(results);
        }
        return OutcomeReport.Write(output, outcomes, listBugs: false);
    }

    /// <summary>Explores every scenario in this process, printing progress and each scenario's verdict.</summary>
    private static List<ScenarioOutcome> ExploreHere(List<Scenario> scenarios, ExploreOptions options, string? runWideSkip, TextWriter output)
    {
        var outcomes = new List<ScenarioOutcome>();
        foreach (var scenario in scenarios)
        {
            if (options.Iterations == 0)
            {
                // A part of a sharded exploration with more parts than iterations.
                outcomes.Add(new ScenarioOutcome(scenario.Name, 0, 0, 0, TimeSpan.Zero, null, null, scenario.Properties, null));
                output.WriteLine($"  {scenario.Name}: no iterations in this part");
                continue;
            }
            var outcome = Explorer.Explore(scenario, options, output);
            outcomes.Add(outcome);
            if (outcome.ConformanceSkipped is { } why && why != runWideSkip) output.WriteLine($"  {scenario.Name}: no conformance check: {why}");
            output.WriteLine(outcome.Bug is not null
                ? $"  {scenario.Name}: BUG in {(outcome.Levels is null ? "iteration" : "schedule")} {outcome.Iterations}: {outcome.Bug}\n    trace: {outcome.TracePath}\n    replay: dotnet run --project coyote-tests -- replay {outcome.TracePath}"
                : outcome.Levels is null ? $"  {scenario.Name}: no bug in {outcome.Iterations} iterations ({outcome.IterationsPerSecond:F0} it/s)"
                : BoundedVerdict(outcome, options));
        }
        return outcomes;
    }

    /// <summary>What a bounded search without a bug showed: the proof statement for the largest exhausted bound.</summary>
    private static string BoundedVerdict(ScenarioOutcome outcome, ExploreOptions options)
    {
        var memory = "sequentially consistent memory, idle polls blocked (spec/SPEC.md §9.1)";
        var proof = outcome.ProvedBound is { } k
            ? $"  {outcome.Name}: PROVED for K = {k}: every schedule with at most {k} preemption(s) ({outcome.Levels!.First(l => l.Bound == k).Schedules:N0} schedules) "
                + $"keeps {outcome.Checks} ({memory}, scheduling points before {(options.PlainPointsInForce ? "every shared access" : "ordered accesses")})"
            : $"  {outcome.Name}: no bound exhausted";
        var last = outcome.Levels![^1];
        return last.Exhausted ? proof : $"{proof}\n  {outcome.Name}: K = {last.Bound} not exhausted: no bug in {last.Schedules:N0} schedules, at least {last.OpenBranches:N0} left";
    }

    /// <summary>The explore arguments of this run for a worker process, without --shard, --results and --workers.</summary>
    private List<string> ChildArguments(ParseResult parseResult) =>
    [
        "explore", parseResult.GetValue(_target)!,
        // The bounded strategy without a count searches until the space is exhausted: so do its workers.
        .. parseResult.GetResult(_iterations) is { Implicit: true } && Strategy(parseResult.GetValue(_strategy)!) == ExploreOptions.Bounded
            ? Array.Empty<string>() : ["--iterations", parseResult.GetValue(_iterations).ToString(CultureInfo.InvariantCulture)],
        "--seconds", parseResult.GetValue(_seconds).ToString(CultureInfo.InvariantCulture),
        "--strategy", parseResult.GetValue(_strategy)!,
        "--preemptions", parseResult.GetValue(_preemptions).ToString(CultureInfo.InvariantCulture),
        "--plain-points", parseResult.GetValue(_plainPoints)!,
        "--seed", parseResult.GetValue(_seed).ToString(CultureInfo.InvariantCulture),
        "--variant", parseResult.GetValue(_variant)!,
        "--memory-model", parseResult.GetValue(_memoryModel)!,
        "--conformance", parseResult.GetValue(_conformance)!,
        "--runtime", parseResult.GetValue(_runtime)!,
        "--idle", parseResult.GetValue(_idle)!,
        "--traces", Path.GetFullPath(parseResult.GetValue(_traces)!),
    ];

    private static List<Scenario> Resolve(string target)
    {
        if (target == "all") return [.. ScenarioCatalog.All];
        if (target == "proofs") return [.. ScenarioCatalog.Proofs];
        if (ScenarioCatalog.Find(target) is { } named) return [named];
        if (WorkloadCatalog.IsDagFile(target))
        {
            if (!File.Exists(target)) throw new IOException($"no such DAG file: {target}");
            var scenario = ScenarioCatalog.FromJson(target);
            // A program the runtime rejects (as run does) is bad input, not a bug: its sequential reference says so first.
            new SequentialExecutor(scenario.CheckedConfig(Bug.None)).Run(scenario.Workload!());
            return [scenario];
        }
        throw new ArgumentException($"unknown scenario '{target}'; known: {string.Join(", ", ScenarioCatalog.All.Concat(ScenarioCatalog.Proofs).Select(s => s.Name))}, random:<seed>:<tasks>, all, proofs, or the path of a JSON DAG file");
    }

    private static string IdleName(IdleReduction idle) => idle switch
    {
        IdleReduction.Block => "block",
        IdleReduction.Verify => "verified (not blocking)",
        _ => "yield",
    };

    private static bool OnOff(string? value, string name) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"{name} must be 'on' or 'off' (got '{value}')"),
    };

    private static string Strategy(string s)
        => ExploreOptions.Strategies.Contains(s) ? s : throw new ArgumentException($"unknown strategy '{s}'; known: {string.Join(", ", ExploreOptions.Strategies)}");

    private static int Positive(int v, string name) => v > 0 ? v : throw new ArgumentException($"{name} must be positive (got {v})");

    private static int NonNegative(int v, string name) => v >= 0 ? v : throw new ArgumentException($"{name} must be >= 0 (got {v})");

}
