using Wireless.Checking.Exploration;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The small test base: explore expecting no bug, or expecting a bug that then replays from its trace. The conformance
/// check (C1) is on wherever it applies (sequentially consistent exploration) when no bug is expected; a seeded bug is
/// looked for with the monitors alone unless the test asks for conformance, so each check shows its own teeth.
/// </summary>
internal static class Checks
{
    public static string TraceFolder { get; } = Path.Combine(Path.GetTempPath(), "wireless-coyote-tests", Guid.NewGuid().ToString("N"));

    public static async Task ExpectNoBug(Scenario scenario, string strategy, int iterations, uint seed, bool memoryModel,
        string runtime = RuntimeKinds.Wireless)
    {
        var options = Options(strategy, iterations, seed, Bug.None, null, memoryModel) with { Runtime = runtime };
        var outcome = await Task.Run(() => Explorer.Explore(scenario, options));
        Assert.True(outcome.Bug is null, $"{scenario.Name} ({runtime}, {strategy}, seed {seed}, memory model {memoryModel}): {outcome.Bug}\ntrace: {outcome.TracePath}");
        Assert.Equal(iterations, outcome.Iterations);
    }

    /// <summary>Explores until the bug shows; asserts its property; replays its trace and asserts the same bug.</summary>
    public static async Task<ScenarioOutcome> ExpectBug(Scenario scenario, Bug variant, OrderingVariant? ordering, string property,
        string strategy, int iterations, uint seed, bool memoryModel, bool conformance = false)
    {
        var name = Explorer.VariantName(variant, ordering);
        // A variant is explored on the runtime it belongs to (the wired baseline has its own).
        var runtime = BugCatalog.All.FirstOrDefault(e => (variant & e.Bug) != 0)?.Runtime ?? RuntimeKinds.Wireless;
        var options = Options(strategy, iterations, seed, variant, ordering, memoryModel) with { Conformance = conformance, Runtime = runtime };
        var outcome = await Task.Run(() => Explorer.Explore(scenario, options));
        Assert.True(outcome.Bug is not null, $"{scenario.Name} with {name}: no bug in {outcome.Iterations} iterations");
        Assert.True(property.Split('|').Any(p => outcome.Bug!.StartsWith($"[{p}]", StringComparison.Ordinal)),
            $"{scenario.Name} with {name}: expected a violation of {property}, got {outcome.Bug}");

        var replay = await Task.Run(() => Replayer.Replay(BugTrace.Load(outcome.TracePath!)));
        Assert.True(replay.Reproduced,
            $"the trace {outcome.TracePath} did not reproduce {outcome.Bug}\nthe replay: {replay.Divergence ?? replay.Bug ?? "no bug"}");
        Assert.Equal(outcome.Bug, replay.Bug);
        Assert.NotEmpty(replay.Steps);
        return outcome;
    }

    /// <summary>Runs the checker's command line in this process; returns its exit code and what it printed.</summary>
    public static (int Exit, string Output) RunCommandLine(params string[] args)
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            return (Cli.Program.Main(args), output.ToString());
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private static ExploreOptions Options(string strategy, int iterations, uint seed, Bug variant, OrderingVariant? ordering, bool memoryModel) => new()
    {
        Iterations = iterations,
        Seconds = 0,
        Strategy = strategy,
        Seed = seed,
        Variant = variant,
        Ordering = ordering,
        MemoryModel = memoryModel,
        TraceFolder = TraceFolder,
    };
}
