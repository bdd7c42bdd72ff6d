using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The correct runtime passes every scenario: sequentially consistent under two strategies, and under the
/// release/acquire memory model with race detection (modest budgets; the explore command goes deeper). The wired
/// baseline passes the same workload scenarios under the same monitors.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class ScenarioTests
{
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var s in ScenarioCatalog.All)
        {
            data.Add(s.Name, "random", false);
            data.Add(s.Name, "pct", false);
            data.Add(s.Name, "random", true);
        }
        return data;
    }

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Cases))]
    public async Task The_correct_runtime_passes(string scenario, string strategy, bool memoryModel)
        => await Checks.ExpectNoBug(ScenarioCatalog.Find(scenario)!, strategy, iterations: memoryModel ? 25 : 40, seed: 11, memoryModel);

    public static TheoryData<string, bool> WiredCases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var s in ScenarioCatalog.All.Where(s => s.CustomBody is null))
        {
            data.Add(s.Name, false);
            data.Add(s.Name, true);
        }
        return data;
    }

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(WiredCases))]
    public async Task The_wired_baseline_passes(string scenario, bool memoryModel)
        => await Checks.ExpectNoBug(ScenarioCatalog.Find(scenario)!, "random", iterations: 15, seed: 11, memoryModel, RuntimeKinds.Wired);

    [Fact(Timeout = 300_000)]
    public async Task A_random_DAG_by_seed_is_explored()
        => await Checks.ExpectNoBug(ScenarioCatalog.Find("random:77:10")!, "random", iterations: 30, seed: 5, memoryModel: true);

    [Fact(Timeout = 300_000)]
    public async Task A_DAG_file_of_the_run_command_is_explored()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "diamond.json");
        await Checks.ExpectNoBug(ScenarioCatalog.FromJson(path), "random", iterations: 30, seed: 3, memoryModel: true);
    }
}
