using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>
/// Model-based property of the heap ring: random allocations (1 element to the whole heap) and in-order releases on
/// heaps of 16 to 100 elements; every allocation succeeds exactly when the model has room, lands where the model
/// says, never straddles the end, and the live span never exceeds the capacity.
/// </summary>
public sealed class HeapRingMachine(string name, Func<int, IHeapUnderTest> create) : Machine<IHeapUnderTest, HeapModel>(50)
{
    public override Arbitrary<Setup<IHeapUnderTest, HeapModel>> Setup => Arb.From(
        Gen.Elements(16, 48, 64, 100).Select(c => (Setup<IHeapUnderTest, HeapModel>)new HeapSetup(name, c, create)));

    public override Gen<Operation<IHeapUnderTest, HeapModel>> Next(HeapModel m)
    {
        var allocate = Gen.Frequency((3, Gen.Choose(1, Math.Max(1, m.Capacity / 3))), (1, Gen.Choose(1, m.Capacity)))
            .Select(length => (Operation<IHeapUnderTest, HeapModel>)new Allocate(length));
        return m.Live.IsEmpty ? allocate
            : Gen.Frequency((3, allocate), (2, Gen.Choose(1, m.Live.Count).Select(k => (Operation<IHeapUnderTest, HeapModel>)new Release(k))));
    }

    public override string ToString() => name;

    private sealed class HeapSetup(string name, int capacity, Func<int, IHeapUnderTest> create) : Setup<IHeapUnderTest, HeapModel>
    {
        public override IHeapUnderTest Actual() => create(capacity);
        public override HeapModel Model() => new(capacity, [], 0);
        public override string ToString() => $"{name} of {capacity} elements";
    }

    private sealed class Allocate(int length) : ModelStep<IHeapUnderTest, HeapModel>
    {
        public override HeapModel Run(HeapModel m)
        {
            var wraps = m.HeadPosition + length > m.Capacity;
            var position = wraps ? 0 : m.HeadPosition;
            var block = new HeapBlock(position, length, wraps && !m.Live.IsEmpty ? m.HeadPosition : m.Capacity, m.Capacity);
            var fits = m.Live.IsEmpty || !m.Live.Any(b => b.Overlaps(position, length) || block.GapStart < m.Capacity && b.Overlaps(block.GapStart, m.Capacity - block.GapStart));
            return fits
                ? m with { Live = m.Live.Add(block), HeadPosition = (position + length) % m.Capacity, LastFit = true, LastPosition = position }
                : m with { LastFit = false };
        }

        protected override string? Apply(IHeapUnderTest heap, HeapModel m)
        {
            var start = heap.TryAllocate(length);
            if ((start is not null) != m.LastFit) return start is null ? "it did not fit, but the model has room" : "it fitted, but the model has no room";
            if (start is { } s)
            {
                var position = HeapRing.Position(s, m.Capacity);
                if (position + length > m.Capacity) return $"the block [{position},{position + length}) straddles the end of the heap";
                if (position != m.LastPosition) return $"the block starts at {position}, the model at {m.LastPosition}";
            }
            return heap.Head - heap.Tail > m.Capacity ? $"head - tail is {heap.Head - heap.Tail}, more than the capacity" : null;
        }

        public override string ToString() => $"allocate {length}";
    }

    private sealed class Release(int count) : ModelStep<IHeapUnderTest, HeapModel>
    {
        public override bool Pre(HeapModel m) => count <= m.Live.Count;
        public override HeapModel Run(HeapModel m) => m with { Live = m.Live.RemoveRange(0, count) };

        protected override string? Apply(IHeapUnderTest heap, HeapModel m)
        {
            heap.Release(count);
            return m.Live.IsEmpty && heap.Head != heap.Tail ? $"every block is free but head {heap.Head} != tail {heap.Tail}" : null;
        }

        public override string ToString() => $"free the {count} oldest";
    }
}
