using Wireless.Orchestration;
using Xunit;

namespace Wireless.Tests;

/// <summary>The distinct producers of the task being submitted (the fanin builder).</summary>
public sealed class ProducerSetTests
{
    private static TaskBuilder Task(string? name = null) => new TaskBuilder(4, 4, 4).Reset(Kernel.Generic, Shape.AIV).Named(name);

    [Fact]
    public void A_producer_added_twice_is_kept_once()
    {
        var set = new ProducerSet(4);
        var task = Task();
        set.Add(5, EdgeKind.Modifier, task);
        set.Add(6, EdgeKind.Explicit, task);
        set.Add(5, EdgeKind.Modifier, task);
        set.Add(6, EdgeKind.Modifier, task);
        Assert.Equal([5, 6], set.Ids.ToArray());
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void A_creator_edge_wins_over_an_ordering_edge_to_the_same_producer()
    {
        var set = new ProducerSet(4);
        var task = Task();
        set.Add(5, EdgeKind.Modifier, task);
        set.Add(5, EdgeKind.Creator, task);
        set.Add(7, EdgeKind.Creator, task);
        set.Add(7, EdgeKind.Explicit, task);
        set.Add(8, EdgeKind.Explicit, task);
        set.Add(8, EdgeKind.Modifier, task);
        Assert.Equal(EdgeKind.Creator, set.KindAt(0));
        Assert.Equal(EdgeKind.Creator, set.KindAt(1));
        Assert.Equal(EdgeKind.Explicit, set.KindAt(2));
    }

    [Fact]
    public void One_producer_too_many_throws_naming_the_task_and_the_maximum()
    {
        var set = new ProducerSet(3);
        var task = Task("sink");
        for (var p = 0; p < 3; p++) set.Add(p, EdgeKind.Explicit, task);
        set.Add(1, EdgeKind.Creator, task);   // a duplicate is not one too many
        var e = Assert.Throws<RuntimeErrorException>(() => set.Add(3, EdgeKind.Modifier, task));
        Assert.Contains("task 'sink'", e.Message);
        Assert.Contains("more than 3 distinct producers", e.Message);
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void An_unnamed_task_is_described_by_its_kernel_in_the_overflow_error()
    {
        var set = new ProducerSet(1);
        var task = Task();
        set.Add(0, EdgeKind.Explicit, task);
        var e = Assert.Throws<RuntimeErrorException>(() => set.Add(1, EdgeKind.Explicit, task));
        Assert.Contains("a Generic task", e.Message);
    }

    [Fact]
    public void RemoveAt_moves_the_last_producer_into_the_gap_with_its_kind()
    {
        var set = new ProducerSet(4);
        var task = Task();
        set.Add(1, EdgeKind.Explicit, task);
        set.Add(2, EdgeKind.Modifier, task);
        set.Add(3, EdgeKind.Creator, task);
        set.RemoveAt(0);
        Assert.Equal([3, 2], set.Ids.ToArray());
        Assert.Equal(EdgeKind.Creator, set.KindAt(0));
        Assert.Equal(EdgeKind.Modifier, set.KindAt(1));
    }

    [Fact]
    public void Clear_empties_the_set_for_the_next_task()
    {
        var set = new ProducerSet(2);
        var task = Task();
        set.Add(1, EdgeKind.Explicit, task);
        set.Add(2, EdgeKind.Explicit, task);
        set.Clear();
        Assert.Equal(0, set.Count);
        set.Add(3, EdgeKind.Explicit, task);
        set.Add(4, EdgeKind.Explicit, task);
        Assert.Equal([3, 4], set.Ids.ToArray());
    }
}
