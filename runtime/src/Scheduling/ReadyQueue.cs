using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wireless.Memory;

namespace Wireless.Scheduling;

/// <summary>
/// A bounded lock-free MPMC queue of ready tasks (local ids), one per shape: the seed's <c>PTO2ReadyQueue</c>, a
/// Vyukov ring with a sequence number per cell.
/// </summary>
/// <remarks>
/// Design: cell <c>i</c> is free for the producer holding position <c>p</c> when its sequence equals <c>p</c>, and
/// full for the consumer holding <c>p</c> when it equals <c>p + 1</c>. Producers claim positions with a CAS on
/// <see cref="QueueControl.Head"/> (enqueue_pos), consumers on <see cref="QueueControl.Tail"/> (dequeue_pos). The
/// claim CASes need no ordering of their own (the seed uses relaxed); the value is published by the release store
/// of the cell's sequence and read after its acquire load. Pushed by thread 0 and by every completer; popped by
/// every scheduler thread. Capacity is the window, and at most a window of tasks is ever in flight, so a full queue
/// is an invariant violation that <see cref="TryPush"/> reports.
/// </remarks>
internal sealed class ReadyQueue<TMem> where TMem : struct, ISharedMemory
{
    private struct Cell
    {
        public int Sequence;
        public int Value;
    }

    private readonly Cell[] _cells;
    private readonly QueueControl[] _control;
    private readonly int _mask;

    public ReadyQueue(int capacity)
    {
        _cells = GC.AllocateArray<Cell>(capacity, pinned: true);
        _control = GC.AllocateArray<QueueControl>(1, pinned: true);
        _mask = capacity - 1;
        InitializeCells(capacity);
    }

    /// <summary>
    /// Empties the queue between runs (no thread uses it). Only the cells of positions claimed since the last reset
    /// changed, so only those are re-initialized: a short run does not pay for a window-sized queue.
    /// </summary>
    public void Reset()
    {
        var claimed = (uint)Ctl.Head;
        InitializeCells(claimed >= (uint)_cells.Length ? _cells.Length : (int)claimed);
        _control[0] = default;
    }

    private void InitializeCells(int count)
    {
        for (var i = 0; i < count; i++) _cells[i] = new Cell { Sequence = i };
    }

    private ref QueueControl Ctl => ref MemoryMarshal.GetArrayDataReference(_control);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Cell CellAt(int pos) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cells), pos & _mask);

    public bool TryPush(int value)
    {
        ref var ctl = ref Ctl;
        var pos = TMem.Load(ref ctl.Head, MemoryOrder.Relaxed, SpecAction.ReadyPush);
        while (true)
        {
            ref var cell = ref CellAt(pos);
            // Acquire: pairs with the release in TryPopMany that freed this cell, so our write below cannot overtake
            // the previous consumer's read of the old value.
            var seq = TMem.Load(ref cell.Sequence, MemoryOrder.Acquire, SpecAction.ReadyPush);
            var diff = unchecked(seq - pos);
            if (diff == 0)
            {
                var observed = TMem.CompareExchange(ref ctl.Head, unchecked(pos + 1), pos, MemoryOrder.Relaxed, SpecAction.ReadyPush);
                if (observed == pos)
                {
                    TMem.Store(ref cell.Value, value, MemoryOrder.NonAtomic, SpecAction.ReadyPush);
                    // Release: publishes the value (and everything the pusher did before) to the consumer's acquire.
                    TMem.Store(ref cell.Sequence, unchecked(pos + 1), MemoryOrder.Release, SpecAction.ReadyPush);
                    return true;
                }
                pos = observed;
            }
            else if (diff < 0)
            {
                return false;
            }
            else
            {
                pos = TMem.Load(ref ctl.Head, MemoryOrder.Relaxed, SpecAction.ReadyPush);
            }
        }
    }

    public bool TryPop(out int value)
    {
        var position = TMem.Load(ref Ctl.Tail, MemoryOrder.Relaxed, SpecAction.Dispatch);
        return TryPop(ref position, out value);
    }

    /// <summary>
    /// Pops starting at <paramref name="position"/>, the caller's last known dequeue position (a value of
    /// <see cref="QueueControl.Tail"/> it saw, or 0 after <see cref="Reset"/>), and leaves there the position to start
    /// from next time.
    /// </summary>
    public bool TryPop(ref int position, out int value)
    {
        Span<int> one = stackalloc int[1];
        var popped = TryPopMany(ref position, one) == 1;
        value = one[0];
        return popped;
    }

    /// <summary>
    /// Pops up to <c>values.Length</c> tasks with one CAS (the seed's batch pop: a contiguous run of published cells)
    /// into <paramref name="values"/> and returns how many; <paramref name="position"/> as in
    /// <see cref="TryPop(ref int, out int)"/>.
    /// </summary>
    /// <remarks>
    /// Tail only grows, so the hint is never ahead of it. The cell at the hint decides without reading Tail: sequence
    /// <c>p + 1</c> means a task is published at <c>p</c> (then Tail is <c>p</c>: it would have been consumed otherwise);
    /// sequence <c>p</c> means nothing was pushed at <c>p</c> yet, so Tail is <c>p</c> and the queue is empty; anything
    /// larger means <c>p</c> was consumed, and Tail is read again. An idle poller thus reads one cell, not Tail and a cell
    /// (one shared line fewer per empty poll, and one scheduling point fewer when checked). The run reserved with one
    /// CAS is the published cells from the hint on, so a scheduler with several free cores takes one CAS on the shared
    /// Tail, not one per core.
    /// </remarks>
    public int TryPopMany(ref int position, Span<int> values)
    {
        ref var ctl = ref Ctl;
        var pos = position;
        while (true)
        {
            var run = 0;
            var diff = 0;
            while (run < values.Length)
            {
                // Acquire: pairs with the pusher's release of the sequence; makes the value and the pusher's prior
                // writes (the task's readiness) visible.
                var seq = TMem.Load(ref CellAt(unchecked(pos + run)).Sequence, MemoryOrder.Acquire, SpecAction.Dispatch);
                diff = unchecked(seq - (pos + run + 1));
                if (diff != 0) break;
                run++;
            }
            if (run > 0)
            {
                var observed = TMem.CompareExchange(ref ctl.Tail, unchecked(pos + run), pos, MemoryOrder.Relaxed, SpecAction.Dispatch);
                if (observed == pos)
                {
                    for (var i = 0; i < run; i++)
                    {
                        ref var cell = ref CellAt(unchecked(pos + i));
                        values[i] = TMem.Load(ref cell.Value, MemoryOrder.NonAtomic, SpecAction.Dispatch);
                        // Release: hands the cell back to the producer a lap later, after our read of the value.
                        TMem.Store(ref cell.Sequence, unchecked(pos + i + _mask + 1), MemoryOrder.Release, SpecAction.Dispatch);
                    }
                    position = unchecked(pos + run);
                    return run;
                }
                pos = observed;
            }
            else if (diff < 0)
            {
                position = pos;
                return 0;
            }
            else
            {
                pos = TMem.Load(ref ctl.Tail, MemoryOrder.Relaxed, SpecAction.Dispatch);
            }
        }
    }

    /// <summary>Registers the queue's shared arrays for checker traces.</summary>
    public void Register(MemoryMap map, string name)
    {
        map.Add($"{name}.cells", _cells);
        map.Add(name, _control);
    }

    /// <summary>Snapshot of the queued values, for stall diagnostics of a quiescent runtime.</summary>
    public List<int> Snapshot()
    {
        var result = new List<int>();
        for (var pos = _control[0].Tail; pos != _control[0].Head; pos = unchecked(pos + 1)) result.Add(CellAt(pos).Value);
        return result;
    }
}
