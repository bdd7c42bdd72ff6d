using Wireless.Orchestration;
using Xunit;

namespace Wireless.Tests;

/// <summary>The orchestrator's open scopes and the tasks whose heap outputs they pin.</summary>
public sealed class ScopeStackTests
{
    [Fact]
    public void Starts_in_the_implicit_auto_outer_scope_with_nothing_pinned()
    {
        var scopes = new ScopeStack();
        Assert.Equal(0, scopes.Depth);
        Assert.Equal(ScopeMode.Auto, scopes.Mode);
        Assert.False(scopes.HasPinned);
        Assert.False(scopes.IsPinned(0));
    }

    [Fact]
    public void Nested_scopes_report_their_depth_and_mode()
    {
        var scopes = new ScopeStack();
        scopes.Begin(ScopeMode.Manual);
        Assert.Equal(1, scopes.Depth);
        Assert.Equal(ScopeMode.Manual, scopes.Mode);
        scopes.Begin(ScopeMode.Auto);
        Assert.Equal(2, scopes.Depth);
        Assert.Equal(ScopeMode.Auto, scopes.Mode);
        scopes.End(_ => { });
        Assert.Equal(ScopeMode.Manual, scopes.Mode);
        scopes.End(_ => { });
        Assert.Equal(0, scopes.Depth);
        Assert.Equal(ScopeMode.Auto, scopes.Mode);
    }

    [Fact]
    public void Ending_a_scope_unpins_only_its_own_tasks_innermost_first()
    {
        var scopes = new ScopeStack();
        var unpinned = new List<int>();
        scopes.Pin(1, 0);
        scopes.Begin(ScopeMode.Auto);
        scopes.Pin(2, 16);
        scopes.Pin(3, 32);
        scopes.Begin(ScopeMode.Auto);
        scopes.Pin(4, 48);

        scopes.End(unpinned.Add);
        Assert.Equal([4], unpinned);
        Assert.False(scopes.IsPinned(4));
        Assert.True(scopes.IsPinned(3));

        scopes.End(unpinned.Add);
        Assert.Equal([4, 3, 2], unpinned);
        Assert.True(scopes.IsPinned(1));

        scopes.EndAll(unpinned.Add);
        Assert.Equal([4, 3, 2, 1], unpinned);
        Assert.False(scopes.HasPinned);
    }

    [Fact]
    public void EndAll_closes_every_nested_scope_and_unpins_everything_newest_first()
    {
        var scopes = new ScopeStack();
        var unpinned = new List<int>();
        scopes.Begin(ScopeMode.Manual);
        scopes.Pin(10, 0);
        scopes.Begin(ScopeMode.Auto);
        scopes.Pin(11, 16);
        scopes.EndAll(unpinned.Add);
        Assert.Equal([11, 10], unpinned);
        Assert.Equal(0, scopes.Depth);
        Assert.Equal(ScopeMode.Auto, scopes.Mode);
        Assert.Throws<RuntimeErrorException>(() => scopes.End(_ => { }));
    }

    [Fact]
    public void IsPinned_finds_pinned_tasks_across_the_local_id_wrap()
    {
        var scopes = new ScopeStack();
        var ids = new[] { int.MaxValue - 2, int.MaxValue, int.MinValue, int.MinValue + 1, int.MinValue + 5 };
        for (var i = 0; i < ids.Length; i++) scopes.Pin(ids[i], i * 16);
        foreach (var id in ids) Assert.True(scopes.IsPinned(id), $"task {id} should be pinned");
        foreach (var id in new[] { int.MaxValue - 3, int.MaxValue - 1, int.MinValue + 2, int.MinValue + 6, 0 })
            Assert.False(scopes.IsPinned(id), $"task {id} should not be pinned");
    }

    [Fact]
    public void OldestPinned_is_the_first_task_pinned_by_any_open_scope()
    {
        var scopes = new ScopeStack();
        scopes.Begin(ScopeMode.Auto);
        scopes.Pin(int.MaxValue, 96);
        scopes.Begin(ScopeMode.Auto);
        scopes.Pin(int.MinValue, 112);
        Assert.Equal(int.MaxValue, scopes.OldestPinned);
        Assert.Equal(96, scopes.OldestPinnedHeapStart);
        scopes.End(_ => { });
        Assert.Equal(int.MaxValue, scopes.OldestPinned);
        scopes.End(_ => { });
        Assert.False(scopes.HasPinned);
        scopes.Pin(7, 200);
        Assert.Equal(7, scopes.OldestPinned);
        Assert.Equal(200, scopes.OldestPinnedHeapStart);
    }

    [Fact]
    public void EndScope_without_BeginScope_throws_a_clear_error()
    {
        var scopes = new ScopeStack();
        scopes.Pin(1, 0);
        var e = Assert.Throws<RuntimeErrorException>(() => scopes.End(_ => Assert.Fail("nothing may be unpinned")));
        Assert.Contains("EndScope without a matching BeginScope", e.Message);
        Assert.True(scopes.IsPinned(1));
    }

    [Fact]
    public void Reset_drops_open_scopes_and_pins()
    {
        var scopes = new ScopeStack();
        scopes.Begin(ScopeMode.Manual);
        scopes.Pin(3, 0);
        scopes.Reset();
        Assert.Equal(0, scopes.Depth);
        Assert.Equal(ScopeMode.Auto, scopes.Mode);
        Assert.False(scopes.HasPinned);
        Assert.False(scopes.IsPinned(3));
    }
}
