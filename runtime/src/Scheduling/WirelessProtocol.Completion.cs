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
    /// The seed bounded the walk by the completer's own id (bug log: watermark-stall). When newer tasks complete
    /// before an older one, their walks stop at the older one, and the older one's walk stopped at its own id, so the
    /// watermark stayed below completed tasks; a slot whose last consumer was among them was never reclaimed, and an
    /// orchestrator waiting for that slot waited forever. Walking to the prepared frontier lets the last completer
    /// cover every completed task. Up to our own id every flag is known to be prepared (we were published after it),
    /// so the frontier is read only when the walk would pass our own id.
    /// <para>
    /// Past our own id the walk first probes the next flag (issue 12): a 0 ends the walk whatever the frontier says,
    /// and the frontier is read only for a 1, after which the flag is read again (a 1 read before the frontier may be a
    /// retired task's, cleared and re-published since). When the schedulers keep up with the orchestrator, the task
    /// after a completer's is almost always still running, so the probe saves the frontier's line, which the
    /// orchestrator writes for every task. The probe also makes release/acquire enough for the frontier (it was
    /// seq_cst: bug log, acqrel-frontier): a probe that reads a newer task's completion synchronizes with it, and the
    /// frontier that includes that task was published before it ran, so the frontier read after the probe includes it.
    /// The orchestrator's store of the frontier is then a plain store instead of an exchange, which waited for every
    /// store before it, for every task.
    /// </para>
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
                // SeqCst, as the trusted read below (a 0 ends the walk there too, and this is the same store-buffering
                // pair with the next task's completer): the probe. A 1 is not trusted yet: the slot may hold a retired
                // task. A 1 of the next task's completion synchronizes with its completer (release), after whose
                // publication the frontier that includes it was stored. The variant acqrel-frontier reads the frontier
                // first, as the walk did before, and stalls.
                if (!Has(Bug.AcqrelFrontier)
                    && TMem.Load(ref _ring.Flag(_ring.SlotOf(next)), MemoryOrder.SeqCst, SpecAction.AdvanceWatermark) == 0) return;
                // Acquire: pairs with the orchestrator's release store after it prepared a slot, so every flag before the
                // frontier belongs to an allocated task and was cleared before it. After the probe it is also fresh
                // enough: a newer task that completed and read our flag as 0 (store buffering: we then read its 1)
                // was published after its frontier store, which therefore happens before this load (see remarks).
                frontier = LocalId.Add(TMem.Load(ref ctl.CurrentTaskIndex, MemoryOrder.Acquire, SpecAction.AdvanceWatermark), -1);
                frontierRead = true;
                if (LocalId.Before(frontier, next)) return;
            }
            // SeqCst (acquire in the seed): pairs with that task's completion store. Seq_cst with the completion
            // store because two completers each store their flag and then read the other's (store buffering): with
            // only release/acquire both could read 0 and stop, leaving the watermark below two completed tasks.
            if (TMem.Load(ref _ring.Flag(_ring.SlotOf(next)), MemoryOrder.SeqCst, SpecAction.AdvanceWatermark) == 0) return;
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
