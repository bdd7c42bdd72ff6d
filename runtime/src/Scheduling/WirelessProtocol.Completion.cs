using Wireless.Memory;
using Wireless.Ring;

namespace Wireless.Scheduling;

internal sealed partial class WirelessProtocol<TMem>
{
    /// <summary>
    /// Complete, CloseWakeList, AdvanceWatermark, Reclaim: what the scheduler thread that saw a task's last
    /// subtask finish does (the seed's <c>on_mixed_task_complete</c>).
    /// </summary>
    public void OnTaskComplete(int localId)
    {
        var slot = _ring.SlotOf(localId);
        ref var s = ref _ring.Slot(slot);

        // Release: publishes the task's outputs (written by its core before FIN, which we acquired) to every
        // thread that loads this flag with acquire (Classify, AdvanceWatermark). Must precede the exchange below:
        // a registration that sees the sentinel relies on the flag being set (seed invariant 2).
        TMem.Store(ref _ring.Flag(slot), 1, MemoryOrder.Release, SpecAction.Complete);
        TMem.Observe(SpecEvent.TaskCompleted, localId, _ring.Descriptor(slot).Index);

        var closed = Has(Bug.NoSentinel) ? WakeList.Empty : WakeList.Sentinel;
        // AcqRel: acquire pairs with each registration's release CAS, so the waiters' NextInWakeList links are
        // visible; release hands the sentinel to a racing registration. Detaching the whole list makes each
        // waiter ours alone (exactly-once wake-up).
        var waiter = TMem.Exchange(ref s.WakeListHead, closed, MemoryOrder.AcqRel, SpecAction.CloseWakeList);
        while (waiter >= 0)
        {
            // Read the link before readying the waiter: once it is on a ready queue it may run, complete and be
            // reclaimed, and its slot reused.
            var next = TMem.Load(ref _ring.Slot(waiter).NextInWakeList, MemoryOrder.NonAtomic, SpecAction.CloseWakeList);
            var waiterId = _ring.Descriptor(waiter).LocalId;
            ReadyPush(waiterId);
            if (Has(Bug.DoubleWake)) ReadyPush(waiterId);
            waiter = next;
        }

        AdvanceWatermark(localId);
        // Relaxed: a counter for the exit check only; no data is published through it.
        TMem.FetchAdd(ref _ring.Ctl.CompletedTasks, 1, MemoryOrder.Relaxed, SpecAction.Complete);
        TryReclaim();
    }

    /// <summary>
    /// AdvanceWatermark: moves <c>completed_watermark</c> forward by CAS through consecutive completed tasks, but
    /// never past <paramref name="self"/>: every id up to ours has been allocated and its flag cleared before we
    /// were published, while beyond it a flag may still be 1 from a retired task whose slot was not reused yet.
    /// </summary>
    public void AdvanceWatermark(int self)
    {
        ref var ctl = ref _ring.Ctl;
        // Acquire: pairs with the CAS of the completer that set it, extending its view of completed flags to us.
        var w = TMem.Load(ref ctl.CompletedWatermark, MemoryOrder.Acquire, SpecAction.AdvanceWatermark);
        for (var steps = 0; steps < _ring.Window; steps++)
        {
            if (!LocalId.Before(w, self) && !Has(Bug.UnboundedWatermark)) return;
            var next = LocalId.Next(w);
            // Acquire: pairs with that task's completion release; the watermark must only cover completed tasks.
            if (TMem.Load(ref _ring.Flag(_ring.SlotOf(next)), MemoryOrder.Acquire, SpecAction.AdvanceWatermark) == 0) return;
            if (Has(Bug.PlainWatermark))
            {
                TMem.Store(ref ctl.CompletedWatermark, next, MemoryOrder.Release, SpecAction.AdvanceWatermark);
                TMem.Observe(SpecEvent.WatermarkAdvanced, next, 0);
                w = next;
                continue;
            }
            // SeqCst: acq_rel in the seed; seq_cst because this write and the advance_lock try in TryReclaim form a
            // store-buffering pair with the lock holder's unlock and re-check (see TryReclaim).
            var observed = TMem.CompareExchange(ref ctl.CompletedWatermark, next, w, MemoryOrder.SeqCst, SpecAction.AdvanceWatermark);
            if (observed == w)
            {
                TMem.Observe(SpecEvent.WatermarkAdvanced, next, 0);
                w = next;
            }
            else
            {
                w = observed;
            }
        }
    }
}
