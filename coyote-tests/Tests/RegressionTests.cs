using Wireless.Checking.Exploration;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The pinned traces of the bugs the checks found in the design (coyote-tests/regressions, one per bug-log entry):
/// each must still replay to the bug it recorded. A change to the runtime's sequence of shared accesses can make a
/// trace stale; regenerate it as regressions/README.md says.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class RegressionTests
{
    public static TheoryData<string> Traces()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "regressions"), "*.trace").Order())
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Traces))]
    public async Task Replays_to_the_recorded_bug(string file)
    {
        var trace = BugTrace.Load(Path.Combine(AppContext.BaseDirectory, "regressions", file));
        var replay = await Task.Run(() => Replayer.Replay(trace));
        Assert.True(replay.Reproduced, $"{file} no longer reproduces: {trace.Bug}");
        Assert.Equal(trace.Bug, replay.Bug);
    }

    [Fact]
    public void Every_found_bug_has_a_pinned_trace()
    {
        var pinned = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "regressions"), "*.trace").Select(f => BugTrace.Load(f).Variant).ToHashSet();
        foreach (var entry in BugCatalog.All.Where(e => e.Kind is "design" or "reported" or "runtime"))
            Assert.Contains(entry.Name, pinned);
        Assert.Contains("relaxed-sentinel-read", pinned);
        Assert.Contains("relaxed-stamp-read", pinned);
        Assert.Contains("acqrel-frontier", pinned);
    }
}
