using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wireless.Memory;

namespace Wireless.Scheduling;

/// <summary>
/// The wiring queue: a bounded single-producer single-consumer ring of local ids from the orchestrator to
/// scheduler thread 0 (the seed's <c>PTO2SpscQueue</c>, 1024 entries).
/// </summary>
/// <remarks>
/// Design: Lamport's ring with cached indices. <see cref="QueueControl.Head"/> is written only by the producer
/// (release, after the entry: publishes the entry and the whole prepared task), <see cref="QueueControl.Tail"/> only
/// by the consumer (release, after reading the entry: hands the cell back). Each side reads the other's index with
/// acquire, and only when its cached copy says the ring is full (producer) or empty (consumer).
/// Layout: each side's private positions sit on cache lines of their own (<see cref="SpscCursors"/>), away from the shared
/// indices and from the other side's, so a push and a pop touch only the lines they must share (the entry and one
/// index); a shared line would move between the cores on every push and every pop.
/// </remarks>
internal sealed class SpscQueue<TMem> where TMem : struct, ISharedMemory
{
    private readonly int[] _buffer;
    private readonly QueueControl[] _control;
    private readonly int _mask;
    /// <summary>Each side's private positions, on cache lines of their own.</summary>
    private SpscCursors _cursors;

    public SpscQueue(int capacity)
    {
        _buffer = GC.AllocateArray<int>(capacity, pinned: true);
        _control = GC.AllocateArray<QueueControl>(1, pinned: true);
        _mask = capacity - 1;
    }

    public void Reset()
    {
        _control[0] = default;
        _cursors = default;
    }

    private ref QueueControl Ctl => ref MemoryMarshal.GetArrayDataReference(_control);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref int Entry(int pos) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), pos & _mask);

    /// <summary>Producer: appends <paramref name="value"/>; false if the ring is full.</summary>
    public bool TryPush(int value)
    {
        ref var c = ref _cursors;
        if (unchecked(c.Head - c.CachedTail) > _mask)
        {
            // Acquire: pairs with the consumer's release of Tail; the cell we reuse has been read.
            c.CachedTail = TMem.Load(ref Ctl.Tail, MemoryOrder.Acquire, SpecAction.PublishTask);
            if (unchecked(c.Head - c.CachedTail) > _mask) return false;
        }
        TMem.Store(ref Entry(c.Head), value, MemoryOrder.NonAtomic, SpecAction.PublishTask);
        c.Head = unchecked(c.Head + 1);
        // Release: publishes the entry and everything the orchestrator wrote for the task before it (descriptor,
        // fanin ids, the cleared completion flag); pairs with the acquire in TryPop.
        TMem.Store(ref Ctl.Head, c.Head, MemoryOrder.Release, SpecAction.PublishTask);
        return true;
    }

    /// <summary>Consumer: removes the oldest entry; false if the ring is empty.</summary>
    public bool TryPop(out int value)
    {
        ref var c = ref _cursors;
        if (c.Tail == c.CachedHead)
        {
            // Acquire: pairs with the producer's release of Head.
            c.CachedHead = TMem.Load(ref Ctl.Head, MemoryOrder.Acquire, SpecAction.DrainWiring);
            if (c.Tail == c.CachedHead)
            {
                value = 0;
                return false;
            }
        }
        value = TMem.Load(ref Entry(c.Tail), MemoryOrder.NonAtomic, SpecAction.DrainWiring);
        c.Tail = unchecked(c.Tail + 1);
        // Release: hands the cell back to the producer after our read.
        TMem.Store(ref Ctl.Tail, c.Tail, MemoryOrder.Release, SpecAction.DrainWiring);
        return true;
    }

    /// <summary>Registers the queue's shared arrays for checker traces.</summary>
    public void Register(MemoryMap map, string name)
    {
        map.Add($"{name}.entries", _buffer);
        map.Add(name, _control);
    }

    /// <summary>Entries not yet popped (quiescent snapshot, for stall diagnostics).</summary>
    public List<int> Snapshot()
    {
        var result = new List<int>();
        for (var pos = _control[0].Tail; pos != _control[0].Head; pos = unchecked(pos + 1)) result.Add(Entry(pos));
        return result;
    }
}
