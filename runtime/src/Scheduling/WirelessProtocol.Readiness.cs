using Wireless.Memory;
using Wireless.Ring;

namespace Wireless.Scheduling;

internal sealed partial class WirelessProtocol<TMem>
{
    /// <summary>
    /// Classify (scheduler thread 0): counts the task's unmet fanins with acquire loads of the completion flags and
    /// routes it: 0 → ready queue, exactly 1 → that producer's wake list, 2 or more → back to the pending FIFO.
    /// </summary>
    /// <remarks>
    /// A task classified "2 or more" keeps its first two unmet producers in its FIFO entry, so that a visit need not
    /// rescan every fanin: while both flags still read 0 the full scan would decide the same (the fanins before the
    /// first stay met, flags being monotonic while the consumer is live, and so do those between the two), so the
    /// visit reads those two flags and nothing else. When either flag has turned, the scan
    /// resumes at the first of them. The variant <c>cursor-past-unmet</c> resumes after the second instead, skipping
    /// both: a task can be readied while one of them still runs.
    /// </remarks>
    public void Classify(in PendingTask task, PendingFifo pending)
    {
        var localId = task.Task;
        if (task.Watches && !HasCompleted(task.WatchA) && !HasCompleted(task.WatchB))
        {
            // The load of WatchB's flag decided, as it would have at the same point of a full scan.
            TMem.Observe(SpecEvent.Classified, localId, SpecEventValue.Classification(2, task.WatchB));
            pending.Push(task);
            return;
        }

        var slot = _ring.SlotOf(localId);
        ref var d = ref _ring.Descriptor(slot);
        TMem.AccessBuffer(ref d, 1, write: false, SpecAction.Classify);
        var fanin = _ring.FaninStripe(slot);
        int count = d.FaninCount;
        if (Has(Bug.IgnoreLastFanin) && count > 0) count--;

        var unmet = 0;
        var unmetProducer = 0;
        var firstUnmet = -1;
        var firstProducer = 0;
        var i = task.Watches ? task.FirstUnmet : 0;
        for (; i < count; i++)
        {
            var producer = TMem.Load(ref fanin[i], MemoryOrder.NonAtomic, SpecAction.Classify);
            if (HasCompleted(producer)) continue;
            if (unmet == 0) (firstUnmet, firstProducer) = (i, producer);
            unmetProducer = producer;
            if (++unmet == 2) break;
        }
        // The flag load that decided (none for a task without fanin) is the linearization point of Classify.
        TMem.Observe(SpecEvent.Classified, localId, SpecEventValue.Classification(unmet, unmetProducer));

        switch (unmet)
        {
            case 0:
                ReadyPush(localId);
                break;
            case 1:
                RegisterWake(unmetProducer, localId);
                break;
            default:
                var resumeAt = Has(Bug.CursorPastUnmet) ? i + 1 : firstUnmet;
                pending.Push(new PendingTask(localId, resumeAt, firstProducer, unmetProducer));
                break;
        }
    }

    /// <summary>Whether <paramref name="producer"/>'s completion flag is set.</summary>
    private bool HasCompleted(int producer)
        // Acquire: pairs with the completer's release store of the flag, so once we see 1 the producer's outputs are
        // visible to us and, through the ready queue, to whoever runs this task.
        => TMem.Load(ref _ring.Flag(_ring.SlotOf(producer)), MemoryOrder.Acquire, SpecAction.Classify) != 0;

    /// <summary>
    /// RegisterWake: pushes <paramref name="consumer"/> on <paramref name="producer"/>'s wake list with a CAS; if the
    /// list is already closed (the producer completed meanwhile) readies the consumer instead, since its other
    /// fanins were met when it was classified.
    /// </summary>
    /// <remarks>
    /// Both reads of the head acquire (the load, and the CAS on failure). Classify may have read the producer's flag
    /// as 0 before it could see the completion, so the sentinel is the only proof of completion this thread holds:
    /// read relaxed, nothing synchronizes this thread with the completer, and the consumer readied on it could run
    /// without seeing the producer's outputs (the ordering variant relaxed-sentinel-read, the seed's read, BUGLOG).
    /// </remarks>
    public void RegisterWake(int producer, int consumer)
    {
        ref var p = ref _ring.Slot(_ring.SlotOf(producer));
        var consumerSlot = _ring.SlotOf(consumer);
        // Acquire: pairs with the completer's exchange (release) that wrote the sentinel, so a consumer readied
        // here sees its producer's outputs.
        var head = TMem.Load(ref p.WakeListHead, MemoryOrder.Acquire, SpecAction.RegisterWake);
        while (true)
        {
            if (head == WakeList.Sentinel)
            {
                ReadyPush(consumer);
                return;
            }
            TMem.Store(ref _ring.Slot(consumerSlot).NextInWakeList, head, MemoryOrder.NonAtomic, SpecAction.RegisterWake);
            // AcqRel: release publishes NextInWakeList to the completer's exchange (acquire); acquire also on
            // failure, which may return the sentinel (see remarks).
            var observed = TMem.CompareExchange(ref p.WakeListHead, consumerSlot, head, MemoryOrder.AcqRel, SpecAction.RegisterWake);
            if (observed == head)
            {
                TMem.Observe(SpecEvent.Registered, consumer, producer);
                return;
            }
            head = observed;
        }
    }

    /// <summary>ReadyPush: puts a task whose producers all completed on its shape's ready queue.</summary>
    public void ReadyPush(int localId)
    {
        if (_ready.Push(localId)) TMem.Observe(SpecEvent.Readied, localId, 0);
    }
}
