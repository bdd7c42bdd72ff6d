using System.CommandLine;
using System.Globalization;
using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;
using Wireless.Checking.Seam;
using Wireless.Orchestration;
using Wireless.Reporting;

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
        Description = "A scenario name (see 'list'), random:<seed>:<tasks> for a random DAG, the path of a DAG .json file of the run command, or 'all'.",
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
        Description = "Coyote's exploration strategy: random, pct (priority-based, fair), probabilistic, or portfolio (Coyote's default mix).",
        DefaultValueFactory = _ => Defaults.Strategy,
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
        Description = "'on': loads may read any store the C/C++11 release/acquire model allows and plain accesses are checked for "
            + "data races; 'off': sequentially consistent interleavings only (faster).",
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
        Options.Add(_seed);
        Options.Add(_variant);
        Options.Add(_memoryModel);
        Options.Add(_conformance);
        Options.Add(_runtime);
        _runtime.AcceptOnlyFromAmong([.. RuntimeKinds.Names]);
        Options.Add(_idle);
        _idle.AcceptOnlyFromAmong("block", "verify", "off");
        Options.Add(_traces);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        ExploreOptions options;
        List<Scenario> scenarios;
        try
        {
            var (variant, ordering) = Explorer.ParseVariants(parseResult.GetValue(_variant));
            options = new ExploreOptions
            {
                Iterations = Positive(parseResult.GetValue(_iterations), "--iterations"),
                Seconds = NonNegative(parseResult.GetValue(_seconds), "--seconds"),
                Strategy = Strategy(parseResult.GetValue(_strategy)!),
                Seed = parseResult.GetValue(_seed),
                Variant = variant,
                Ordering = ordering,
                MemoryModel = OnOff(parseResult.GetValue(_memoryModel), "--memory-model"),
                Conformance = OnOff(parseResult.GetValue(_conformance), "--conformance"),
                Runtime = parseResult.GetValue(_runtime)!,
                Idle = Enum.Parse<IdleReduction>(parseResult.GetValue(_idle)!, ignoreCase: true),
                TraceFolder = parseResult.GetValue(_traces)!,
            };
            options.Validate();
            scenarios = Resolve(parseResult.GetValue(_target)!);
        }
        catch (Exception e) when (e is ArgumentException or RuntimeErrorException or IOException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        // Said once here when it holds for every scenario; a scenario the model cannot represent says so on its own line.
        var runWideSkip = options.Conformance ? Iteration.WhyNoConformance(options.Runtime, options.MemoryModel) : null;
        output.WriteLine($"Exploring {scenarios.Count} scenario(s) of the {options.Runtime} runtime with variant {Explorer.VariantName(options.Variant, options.Ordering)}, "
            + $"memory model {(options.MemoryModel ? "release/acquire (C/C++11)" : "sequentially consistent")}, "
            + $"conformance to the protocol model {(!options.Conformance ? "off" : runWideSkip is null ? "on" : "not checked")}, idle polls {IdleName(options.Idle)}, strategy {options.Strategy}, seed {options.Seed}; "
            + $"budget {options.Iterations} iterations or {(options.Seconds == 0 ? "no time limit" : $"{options.Seconds} s")} per scenario.");
        output.WriteLine($"Code under test: {BuildInfo.Describe()}. Traces of bugs go to {Path.GetFullPath(options.TraceFolder)}");
        if (runWideSkip is not null) output.WriteLine($"No conformance check: {runWideSkip}.");
        var outcomes = new List<ScenarioOutcome>();
        foreach (var scenario in scenarios)
        {
            var outcome = Explorer.Explore(scenario, options, output);
            outcomes.Add(outcome);
            if (outcome.ConformanceSkipped is { } why && why != runWideSkip) output.WriteLine($"  {scenario.Name}: no conformance check: {why}");
            output.WriteLine(outcome.Bug is null
                ? $"  {scenario.Name}: no bug in {outcome.Iterations} iterations ({outcome.IterationsPerSecond:F0} it/s)"
                : $"  {scenario.Name}: BUG in iteration {outcome.Iterations}: {outcome.Bug}\n    trace: {outcome.TracePath}\n    replay: dotnet run --project coyote-tests -- replay {outcome.TracePath}");
        }

        output.WriteLine();
        var table = new TextTable(("scenario", false), ("iterations", true), ("it/s", true), ("steps/it", true), ("max steps", true),
            ("GC pause", true), ("KB/it", true), ("checks", false), ("bugs", true));
        foreach (var o in outcomes)
        {
            var perIteration = Math.Max(1, o.Iterations);
            table.AddRow(o.Scenario.Name, Num(o.Iterations), o.IterationsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                Num(o.TotalSteps / perIteration), Num(o.MaxSteps), o.GcPauseShare.ToString("P0", CultureInfo.InvariantCulture),
                Num(o.AllocatedBytes / 1024 / perIteration), o.Checks, o.Bug is null ? "0" : "1");
        }
        table.Write(output);
        var bugs = outcomes.Count(o => o.Bug is not null);
        output.WriteLine(bugs == 0 ? "No bug found." : $"{bugs} scenario(s) found a bug.");
        return bugs == 0 ? ExitCodes.Ok : ExitCodes.Bug;
    }

    private static List<Scenario> Resolve(string target)
    {
        if (target == "all") return [.. ScenarioCatalog.All];
        if (target.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(target)) throw new IOException($"no such DAG file: {target}");
            return [ScenarioCatalog.FromJson(target)];
        }
        return [ScenarioCatalog.Find(target)
            ?? throw new ArgumentException($"unknown scenario '{target}'; known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}, random:<seed>:<tasks>, all, or a .json DAG file")];
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

    private static string Num(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
