using Xunit;

namespace Wireless.Tests;

/// <summary>The seeded-bug variants' names and the runtime each belongs to.</summary>
public sealed class BugCatalogTests
{
    [Fact]
    public void Every_variant_has_a_distinct_flag_and_name_and_a_known_runtime()
    {
        Assert.Equal(BugCatalog.All.Count, BugCatalog.All.Select(e => e.Bug).Distinct().Count());
        Assert.Equal(BugCatalog.All.Count, BugCatalog.All.Select(e => e.Name).Distinct().Count());
        Assert.All(BugCatalog.All, e => Assert.Contains(e.Runtime, RuntimeKinds.Names));
        Assert.All(Enum.GetValues<Bug>().Where(b => b != Bug.None), b => Assert.Contains(BugCatalog.All, e => e.Bug == b));
    }

    [Fact]
    public void Parses_comma_separated_names_and_rejects_unknown_ones()
    {
        Assert.Equal(Bug.NoSentinel | Bug.DoubleWake, BugCatalog.Parse("no-sentinel, double-wake"));
        Assert.Equal(Bug.None, BugCatalog.Parse("none"));
        Assert.Contains("known variants", Assert.Throws<ArgumentException>(() => BugCatalog.Parse("no-such-bug")).Message);
    }

    [Fact]
    public void A_variant_is_accepted_only_for_its_own_runtime()
    {
        BugCatalog.CheckRuntime(Bug.NoSentinel, RuntimeKinds.Wireless);
        BugCatalog.CheckRuntime(Bug.WiredSplitRelease, RuntimeKinds.Wired);
        BugCatalog.CheckRuntime(Bug.None, RuntimeKinds.Wired);
        var e = Assert.Throws<ArgumentException>(() => BugCatalog.CheckRuntime(Bug.WiredSplitRelease, RuntimeKinds.Wireless));
        Assert.Contains("--runtime wired", e.Message);
        Assert.Throws<ArgumentException>(() => BugCatalog.CheckRuntime(Bug.NoSentinel | Bug.WiredSplitRelease, RuntimeKinds.Wired));
    }
}
