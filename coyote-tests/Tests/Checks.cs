using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>The small test base: explore expecting no bug, or expecting a bug that then replays from its trace.</summary>
internal static class Checks
{
    public static string TraceFolder { get; } = Path.Combine(Path.GetTempPath(), "wireless-coyote-tests", Guid.NewGuid().ToString("N"));

    public static async Task ExpectNoBug(Scenario scenario, string strategy, int iterations, uint seed)
    {
        var outcome = await Task.Run(() => Explorer.Explore(scenario, Options(strategy, iterations, seed, Bug.None)));
        Assert.True(outcome.Bug is null, $"{scenario.Name} ({strategy}, seed {seed}): {outcome.Bug}\ntrace: {outcome.TracePath}");
        Assert.Equal(iterations, outcome.Iterations);
    }

    /// <summary>Explores until the bug shows; asserts its property; replays its trace and asserts the same bug.</summary>
    public static async Task<ScenarioOutcome> ExpectBug(Scenario scenario, Bug variant, string property, string strategy, int iterations, uint seed)
    {
        var outcome = await Task.Run(() => Explorer.Explore(scenario, Options(strategy, iterations, seed, variant)));
        Assert.True(outcome.Bug is not null, $"{scenario.Name} with {BugCatalog.NameOf(variant)}: no bug in {outcome.Iterations} iterations");
        Assert.StartsWith($"[{property}]", outcome.Bug);

        var replay = await Task.Run(() => Replayer.Replay(BugTrace.Load(outcome.TracePath!)));
        Assert.True(replay.Reproduced, $"the trace {outcome.TracePath} did not reproduce: {outcome.Bug}");
        Assert.Equal(outcome.Bug, replay.Bug);
        Assert.NotEmpty(replay.Steps);
        return outcome;
    }

    private static ExploreOptions Options(string strategy, int iterations, uint seed, Bug variant) => new()
    {
        Iterations = iterations,
        Seconds = 0,
        Strategy = strategy,
        Seed = seed,
        Variant = variant,
        TraceFolder = TraceFolder,
    };
}
