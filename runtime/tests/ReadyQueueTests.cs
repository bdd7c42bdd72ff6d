using Wireless.Memory;
using Wireless.Scheduling;
using Xunit;

namespace Wireless.Tests;

/// <summary>The ready queues: bounded lock-free multi-producer multi-consumer rings (Vyukov, a sequence per cell).</summary>
public sealed class ReadyQueueTests
{
    [Fact]
    public void One_thread_pops_values_in_the_order_it_pushed_them()
    {
        var q = new ReadyQueue<FastMemory>(8);
        foreach (var v in new[] { 5, -3, int.MaxValue, int.MinValue, 0 }) Assert.True(q.TryPush(v));
        foreach (var v in new[] { 5, -3, int.MaxValue, int.MinValue, 0 })
        {
            Assert.True(q.TryPop(out var got));
            Assert.Equal(v, got);
        }
    }

    [Fact]
    public void A_batch_pop_takes_the_published_run_in_order_up_to_its_span()
    {
        var q = new ReadyQueue<FastMemory>(8);
        foreach (var v in new[] { 10, 11, 12, 13, 14 }) Assert.True(q.TryPush(v));
        var position = 0;
        var got = new int[3];
        Assert.Equal(3, q.TryPopMany(ref position, got));
        Assert.Equal([10, 11, 12], got);
        Assert.Equal(3, position);
        Assert.Equal(2, q.TryPopMany(ref position, got));
        Assert.Equal([13, 14], got[..2]);
        Assert.Equal(0, q.TryPopMany(ref position, got));
        Assert.True(q.TryPop(out _) is false);
    }

    [Fact]
    public void Pop_on_an_empty_queue_returns_false()
    {
        var q = new ReadyQueue<FastMemory>(4);
        Assert.False(q.TryPop(out var v));
        Assert.Equal(0, v);
        Assert.True(q.TryPush(1));
        Assert.True(q.TryPop(out _));
        Assert.False(q.TryPop(out _));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    [InlineData(256)]
    public void Push_on_a_full_queue_returns_false_until_a_value_is_popped(int capacity)
    {
        var q = new ReadyQueue<FastMemory>(capacity);
        for (var i = 0; i < capacity; i++) Assert.True(q.TryPush(i), $"push {i} of {capacity} should fit");
        Assert.False(q.TryPush(-1));
        Assert.False(q.TryPush(-1));
        Assert.True(q.TryPop(out var first));
        Assert.Equal(0, first);
        Assert.True(q.TryPush(capacity));
        Assert.False(q.TryPush(-1));
        Assert.Equal(Enumerable.Range(1, capacity), q.Snapshot());
    }

    [Fact]
    public void Keeps_fifo_order_over_many_laps_of_a_small_ring()
    {
        var q = new ReadyQueue<FastMemory>(4);
        var next = 0;
        var expected = 0;
        for (var lap = 0; lap < 1000; lap++)
        {
            var batch = 1 + lap % 4;
            for (var i = 0; i < batch; i++) Assert.True(q.TryPush(next++));
            for (var i = 0; i < batch; i++)
            {
                Assert.True(q.TryPop(out var v));
                Assert.Equal(expected++, v);
            }
        }
        Assert.False(q.TryPop(out _));
    }

    [Fact]
    public void Reset_empties_the_queue()
    {
        var q = new ReadyQueue<FastMemory>(4);
        q.TryPush(1);
        q.TryPush(2);
        q.TryPop(out _);
        q.Reset();
        Assert.Empty(q.Snapshot());
        Assert.False(q.TryPop(out _));
        for (var i = 0; i < 4; i++) Assert.True(q.TryPush(i));
        Assert.False(q.TryPush(4));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(21)]
    public void Reset_after_any_number_of_pushes_gives_a_fresh_queue(int pushes)
    {
        var q = new ReadyQueue<FastMemory>(8);
        for (var i = 0; i < pushes; i++)
        {
            Assert.True(q.TryPush(i));
            if (i % 2 == 1 || i >= 6) Assert.True(q.TryPop(out _));
        }
        q.Reset();
        Assert.Empty(q.Snapshot());
        for (var i = 0; i < 8; i++) Assert.True(q.TryPush(100 + i));
        Assert.False(q.TryPush(108));
        Assert.Equal(Enumerable.Range(100, 8), q.Snapshot());
        for (var i = 0; i < 8; i++)
        {
            Assert.True(q.TryPop(out var v));
            Assert.Equal(100 + i, v);
        }
        Assert.False(q.TryPop(out _));
    }

    [Fact]
    public void Many_producers_and_consumers_pop_every_pushed_value_exactly_once()
    {
        const int producers = 3;
        const int consumers = 3;
        const int perProducer = 100_000;
        const int total = producers * perProducer;
        var q = new ReadyQueue<FastMemory>(64);
        var popCounts = new int[total];
        var popped = 0;
        var failures = new List<string>();
        var threads = new List<Thread>();

        for (var p = 0; p < producers; p++)
        {
            var first = p * perProducer;
            threads.Add(new Thread(() =>
            {
                for (var i = 0; i < perProducer; i++)
                {
                    var spin = new SpinWait();
                    while (!q.TryPush(first + i)) spin.SpinOnce();
                }
            }));
        }
        for (var c = 0; c < consumers; c++)
        {
            threads.Add(new Thread(() =>
            {
                // Per producer, the values one consumer pops must increase: pushes of one producer take increasing
                // positions and pops of one consumer take increasing positions.
                var lastFrom = Enumerable.Repeat(-1, producers).ToArray();
                while (Volatile.Read(ref popped) < total)
                {
                    if (!q.TryPop(out var v))
                    {
                        Thread.SpinWait(4);
                        continue;
                    }
                    Interlocked.Increment(ref popCounts[v]);
                    Interlocked.Increment(ref popped);
                    var from = v / perProducer;
                    if (v <= lastFrom[from])
                    {
                        lock (failures) failures.Add($"value {v} popped after {lastFrom[from]} of the same producer");
                    }
                    lastFrom[from] = v;
                }
            }));
        }
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a queue thread did not finish");

        Assert.Empty(failures);
        Assert.Equal(total, popped);
        var wrong = Enumerable.Range(0, total).Where(v => popCounts[v] != 1).Take(5).Select(v => $"{v}: {popCounts[v]}x").ToList();
        Assert.Empty(wrong);
        Assert.False(q.TryPop(out _));
    }
}
