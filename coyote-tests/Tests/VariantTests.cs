using Wireless.Checking.Scenarios;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// Teeth: every seeded-bug variant is caught in its scenario, violating the property it breaks, and the trace of the
/// bug replays to the same bug. The budgets are generous multiples of what the default seeds need.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class VariantTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // variant,                 scenario,                 property it violates
        { "narrow-cpu-mask",          "gate",                   "L1" },
        { "popcount-barrier",         "gate",                   "L1" },
        { "gate-no-reset",            "gate",                   "G4" },
        { "no-sentinel",              "paged-attention-small1", "L1" },
        { "plain-watermark",          "wide-fanin",             "S4" },
        { "lost-reclamation",         "small-ring",             "L1" },
        { "no-scope-pin",             "scoped-outputs",         "S3" },
        { "unchecked-stamp",          "wide-fanin",             "S3" },
        { "ignore-last-fanin",        "chain",                  "S2" },
        { "double-wake",              "chain",                  "S1" },
        { "reclaim-ignores-consumer", "chain",                  "S3" },
        { "unbounded-watermark",      "chain",                  "S4" },
        { "watermark-stall",          "small-ring",             "L1" },
    };

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Cases))]
    public async Task Is_caught_and_replays(string variant, string scenario, string property)
        => await Checks.ExpectBug(ScenarioCatalog.Find(scenario)!, BugCatalog.Parse(variant), property, "random", iterations: 500, seed: 1);

    [Fact]
    public void Every_variant_has_a_case()
        => Assert.Equal(BugCatalog.All.Select(e => e.Name).Order(), Cases.Select(c => (string)c[0]).Order());
}
