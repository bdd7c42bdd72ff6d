using Wireless.Orchestration;
using Xunit;

namespace Wireless.Tests;

/// <summary>The TensorMap: last writers of tensor regions, for modifier edges.</summary>
public sealed class TensorMapTests
{
    private static readonly Tensor Whole = Tensor.External(0, 64);
    private readonly TaskBuilder _task = new TaskBuilder(4, 4, 4).Reset(Kernel.Generic, Shape.AIV).Named("reader");
    private readonly ProducerSet _producers = new(16);

    /// <summary>Producers found for <paramref name="t"/>; no liveness filter unless <paramref name="lastTaskAlive"/> is given.</summary>
    private int[] Find(TensorMap map, Tensor t, bool removeCovered = false, int? lastTaskAlive = null)
    {
        _producers.Clear();
        map.Lookup(t, removeCovered, filterRetired: lastTaskAlive is not null, lastTaskAlive ?? 0, _producers, _task);
        return _producers.Ids.ToArray();
    }

    [Fact]
    public void An_overlapping_region_of_the_same_tensor_finds_its_writer_as_a_modifier()
    {
        var map = new TensorMap(16);
        Assert.True(map.TryInsert(Whole.View(0, 8), producer: 5));
        Assert.Equal([5], Find(map, Whole.View(4, 8)));
        Assert.Equal(EdgeKind.Modifier, _producers.KindAt(0));
        Assert.Equal([5], Find(map, Whole));
        Assert.Equal([5], Find(map, Whole.View(7, 1)));
    }

    [Fact]
    public void Disjoint_regions_other_tensors_and_other_spaces_are_not_found()
    {
        var map = new TensorMap(16);
        map.TryInsert(Whole.View(0, 8), producer: 5);
        Assert.Empty(Find(map, Whole.View(8, 8)));                         // adjacent, not overlapping
        Assert.Empty(Find(map, Tensor.External(64, 8)));                   // another tensor
        Assert.Empty(Find(map, new Tensor(MemorySpace.Heap, 0, 0, 8, 0, false))); // same base, heap space
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void Every_overlapping_writer_is_found_once()
    {
        var map = new TensorMap(16);
        map.TryInsert(Whole.View(0, 8), producer: 1);
        map.TryInsert(Whole.View(8, 8), producer: 2);
        map.TryInsert(Whole.View(16, 8), producer: 1);
        map.TryInsert(Whole.View(40, 8), producer: 3);
        var found = Find(map, Whole.View(4, 20));
        Assert.Equal([1, 2], found.Order());
    }

    [Fact]
    public void An_InOut_lookup_that_covers_an_entry_removes_it()
    {
        var map = new TensorMap(16);
        map.TryInsert(Whole.View(4, 4), producer: 5);
        Assert.Equal([5], Find(map, Whole.View(0, 16), removeCovered: true));
        Assert.Equal(0, map.Count);
        Assert.Empty(Find(map, Whole));
    }

    [Fact]
    public void An_InOut_lookup_that_only_partly_overlaps_an_entry_keeps_it()
    {
        var map = new TensorMap(16);
        map.TryInsert(Whole.View(0, 8), producer: 5);
        Assert.Equal([5], Find(map, Whole.View(4, 8), removeCovered: true));
        Assert.Equal(1, map.Count);
        Assert.Equal([5], Find(map, Whole.View(0, 4)));
    }

    [Fact]
    public void A_plain_In_lookup_never_removes_entries()
    {
        var map = new TensorMap(16);
        map.TryInsert(Whole.View(4, 4), producer: 5);
        Assert.Equal([5], Find(map, Whole, removeCovered: false));
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void Entries_of_retired_producers_are_filtered_out_and_collected_during_lookup()
    {
        var map = new TensorMap(16);
        map.TryInsert(Whole.View(0, 8), producer: 3);
        map.TryInsert(Whole.View(8, 8), producer: 10);
        Assert.Equal([3, 10], Find(map, Whole).Order());                  // no filter: both
        Assert.Equal([10], Find(map, Whole, lastTaskAlive: 5));            // 3 retired
        Assert.Equal(1, map.Count);                                        // and its entry was freed
        Assert.Equal([10], Find(map, Whole));
    }

    [Fact]
    public void Retirement_is_judged_across_the_local_id_wrap()
    {
        var map = new TensorMap(16);
        map.TryInsert(Whole.View(0, 8), producer: int.MaxValue);
        map.TryInsert(Whole.View(8, 8), producer: int.MinValue + 1);
        Assert.Equal([int.MinValue + 1], Find(map, Whole, lastTaskAlive: int.MinValue));
        Assert.Equal(1, map.Count);
        Assert.Equal(1, map.CollectRetired(int.MinValue + 2));
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void Heap_entries_older_than_the_tensors_owner_describe_an_earlier_buffer_and_are_ignored()
    {
        var map = new TensorMap(16);
        var earlierBuffer = new Tensor(MemorySpace.Heap, 32, 0, 16, Owner: 4, HasOwner: true);
        map.TryInsert(earlierBuffer, producer: 4);                        // a task before the owner wrote this range
        map.TryInsert(earlierBuffer.View(0, 8), producer: 9);           // written after the owner
        var current = new Tensor(MemorySpace.Heap, 32, 0, 16, Owner: 7, HasOwner: true);
        Assert.Equal([9], Find(map, current));
        Assert.Equal(1, map.Count);                                       // the stale entry was dropped
    }

    [Fact]
    public void A_bounded_pool_refuses_inserts_when_full_and_CollectRetired_frees_entries()
    {
        var map = new TensorMap(2);
        Assert.Equal(2, map.Capacity);
        Assert.True(map.TryInsert(Whole.View(0, 4), producer: 1));
        Assert.True(map.TryInsert(Tensor.External(100, 4), producer: 2));
        Assert.False(map.TryInsert(Whole.View(8, 4), producer: 3));
        Assert.Equal(2, map.Count);

        Assert.Equal(0, map.CollectRetired(lastTaskAlive: 1));             // nothing before task 1
        Assert.False(map.TryInsert(Whole.View(8, 4), producer: 3));
        Assert.Equal(1, map.CollectRetired(lastTaskAlive: 2));             // task 1 retired
        Assert.Equal(1, map.Count);
        Assert.True(map.TryInsert(Whole.View(8, 4), producer: 3));
        Assert.False(map.TryInsert(Whole.View(12, 4), producer: 4));
        Assert.Equal([3], Find(map, Whole));                               // the freed entry is gone for good
        Assert.Equal(2, map.CollectRetired(lastTaskAlive: 100));
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void Entries_freed_by_a_covering_InOut_are_reused_by_a_bounded_pool()
    {
        var map = new TensorMap(1);
        Assert.True(map.TryInsert(Whole.View(0, 8), producer: 1));
        Assert.False(map.TryInsert(Whole.View(0, 8), producer: 2));
        Find(map, Whole, removeCovered: true);
        Assert.True(map.TryInsert(Whole.View(0, 8), producer: 2));
        Assert.Equal([2], Find(map, Whole));
    }

    [Fact]
    public void An_unbounded_pool_grows_as_needed()
    {
        var map = new TensorMap(0, buckets: 16);
        Assert.Equal(int.MaxValue, map.Capacity);
        for (var i = 0; i < 5000; i++) Assert.True(map.TryInsert(Tensor.External(i * 4, 4), producer: i));
        Assert.Equal(5000, map.Count);
        Assert.Equal([4321], Find(map, Tensor.External(4321 * 4, 4)));
    }

    [Fact]
    public void Clear_removes_every_entry()
    {
        var map = new TensorMap(4);
        map.TryInsert(Whole.View(0, 8), producer: 1);
        map.TryInsert(Whole.View(8, 8), producer: 2);
        map.Clear();
        Assert.Equal(0, map.Count);
        Assert.Empty(Find(map, Whole));
        for (var i = 0; i < 4; i++) Assert.True(map.TryInsert(Whole.View(i, 1), producer: i));
    }
}
