using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// C1, conformance of the runtime to the protocol model (spec/SPEC.md §7): the correct runtime's runs are runs of the
/// model (the scenario tests run with it on), and these show the check's teeth: the seeded runtime bugs whose runs
/// leave the model are reported as C1 mismatches, earlier than the monitors would see the damage, and replay.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class ConformanceTests
{
    [Theory(Timeout = 300_000)]
    [InlineData("no-sentinel", "paged-attention-small1")]
    [InlineData("no-scope-pin", "scoped-outputs")]
    [InlineData("unchecked-stamp", "wide-fanin")]
    [InlineData("ignore-last-fanin", "chain")]
    [InlineData("double-wake", "chain")]
    [InlineData("cursor-past-unmet", "diamond")]
    [InlineData("reclaim-ignores-consumer", "chain")]
    [InlineData("watermark-stall", "small-ring")]
    public async Task A_runtime_bug_leaves_the_model(string variant, string scenario)
    {
        var (bugs, _) = Explorer.ParseVariants(variant);
        var outcome = await Checks.ExpectBug(ScenarioCatalog.Find(scenario)!, bugs, null, "C1", "random", iterations: 100, seed: 1,
            memoryModel: false, conformance: true);
        Assert.Contains("is not a step of the model", outcome.Bug);
    }

    [Fact]
    public async Task The_correct_runtime_conforms_and_the_check_ran()
    {
        var outcome = await ExploreWithConformance("diamond", iterations: 20, memoryModel: false);
        Assert.Null(outcome.ConformanceSkipped);
        Assert.Contains("C1", outcome.Checks);
        // Every iteration's labels were matched against the model: at least one per task published, dispatched, completed.
        Assert.True(outcome.ConformanceLabels >= 20 * 3 * 8, $"only {outcome.ConformanceLabels} labels were matched in 20 iterations");
    }

    [Fact]
    public async Task Under_the_memory_model_conformance_is_left_out_and_says_why()
    {
        var outcome = await ExploreWithConformance("chain", iterations: 3, memoryModel: true);
        Assert.Equal(Iteration.NotUnderMemoryModel, outcome.ConformanceSkipped);
        Assert.DoesNotContain("C1", outcome.Checks);
        Assert.Equal(0, outcome.ConformanceLabels);
    }

    /// <summary>Explores the correct runtime with conformance asked for; asserts no bug.</summary>
    private static async Task<ScenarioOutcome> ExploreWithConformance(string scenario, int iterations, bool memoryModel)
    {
        var outcome = await Task.Run(() => Explorer.Explore(ScenarioCatalog.Find(scenario)!, new ExploreOptions
        {
            Iterations = iterations, Seconds = 0, Seed = 2, MemoryModel = memoryModel, Conformance = true, TraceFolder = Checks.TraceFolder,
        }));
        Assert.Null(outcome.Bug);
        return outcome;
    }
}
