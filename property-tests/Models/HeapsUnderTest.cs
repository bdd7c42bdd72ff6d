using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>The heap ring as the model-based property drives it; it keeps each committed block's end counter, as the orchestrator keeps each task's heap end.</summary>
public interface IHeapUnderTest : IUnderTest
{
    /// <summary>Allocates a block if it fits; returns its start counter, or null.</summary>
    long? TryAllocate(int length);
    /// <summary>Frees the <paramref name="count"/> oldest blocks.</summary>
    void Release(int count);
    long Head { get; }
    long Tail { get; }
}

/// <summary>The runtime's <see cref="HeapRing"/> used as the orchestrator uses it, and a test-local broken version.</summary>
public static class HeapsUnderTest
{
    public static IHeapUnderTest Real(int capacity) => new Adapter(capacity, ignoreWrap: false);

    /// <summary>Mutant: places every block at the head, even when it would straddle the end of the heap.</summary>
    public static IHeapUnderTest IgnoresWrap(int capacity) => new Adapter(capacity, ignoreWrap: true);

    private sealed class Adapter(int capacity, bool ignoreWrap) : IHeapUnderTest
    {
        private readonly HeapRing _ring = new(capacity);
        private readonly Queue<long> _ends = new();

        public bool Broken { get; set; }
        public long Head => _ring.Head;
        public long Tail => _ring.Tail;

        public long? TryAllocate(int length)
        {
            var start = ignoreWrap ? _ring.Head : _ring.BlockStart(length);
            if (!_ring.Fits(start, start + length)) return null;
            _ring.Commit(start, start + length);
            _ends.Enqueue(start + length);
            return start;
        }

        public void Release(int count)
        {
            long end = 0;
            for (var i = 0; i < count; i++) end = _ends.Dequeue();
            _ring.ReleaseTo(end);
        }
    }
}
