using Wireless.Orchestration;
using Xunit;

namespace Wireless.Tests;

/// <summary>The output heap as a ring: blocks allocated at the head, freed from the tail, never straddling the end.</summary>
public sealed class HeapRingTests
{
    [Fact]
    public void A_fresh_ring_allocates_from_position_zero()
    {
        var heap = new HeapRing(100);
        Assert.Equal(0, heap.BlockStart(10));
        Assert.True(heap.Fits(0, 10));
        heap.Commit(0, 10);
        Assert.Equal(10, heap.Head);
        Assert.Equal(0, heap.Tail);
        Assert.Equal(10, heap.BlockStart(20));
    }

    [Fact]
    public void A_block_that_would_straddle_the_end_starts_at_the_next_wrap()
    {
        var heap = new HeapRing(100);
        heap.Commit(0, 60);
        Assert.Equal(60, heap.BlockStart(40));   // ends exactly at the end: no wrap
        Assert.Equal(100, heap.BlockStart(41));  // would straddle: skips the 40-element gap
        Assert.Equal(0, HeapRing.Position(heap.BlockStart(41), heap.Capacity));
    }

    [Fact]
    public void A_wrapped_block_fits_only_once_the_tail_has_released_the_front()
    {
        var heap = new HeapRing(100);
        heap.Commit(0, 40);
        heap.Commit(40, 70);
        var start = heap.BlockStart(40);
        Assert.Equal(100, start);
        Assert.False(heap.Fits(start, start + 40));   // [100,140) is positions [0,40): still the live [0,40)
        heap.ReleaseTo(30);
        Assert.False(heap.Fits(start, start + 40));   // [30,40) still live
        heap.ReleaseTo(40);
        Assert.True(heap.Fits(start, start + 40));
        heap.Commit(start, start + 40);
        Assert.Equal(140, heap.Head);
        Assert.Equal(40, heap.Tail);                  // [40,70) and the skipped gap [70,100) stay live
        Assert.Equal(40, HeapRing.Position(heap.Head, heap.Capacity));
        Assert.False(heap.Fits(heap.BlockStart(1), heap.BlockStart(1) + 1));
    }

    [Fact]
    public void A_full_ring_refuses_even_one_element()
    {
        var heap = new HeapRing(64);
        Assert.True(heap.Fits(0, 64));
        heap.Commit(0, 64);
        var start = heap.BlockStart(1);
        Assert.Equal(64, start);
        Assert.False(heap.Fits(start, start + 1));
        heap.ReleaseTo(1);
        Assert.True(heap.Fits(start, start + 1));
    }

    [Fact]
    public void ReleaseTo_never_moves_the_tail_backwards_or_past_the_head()
    {
        var heap = new HeapRing(100);
        heap.Commit(0, 30);
        heap.ReleaseTo(20);
        Assert.Equal(20, heap.Tail);
        heap.ReleaseTo(10);
        Assert.Equal(20, heap.Tail);
        heap.ReleaseTo(1_000);
        Assert.Equal(30, heap.Tail);
        Assert.Equal(30, heap.Head);
    }

    [Fact]
    public void An_empty_ring_parked_mid_heap_restarts_at_the_new_block()
    {
        var heap = new HeapRing(100);
        heap.Commit(0, 60);
        heap.ReleaseTo(60);                     // empty, parked at position 60
        var start = heap.BlockStart(100);       // a whole-heap block cannot start at 60
        Assert.Equal(100, start);
        Assert.True(heap.Fits(start, start + 100));
        heap.Commit(start, start + 100);
        Assert.Equal(100, heap.Tail);           // the skipped gap [60,100) is not counted as live
        Assert.Equal(200, heap.Head);
        Assert.False(heap.Fits(heap.BlockStart(1), heap.BlockStart(1) + 1));
    }

    [Fact]
    public void Reset_returns_to_an_empty_ring_at_zero()
    {
        var heap = new HeapRing(16);
        heap.Commit(0, 16);
        heap.Reset();
        Assert.Equal(0, heap.Head);
        Assert.Equal(0, heap.Tail);
        Assert.Equal(0, heap.BlockStart(16));
        Assert.True(heap.Fits(0, 16));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_allocations_and_in_order_frees_never_straddle_the_end_or_overlap_a_live_block(int seed)
    {
        const int capacity = 256;
        var rng = new Random(seed);
        var heap = new HeapRing(capacity);
        var live = new Queue<(long Start, long End)>();
        var allocated = 0;
        for (var step = 0; step < 20_000; step++)
        {
            if (live.Count > 0 && rng.Next(3) == 0)
            {
                heap.ReleaseTo(live.Dequeue().End);
                continue;
            }
            var length = rng.Next(1, capacity + 1);
            var start = heap.BlockStart(length);
            while (!heap.Fits(start, start + length))
            {
                Assert.NotEmpty(live);   // an empty ring must fit any block up to the capacity
                heap.ReleaseTo(live.Dequeue().End);
                start = heap.BlockStart(length);
            }
            heap.Commit(start, start + length);
            live.Enqueue((start, start + length));
            allocated++;

            var position = HeapRing.Position(start, capacity);
            Assert.True(position + length <= capacity, $"block [{start},{start + length}) straddles the end");
            Assert.True(heap.Head - heap.Tail <= capacity, $"live range [{heap.Tail},{heap.Head}) exceeds the heap");
            AssertDisjoint(live, capacity);
        }
        Assert.True(allocated > 5_000);
    }

    private static void AssertDisjoint(IEnumerable<(long Start, long End)> blocks, int capacity)
    {
        var used = new bool[capacity];
        foreach (var (start, end) in blocks)
        {
            var p = HeapRing.Position(start, capacity);
            for (var i = 0; i < end - start; i++)
            {
                Assert.False(used[p + i], $"position {p + i} is used by two live blocks");
                used[p + i] = true;
            }
        }
    }
}
