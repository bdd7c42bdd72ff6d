using Wireless.Memory;
using Wireless.Scheduling;

namespace Wireless.Properties;

/// <summary>A bounded FIFO of local ids as the queue model sees it.</summary>
public interface IBoundedQueue : IUnderTest
{
    int Capacity { get; }
    bool TryPush(int value);
    bool TryPop(out int value);
    IReadOnlyList<int> Contents();
}

/// <summary>
/// The runtime's three FIFOs behind <see cref="IBoundedQueue"/>, and test-local broken versions of them (no
/// seeded-bug variant of the runtime breaks these components on their own): each mutant is a wrapper with one
/// plausible defect, to show that the model-based property catches it and shrinks it to a short sequence.
/// </summary>
public static class QueuesUnderTest
{
    /// <summary>The wiring queue (<see cref="SpscQueue{TMem}"/>), single-threaded.</summary>
    public static IBoundedQueue Spsc(int capacity) => new SpscAdapter(capacity);

    /// <summary>A ready queue (<see cref="ReadyQueue{TMem}"/>), single-threaded.</summary>
    public static IBoundedQueue Ready(int capacity) => new ReadyAdapter(capacity);

    /// <summary>Scheduler thread 0's pending FIFO (<see cref="PendingFifo"/>); a push when full throws, as the runtime relies on.</summary>
    public static IBoundedQueue Pending(int capacity) => new PendingAdapter(capacity);

    /// <summary>Mutant: the full check is off by one, so the last cell is never used.</summary>
    public static IBoundedQueue FullOneEarly(IBoundedQueue inner) => new FullOneEarlyMutant(inner);

    /// <summary>Mutant: a push that fills the last free cell reports success but stores nothing.</summary>
    public static IBoundedQueue LosesLastCell(IBoundedQueue inner) => new LosesLastCellMutant(inner);

    /// <summary>Mutant: the first push that wraps around to cell 0 is lost.</summary>
    public static IBoundedQueue LosesFirstWrap(IBoundedQueue inner) => new LosesFirstWrapMutant(inner);

    private abstract class Base : IBoundedQueue
    {
        public bool Broken { get; set; }
        public abstract int Capacity { get; }
        public abstract bool TryPush(int value);
        public abstract bool TryPop(out int value);
        public abstract IReadOnlyList<int> Contents();
    }

    private sealed class SpscAdapter(int capacity) : Base
    {
        private readonly SpscQueue<FastMemory> _queue = new(capacity);
        public override int Capacity => capacity;
        public override bool TryPush(int value) => _queue.TryPush(value);
        public override bool TryPop(out int value) => _queue.TryPop(out value);
        public override IReadOnlyList<int> Contents() => _queue.Snapshot();
    }

    private sealed class ReadyAdapter(int capacity) : Base
    {
        private readonly ReadyQueue<FastMemory> _queue = new(capacity);
        public override int Capacity => capacity;
        public override bool TryPush(int value) => _queue.TryPush(value);
        public override bool TryPop(out int value) => _queue.TryPop(out value);
        public override IReadOnlyList<int> Contents() => _queue.Snapshot();
    }

    private sealed class PendingAdapter(int capacity) : Base
    {
        private readonly PendingFifo _fifo = new(capacity);
        public override int Capacity => capacity;

        public override bool TryPush(int value)
        {
            if (_fifo.Count < capacity)
            {
                _fifo.Push(value);
                return true;
            }
            // Full: the runtime never pushes then (the window bounds it), and the FIFO says so loudly.
            try
            {
                _fifo.Push(value);
            }
            catch (InvalidOperationException)
            {
                return false;
            }
            throw new InvalidOperationException("a push on a full pending FIFO did not throw");
        }

        public override bool TryPop(out int value)
        {
            if (_fifo.Count == 0)
            {
                value = 0;
                return false;
            }
            value = _fifo.Pop().Task;
            return true;
        }

        public override IReadOnlyList<int> Contents() => _fifo.Snapshot().ToList();
    }

    private abstract class Mutant(IBoundedQueue inner) : Base
    {
        protected IBoundedQueue Inner => inner;
        public override int Capacity => inner.Capacity;
        public override bool TryPop(out int value) => inner.TryPop(out value);
        public override IReadOnlyList<int> Contents() => inner.Contents();
    }

    private sealed class FullOneEarlyMutant(IBoundedQueue inner) : Mutant(inner)
    {
        public override bool TryPush(int value) => Inner.Contents().Count < Inner.Capacity - 1 && Inner.TryPush(value);
    }

    private sealed class LosesLastCellMutant(IBoundedQueue inner) : Mutant(inner)
    {
        public override bool TryPush(int value) => Inner.Contents().Count == Inner.Capacity - 1 || Inner.TryPush(value);
    }

    private sealed class LosesFirstWrapMutant(IBoundedQueue inner) : Mutant(inner)
    {
        private int _pushes;

        public override bool TryPush(int value)
        {
            if (Inner.Contents().Count == Inner.Capacity) return Inner.TryPush(value);
            return ++_pushes == Inner.Capacity + 1 || Inner.TryPush(value);
        }
    }
}
