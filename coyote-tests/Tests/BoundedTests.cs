using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The bounded strategy (spec/SPEC.md §9.2): every proof-sized scenario's space of schedules without preemption is
/// searched to the end without a bug (a proof for K = 0), and seeded bugs are caught within two preemptions, their
/// traces replaying the bounded schedule. K = 1 takes about a minute per scenario on 2 cores: run it with
/// <c>explore proofs --strategy bounded --memory-model off --preemptions 1</c>.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class BoundedTests
{
    public static TheoryData<string> ProofScenarios => new(ScenarioCatalog.Proofs.Select(s => s.Name));

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(ProofScenarios))]
    public async Task Exhausts_the_schedules_without_preemption(string scenario)
    {
        var options = new ExploreOptions
        {
            Strategy = ExploreOptions.Bounded,
            Preemptions = 0,
            Iterations = int.MaxValue,
            Seconds = 0,
            MemoryModel = false,
            TraceFolder = Checks.TraceFolder,
        };
        var outcome = await Task.Run(() => Explorer.Explore(ScenarioCatalog.Find(scenario)!, options));
        Assert.True(outcome.Bug is null, $"{scenario}: {outcome.Bug}\ntrace: {outcome.TracePath}");
        var level = Assert.Single(outcome.Levels!);
        Assert.True(level.Exhausted, $"{scenario}: K = 0 not exhausted after {level.Schedules} schedules");
        Assert.Equal(0, outcome.ProvedBound);
        // Choices where the running thread cannot go on are enumerated even without preemptions.
        Assert.True(level.Schedules > 1, $"{scenario}: a single schedule at K = 0");
        Assert.Contains("C1", outcome.Checks);
        Assert.True(outcome.ConformanceLabels > 0, $"{scenario}: no label was checked against the protocol model");
    }

    public static TheoryData<string, string, string> Variants => new()
    {
        // variant,                 proof scenario,      property (C1, the conformance check, often sees it first)
        { "no-sentinel",              "proof-wake-close",  "L1|C1" },
        { "ignore-last-fanin",        "proof-slot-reuse",  "S2|C1" },
        { "double-wake",              "proof-slot-reuse",  "S1|C1" },
        { "reclaim-ignores-consumer", "proof-slot-reuse",  "S3|C1" },
        { "unchecked-stamp",          "proof-slot-reuse",  "S3|C1" },
        { "lost-reclamation",         "proof-slot-reuse",  "L1" },
        { "plain-watermark",          "proof-wake-close",  "C1" },
        { "unbounded-watermark",      "proof-wake-close",  "C1" },
        { "watermark-stall",          "proof-wake-close",  "C1" },
        { "no-scope-pin",             "proof-scope-pin",   "C1" },
    };

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Variants))]
    public async Task Catches_a_variant_within_two_preemptions_and_replays_it(string variant, string scenario, string property)
    {
        var (bugs, ordering) = Explorer.ParseVariants(variant);
        var outcome = await Checks.ExpectBug(ScenarioCatalog.Find(scenario)!, bugs, ordering, property, ExploreOptions.Bounded,
            iterations: 5_000, seed: 1, memoryModel: false, conformance: true);
        Assert.True(outcome.Levels!.Count <= 3, $"{variant}: caught only at K = {outcome.Levels.Count - 1}");
    }
}
