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

        // Release (seq_cst, see AdvanceWatermark): publishes the task's outputs (written by its core before FIN,
        // which we acquired) to every thread that loads this flag with acquire (Classify, AdvanceWatermark). Must
        // precede the exchange below: a registration that sees the sentinel relies on the flag being set (seed
        // invariant 2).
        TMem.Store(ref _ring.Flag(slot), 1, MemoryOrder.SeqCst, SpecAction.Complete);
        TMem.Observe(SpecEvent.TaskCompleted, localId, _ring.Descriptor(slot).Index);

        var closed = Has(Bug.NoSentinel) ? WakeList.Empty : WakeList.Sentinel;
        // AcqRel (seq_cst, for the reclaimer's re-check): acquire pairs with each registration's release CAS, so
        // the waiters' NextInWakeList links are visible; release hands the sentinel to a racing registration and to
        // the reclaimer, which waits for it (the completer's last access to its own slot). Detaching the whole list
        // makes each waiter ours alone (exactly-once wake-up).
        var waiter = TMem.Exchange(ref s.WakeListHead, closed, MemoryOrder.SeqCst, SpecAction.CloseWakeList);
        while (waiter >= 0)
        {
            // Read the link before readying the waiter: once it is on a ready queue it may run, complete and be
            // reclaimed, and its slot reused.
            var next = TMem.Load(ref _ring.Slot(waiter).NextInWakeList, MemoryOrder.NonAtomic, SpecAction.CloseWakeList);
            TMem.AccessBuffer(ref _ring.Descriptor(waiter), 1, write: false, SpecAction.CloseWakeList);
            var waiterId = _ring.Descriptor(waiter).LocalId;
            ReadyPush(waiterId);
            if (Has(Bug.DoubleWake)) ReadyPush(waiterId);
            waiter = next;
        }

        AdvanceWatermark(localId);
        TryReclaim();
    }

    /// <summary>
    /// AdvanceWatermark: moves <c>completed_watermark</c> forward by CAS through consecutive completed tasks, up to
    /// the newest prepared task (<c>current_task_index</c>). Beyond that bound a slot's flag may still be 1 from a
    /// retired task whose slot was not reused yet, so it must not be trusted.
    /// </summary>
    /// <remarks>
    /// The walk is bounded by the prepared frontier, not by the completer's own id: when newer tasks complete before
    /// an older one, their walks stop at the older one, so the older one's walk must go past its own id. Stopping there
    /// (the variant watermark-stall, the seed's walk, BUGLOG) leaves the watermark below completed tasks; a slot whose
    /// last consumer is among them is never reclaimed, and an orchestrator waiting for that slot waits forever. Up to
    /// our own id every flag is known to be prepared (we are published after it), so the frontier is read only when
    /// the walk would pass our own id.
    /// </remarks>
    public void AdvanceWatermark(int self)
    {
        ref var ctl = ref _ring.Ctl;
        // Acquire: pairs with the CAS of the completer that set it, extending its view of completed flags to us.
        var w = TMem.Load(ref ctl.CompletedWatermark, MemoryOrder.Acquire, SpecAction.AdvanceWatermark);
        var frontier = self;
        var frontierRead = false;
        for (var steps = 0; steps < _ring.Window; steps++)
        {
            var next = LocalId.Next(w);
            if (LocalId.Before(frontier, next) && !Has(Bug.UnboundedWatermark))
            {
                if (frontierRead || Has(Bug.WatermarkStall)) return;
                // SeqCst: pairs with the orchestrator's seq_cst store after it prepared a slot, so every flag before the
                // frontier belongs to an allocated task and was cleared before it (acquire would do for that). Seq_cst
                // because a newer task may have completed and read our flag as 0 before our flag store: in the single
                // order S its frontier store precedes its flag store, which precedes that read, our flag store and
                // this load, so this load cannot read a frontier older than the newer task and the walk reaches it.
                // With acquire it can, and the watermark stalls below a completed task (variant acqrel-frontier,
                // BUGLOG). Probing the next flag first does not make acquire enough: the probe synchronizes with the
                // next task only, and a completed task after it may be beyond the frontier it then reads.
                frontier = LocalId.Add(TMem.Load(ref ctl.CurrentTaskIndex, MemoryOrder.SeqCst, SpecAction.AdvanceWatermark), -1);
                frontierRead = true;
                if (LocalId.Before(frontier, next)) return;
            }
            // SeqCst: pairs with that task's completion store. Seq_cst with the completion store because two
            // completers each store their flag and then read the other's (store buffering): with only
            // release/acquire both could read 0 and stop, leaving the watermark below two completed tasks.
            if (TMem.Load(ref _ring.Flag(_ring.SlotOf(next)), MemoryOrder.SeqCst, SpecAction.AdvanceWatermark) == 0) return;
            if (Has(Bug.PlainWatermark))
            {
                TMem.Store(ref ctl.CompletedWatermark, next, MemoryOrder.Release, SpecAction.AdvanceWatermark);
                TMem.Observe(SpecEvent.WatermarkAdvanced, next, 0);
                w = next;
                continue;
            }
            // SeqCst: this write and the advance_lock try in TryReclaim form a store-buffering pair with the lock
            // holder's unlock and re-check (see TryReclaim).
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
