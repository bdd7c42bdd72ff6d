using System.Reflection;
using Wireless.Memory;
using Wireless.Scheduling;
using Xunit;

namespace Wireless.Tests;

/// <summary>The wiring queue (orchestrator → scheduler thread 0): a bounded single-producer single-consumer ring.</summary>
public sealed class SpscQueueTests
{
    [Fact]
    public void Pops_values_in_the_order_they_were_pushed()
    {
        var q = new SpscQueue<FastMemory>(8);
        for (var i = 1; i <= 5; i++) Assert.True(q.TryPush(i * 10));
        for (var i = 1; i <= 5; i++)
        {
            Assert.True(q.TryPop(out var v));
            Assert.Equal(i * 10, v);
        }
        Assert.False(q.TryPop(out _));
    }

    [Fact]
    public void A_new_or_drained_queue_is_empty()
    {
        var q = new SpscQueue<FastMemory>(4);
        Assert.False(q.TryPop(out var v));
        Assert.Equal(0, v);
        Assert.True(q.TryPush(7));
        Assert.True(q.TryPop(out _));
        Assert.False(q.TryPop(out _));
        Assert.Empty(q.Snapshot());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(1024)]
    public void Holds_exactly_its_capacity_and_refuses_a_push_when_full(int capacity)
    {
        var q = new SpscQueue<FastMemory>(capacity);
        for (var i = 0; i < capacity; i++) Assert.True(q.TryPush(i), $"push {i} of {capacity} should fit");
        Assert.False(q.TryPush(-1));
        Assert.Equal(capacity, q.Snapshot().Count);

        Assert.True(q.TryPop(out var first));
        Assert.Equal(0, first);
        Assert.True(q.TryPush(capacity));
        Assert.False(q.TryPush(-1));
        for (var i = 1; i <= capacity; i++)
        {
            Assert.True(q.TryPop(out var v));
            Assert.Equal(i, v);
        }
    }

    [Fact]
    public void Keeps_fifo_order_over_many_laps_of_a_small_ring()
    {
        var q = new SpscQueue<FastMemory>(4);
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
    public void Keeps_fifo_order_and_capacity_when_the_32_bit_positions_wrap()
    {
        var q = new SpscQueue<FastMemory>(4);
        StartPositionsAt(q, int.MaxValue - 5);
        var next = 0;
        var expected = 0;
        for (var round = 0; round < 8; round++)
        {
            for (var i = 0; i < 4; i++) Assert.True(q.TryPush(next++), $"round {round}: push {i} should fit");
            Assert.False(q.TryPush(-1), $"round {round}: a fifth push must not fit");
            Assert.Equal(Enumerable.Range(expected, 4), q.Snapshot());
            for (var i = 0; i < 4; i++)
            {
                Assert.True(q.TryPop(out var v));
                Assert.Equal(expected++, v);
            }
            Assert.False(q.TryPop(out _));
        }
    }

    [Fact]
    public void Snapshot_lists_the_entries_not_yet_popped_and_Reset_empties_the_queue()
    {
        var q = new SpscQueue<FastMemory>(8);
        foreach (var v in new[] { 3, 1, 4, 1, 5 }) q.TryPush(v);
        q.TryPop(out _);
        Assert.Equal([1, 4, 1, 5], q.Snapshot());
        q.Reset();
        Assert.Empty(q.Snapshot());
        Assert.False(q.TryPop(out _));
        for (var i = 0; i < 8; i++) Assert.True(q.TryPush(i));
    }

    [Fact]
    public void Two_threads_pass_every_value_in_order_through_a_small_ring()
    {
        const int count = 200_000;
        var q = new SpscQueue<FastMemory>(16);
        var received = 0;
        string? failure = null;
        var producer = new Thread(() =>
        {
            for (var i = 1; i <= count; i++)
            {
                var spin = new SpinWait();
                while (!q.TryPush(i)) spin.SpinOnce();
            }
        });
        var consumer = new Thread(() =>
        {
            var expected = 1;
            while (expected <= count)
            {
                if (!q.TryPop(out var v))
                {
                    Thread.SpinWait(4);
                    continue;
                }
                if (v != expected)
                {
                    failure = $"popped {v}, expected {expected}";
                    return;
                }
                expected++;
                received++;
            }
        });
        producer.Start();
        consumer.Start();
        Assert.True(producer.Join(TimeSpan.FromSeconds(30)), "the producer did not finish");
        Assert.True(consumer.Join(TimeSpan.FromSeconds(30)), "the consumer did not finish");
        Assert.Null(failure);
        Assert.Equal(count, received);
        Assert.False(q.TryPop(out _));
    }

    /// <summary>Moves both sides' positions (private and shared) to <paramref name="position"/> on an empty queue.</summary>
    private static void StartPositionsAt(SpscQueue<FastMemory> q, int position)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.NonPublic;
        var cursorsField = typeof(SpscQueue<FastMemory>).GetField("_cursors", flags)
            ?? throw new InvalidOperationException("SpscQueue has no field _cursors; update this test");
        var cursors = cursorsField.GetValue(q)!;
        foreach (var name in new[] { "Head", "CachedTail", "Tail", "CachedHead" })
        {
            var field = cursors.GetType().GetField(name)
                ?? throw new InvalidOperationException($"SpscCursors has no field {name}; update this test");
            field.SetValue(cursors, position);
        }
        cursorsField.SetValue(q, cursors);
        var control = (QueueControl[])(typeof(SpscQueue<FastMemory>).GetField("_control", flags)?.GetValue(q)
            ?? throw new InvalidOperationException("SpscQueue has no field _control; update this test"));
        control[0].Head = position;
        control[0].Tail = position;
    }
}
