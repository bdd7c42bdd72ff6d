using Wireless.Checking.Exploration;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// Teeth: every seeded-bug variant is caught in its scenario, violating the property it breaks, and the trace of the
/// bug replays to the same bug. Runtime variants are caught with sequentially consistent exploration; ordering
/// variants only exist under the memory model. The budgets are generous multiples of what the fixed seeds need.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class VariantTests
{
    public static TheoryData<string, string, string, bool, int> Cases => new()
    {
        // variant,                 scenario,                 property, memory model, iterations
        { "narrow-cpu-mask",          "gate",                   "L1", false, 1000 },
        { "popcount-barrier",         "gate",                   "L1", false, 1000 },
        { "gate-no-reset",            "gate",                   "G4", false, 1000 },
        { "no-sentinel",              "paged-attention-small1", "L1", false, 1000 },
        { "plain-watermark",          "wide-fanin",             "S4", false, 1000 },
        { "lost-reclamation",         "small-ring",             "L1", false, 1000 },
        { "no-scope-pin",             "scoped-outputs",         "S3", false, 1000 },
        { "unchecked-stamp",          "wide-fanin",             "S3", false, 1000 },
        { "ignore-last-fanin",        "chain",                  "S2", false, 1000 },
        { "double-wake",              "chain",                  "S1", false, 1000 },
        { "cursor-past-unmet",        "diamond",                "S2", false, 1000 },
        { "reclaim-ignores-consumer", "chain",                  "S3", false, 1000 },
        { "unbounded-watermark",      "chain",                  "S4", false, 1000 },
        { "watermark-stall",          "small-ring",             "L1", false, 1000 },
        { "mix-hold-sentinel",        "id-wrap",                "L1", false, 1000 },
        { "wired-split-release",      "nested-scopes",          "R1", true, 1000 },
        { "plain-last-consumer",      "wide-fanin",             "R1|S3", true, 1000 },
        { "relaxed-completion-flag",  "chain",                  "R1", true, 1000 },
        { "relaxed-flag-poll",        "chain",                  "R1", true, 1000 },
        { "relaxed-sentinel-read",    "diamond",                "R1", true, 1000 },
        { "acqrel-watermark-walk",    "small-ring",             "L1", true, 1000 },
        { "acqrel-reclaim-recheck",   "chain",                  "L1", true, 1000 },
        { "relaxed-frontier",         "small-ring",             "S4", true, 1000 },
        { "acqrel-frontier",          "small-ring-inline",      "L1", true, 2000 },
        { "relaxed-wiring-queue",     "chain",                  "R1", true, 1000 },
        { "relaxed-last-task-alive",  "small-ring",             "R1", true, 1000 },
        { "relaxed-wake-list",        "chain",                  "R1", true, 1000 },
        { "relaxed-ready-queue",      "chain",                  "R1", true, 1000 },
        { "relaxed-dispatch",         "chain",                  "R1", true, 1000 },
        { "relaxed-core-finish",      "chain",                  "R1", true, 1000 },
        { "relaxed-gate-arrival",     "gate",                   "G2|G4", true, 1000 },
        { "relaxed-stamp-read",       "small-ring",             "R1", true, 2500 },
        { "relaxed-stamp",            "small-ring",             "R1", true, 1000 },
    };

    /// <summary>
    /// The cases explored with another strategy than random (pin.sh and perf/checker-speed.sh read this list): none
    /// today. <c>acqrel-frontier</c> was explored with PCT in small-ring (first caught at iteration 502 of seed 1, but
    /// in none of seeds 11 and 2001 within 1,400 iterations); random scheduling in small-ring-inline catches it in each
    /// of five seeds (at iterations 176 to 892), against none of four within 1,100 to 1,500 iterations in small-ring,
    /// where the core threads' steps dilute the three out-of-order completions it needs.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Strategies = new Dictionary<string, string>();

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Cases))]
    public async Task Is_caught_and_replays(string variant, string scenario, string property, bool memoryModel, int iterations)
    {
        var (bugs, ordering) = Explorer.ParseVariants(variant);
        await Checks.ExpectBug(ScenarioCatalog.Find(scenario)!, bugs, ordering, property, Strategies.GetValueOrDefault(variant, "random"),
            iterations, seed: 1, memoryModel);
    }

    /// <summary>An ordering variant whose rules match no access of its scenario would be caught by nothing it does.</summary>
    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Cases))]
    public async Task An_ordering_variant_weakens_accesses_of_its_scenario(string variant, string scenario, string property, bool memoryModel, int iterations)
    {
        _ = (property, iterations);
        if (OrderingVariants.Find(variant) is not { } ordering) return;
        Assert.True(memoryModel);
        var outcome = await Task.Run(() => Explorer.Explore(ScenarioCatalog.Find(scenario)!, new ExploreOptions
        {
            Iterations = 1, Seconds = 0, Ordering = ordering, MemoryModel = true, Conformance = false, TraceFolder = Checks.TraceFolder,
        }));
        Assert.True(outcome.Weakened > 0, $"{variant} weakened no access in {scenario}");
    }

    /// <summary>The count above can be zero: a rule for a location no access has weakens nothing.</summary>
    [Fact(Timeout = 300_000)]
    public async Task A_rule_that_matches_no_access_weakens_nothing()
    {
        var vacuous = new OrderingVariant("vacuous", "a rule for a location that does not exist", "R1",
            [new WeakeningRule(Memory.SpecAction.Complete, "no-such-location", AccessClass.Store, Memory.MemoryOrder.Relaxed)]);
        var outcome = await Task.Run(() => Explorer.Explore(ScenarioCatalog.Find("chain")!, new ExploreOptions
        {
            Iterations = 1, Seconds = 0, Ordering = vacuous, MemoryModel = true, TraceFolder = Checks.TraceFolder,
        }));
        Assert.Null(outcome.Bug);
        Assert.Equal(0, outcome.Weakened);
    }

    /// <summary>
    /// Variants that no sampling run of a default-sized budget reaches. <c>reclaim-before-close</c> needs a completer
    /// preempted between its flag store and its wake-list close while another thread completes, walks, reclaims and
    /// the orchestrator reuses the slot: the bounded search of <c>proof-late-close</c> finds it at K = 2, schedule
    /// 78,249 (about 4 minutes, behind <c>explore</c>); <c>dotnet test</c> replays its pinned trace (RegressionTests)
    /// and the exhaustive model catches it (spec tests).
    /// </summary>
    public static readonly string[] CaughtOnlyByTheBoundedSearch = ["reclaim-before-close"];

    [Fact]
    public void Every_variant_has_a_case()
    {
        var named = Cases.Select(c => (string)c[0]).Order().ToArray();
        var all = BugCatalog.All.Select(e => e.Name).Where(n => !CaughtOnlyByTheBoundedSearch.Contains(n))
            .Concat(OrderingVariants.All.Select(v => v.Name)).Order().ToArray();
        Assert.Equal(all, named);
    }
}
