using Wireless.Checking.Cli;
using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The bounded strategy (spec/SPEC.md §9.2): every proof-sized scenario's space of schedules with at most one
/// preemption is searched to the end without a bug (a proof for K = 1), and seeded bugs are caught within two
/// preemptions, their traces replaying the bounded schedule. K = 2 of the proofs is behind <c>explore proofs --strategy bounded
/// --memory-model off --preemptions 2</c>.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class BoundedTests
{
    public static TheoryData<string> ProofScenarios => new(ScenarioCatalog.Proofs.Select(s => s.Name));

    /// <summary>Runs <c>explore proofs --strategy bounded --preemptions 1</c> once, as a user would (a pinned worker per core).</summary>
    private static readonly Lazy<(IReadOnlyList<ScenarioOutcome> Outcomes, string Output)> s_proofs = new(() =>
    {
        var results = Path.Combine(Checks.TraceFolder, "proofs-k1.json");
        var (exit, output) = Checks.RunCommandLine("explore", "proofs", "--strategy", "bounded", "--preemptions", "1", "--memory-model", "off",
            "--seconds", "0", "--traces", Checks.TraceFolder, "--results", results);
        Assert.True(exit == ExitCodes.Ok, $"explore proofs exited with {exit}:\n{output}");
        return (ExploreResults.Load(results).Outcomes, output);
    });

    [Theory(Timeout = 600_000)]
    [MemberData(nameof(ProofScenarios))]
    public async Task Exhausts_every_schedule_with_at_most_one_preemption(string scenario)
    {
        var (outcomes, output) = await Task.Run(() => s_proofs.Value);
        var outcome = outcomes.SingleOrDefault(o => o.Name == scenario);
        Assert.True(outcome is not null, $"no outcome for {scenario}:\n{output}");
        Assert.True(outcome.Bug is null, $"{scenario}: {outcome.Bug}\ntrace: {outcome.TracePath}");
        Assert.Equal([0, 1], outcome.Levels!.Select(l => l.Bound));
        Assert.All(outcome.Levels!, l => Assert.True(l.Exhausted, $"{scenario}: K = {l.Bound} not exhausted after {l.Schedules} schedules"));
        Assert.Equal(1, outcome.ProvedBound);
        Assert.Contains($"{scenario}: PROVED for K = 1: every schedule with at most 1 preemption(s)", output);
        // Choices where the running thread cannot go on are enumerated even without preemptions.
        Assert.True(outcome.Levels![0].Schedules > 1, $"{scenario}: a single schedule at K = 0");
        if (ScenarioCatalog.Find(scenario)!.CustomBody is not null)
        {
            // The gate's own properties; the protocol model has no gate.
            Assert.Equal("G1-G4", outcome.Checks);
            return;
        }
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
        { "narrow-cpu-mask",          "proof-gate-repeat", "L1" },
        { "popcount-barrier",         "proof-gate-repeat", "L1" },
        { "gate-no-reset",            "proof-gate-rank",   "G4" },
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

    /// <summary>
    /// A completer still closing its wake list while its slot is reclaimed and reused needs a chain of four and two
    /// well-placed preemptions: the search exhausts K = 1 (6,144 schedules) and finds it at K = 2 (schedule 78,249 of
    /// the whole search; 23-28 s on two cores). C1 sees it first; S2 is what follows (a task dispatched before its
    /// producer completed). BUGLOG: reclaim-before-close.
    /// </summary>
    [Fact(Timeout = 600_000)]
    public async Task Catches_a_late_close_at_two_preemptions_and_replays_it()
    {
        var (bugs, ordering) = Explorer.ParseVariants("reclaim-before-close");
        var outcome = await Checks.ExpectBug(ScenarioCatalog.Find("proof-late-close")!, bugs, ordering, "C1|S2", ExploreOptions.Bounded,
            iterations: 120_000, seed: 1, memoryModel: false, conformance: true);
        Assert.Equal(3, outcome.Levels!.Count);
        Assert.True(outcome.Levels[1].Exhausted, "K = 1 was not exhausted before the bug");
    }
}
