using System.Collections.Concurrent;
using System.Globalization;
using Wireless.Checking.Cli;
using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The correct runtime passes every scenario: sequentially consistent under two strategies (with the conformance check),
/// and under the release/acquire memory model with race detection; the wired baseline passes the same scenarios under
/// the same monitors. Each mode is one <c>explore all</c> in worker processes (one per core, as the command line runs
/// it), whose results every scenario's case then checks. The budgets are ten times those of the checker before the
/// idle-poll reduction (issue 11) under the memory model and for the wired baseline, nearly four times with the
/// conformance check (sequentially consistent runs), whose search of the protocol model's states now costs most of an
/// iteration (three-schedulers: 11 iterations/s).
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class ScenarioTests
{
    /// <summary>An exploration of every scenario: the runtime, the strategy, the memory model and the iterations.</summary>
    public sealed record Mode(string Runtime, string Strategy, bool MemoryModel, int Iterations)
    {
        public override string ToString() => $"{Runtime}, {Strategy}, memory model {(MemoryModel ? "on" : "off")}, {Iterations} iterations";
    }

    private static readonly Mode[] Modes =
    [
        new(RuntimeKinds.Wireless, "random", false, 150),
        new(RuntimeKinds.Wireless, "pct", false, 150),
        new(RuntimeKinds.Wireless, "random", true, 250),
        new(RuntimeKinds.Wired, "random", false, 150),
        new(RuntimeKinds.Wired, "random", true, 150),
    ];

    private static readonly ConcurrentDictionary<Mode, Lazy<(IReadOnlyList<ScenarioOutcome> Outcomes, string Output)>> s_explorations = new();

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        for (var m = 0; m < Modes.Length; m++)
            foreach (var s in ScenarioCatalog.All.Where(s => Modes[m].Runtime == RuntimeKinds.Wireless || s.CustomBody is null))
                data.Add(s.Name, m);
        return data;
    }

    [Theory(Timeout = 600_000)]
    [MemberData(nameof(Cases))]
    public async Task The_runtime_passes(string scenario, int mode)
    {
        var (outcomes, output) = await Task.Run(() => s_explorations.GetOrAdd(Modes[mode], m => new(() => ExploreAll(m))).Value);
        var outcome = outcomes.SingleOrDefault(o => o.Name == scenario);
        Assert.True(outcome is not null, $"{Modes[mode]}: no outcome for {scenario}:\n{output}");
        Assert.True(outcome.Bug is null, $"{scenario} ({Modes[mode]}): {outcome.Bug}\ntrace: {outcome.TracePath}");
        Assert.Equal(Modes[mode].Iterations, outcome.Iterations);
    }

    [Fact(Timeout = 300_000)]
    public async Task A_random_DAG_by_seed_is_explored()
        => await Checks.ExpectNoBug(ScenarioCatalog.Find("random:77:10")!, "random", iterations: 30, seed: 5, memoryModel: true);

    [Fact(Timeout = 300_000)]
    public async Task A_DAG_file_of_the_run_command_is_explored()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "diamond.json");
        await Checks.ExpectNoBug(ScenarioCatalog.FromJson(path), "random", iterations: 30, seed: 3, memoryModel: true);
    }

    /// <summary>Runs <c>explore all</c> in the mode, in worker processes, and reads the merged results.</summary>
    private static (IReadOnlyList<ScenarioOutcome>, string) ExploreAll(Mode mode)
    {
        var results = Path.Combine(Checks.TraceFolder, $"scenarios-{mode.Runtime}-{mode.Strategy}-{mode.MemoryModel}.json");
        var (exit, output) = Checks.RunCommandLine(
            "explore", "all", "--runtime", mode.Runtime, "--strategy", mode.Strategy, "--memory-model", mode.MemoryModel ? "on" : "off",
            "--iterations", mode.Iterations.ToString(CultureInfo.InvariantCulture), "--seconds", "0", "--seed", "11",
            "--traces", Checks.TraceFolder, "--results", results);
        Assert.True(exit is ExitCodes.Ok or ExitCodes.Bug, $"explore all ({mode}) exited with {exit}:\n{output}");
        return (ExploreResults.Load(results).Outcomes, output);
    }
}
