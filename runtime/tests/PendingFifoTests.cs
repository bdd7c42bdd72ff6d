using Wireless.Scheduling;
using Xunit;

namespace Wireless.Tests;

/// <summary>Scheduler thread 0's private FIFO of tasks with two or more unmet fanins.</summary>
public sealed class PendingFifoTests
{
    [Fact]
    public void Pops_local_ids_in_push_order_and_counts_them()
    {
        var fifo = new PendingFifo(8);
        Assert.Equal(0, fifo.Count);
        foreach (var id in new[] { int.MaxValue, int.MinValue, 0, -1 }) fifo.Push(id);
        Assert.Equal(4, fifo.Count);
        Assert.Equal(int.MaxValue, fifo.Pop().Task);
        Assert.Equal(int.MinValue, fifo.Pop().Task);
        Assert.Equal(2, fifo.Count);
        Assert.Equal([0, -1], fifo.Snapshot());
    }

    [Fact]
    public void Pushing_more_than_the_window_throws_an_overflow_error()
    {
        var fifo = new PendingFifo(4);
        for (var i = 0; i < 4; i++) fifo.Push(i);
        var e = Assert.Throws<InvalidOperationException>(() => fifo.Push(4));
        Assert.Contains("pending FIFO overflow", e.Message);
        Assert.Equal(4, fifo.Count);
        Assert.Equal(0, fifo.Pop().Task);
        fifo.Push(4);
        Assert.Equal([1, 2, 3, 4], fifo.Snapshot());
    }

    [Fact]
    public void Keeps_order_when_requeued_tasks_lap_the_ring_many_times()
    {
        // Thread 0 pops a pending task, finds it still blocked and pushes it back: the FIFO rotates.
        var fifo = new PendingFifo(4);
        for (var i = 0; i < 3; i++) fifo.Push(i);
        for (var step = 0; step < 10_000; step++)
        {
            var task = fifo.Pop();
            Assert.Equal(step % 3, task.Task);
            fifo.Push(task);
        }
        Assert.Equal(3, fifo.Count);
        Assert.Equal([10_000 % 3, (10_000 + 1) % 3, (10_000 + 2) % 3], fifo.Snapshot());
    }

    [Fact]
    public void Reset_empties_the_fifo()
    {
        var fifo = new PendingFifo(2);
        fifo.Push(1);
        fifo.Push(2);
        fifo.Reset();
        Assert.Equal(0, fifo.Count);
        Assert.Empty(fifo.Snapshot());
        fifo.Push(3);
        fifo.Push(4);
        Assert.Equal(3, fifo.Pop().Task);
    }
}
