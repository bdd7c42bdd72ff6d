using Wireless.Memory;
using Wireless.Ring;

namespace Wireless.Scheduling;

internal sealed partial class WirelessProtocol<TMem>
{
    /// <summary>
    /// Reclaim: under the <c>advance_lock</c> try-lock, moves <c>last_task_alive</c> past every slot whose task is
    /// covered by the watermark, whose last consumer is covered too, which no open scope pins, and whose completer
    /// closed its wake list; retires each slot's <c>last_consumer_local_id</c> word and resets its wake list;
    /// publishes <c>last_task_alive</c> with release. Called by every completer and by the orchestrator after it
    /// unpins a scope.
    /// </summary>
    /// <remarks>
    /// A caller that finds the try-lock taken gives up, so the holder re-checks after it unlocks: if the holder has
    /// already read the watermark, the failed completer's progress is otherwise dropped, and with no later completion
    /// the orchestrator waits for a slot forever (the variant lost-reclamation, BUGLOG). A completer advances
    /// the watermark and then tries the lock; the holder unlocks and then reads the watermark: a store-buffering
    /// shape, so all four accesses are seq_cst, and then at least one of the two sees the other and reclaims.
    /// </remarks>
    public void TryReclaim()
    {
        ref var ctl = ref _ring.Ctl;
        while (true)
        {
            // SeqCst: pairs with the unlock below, so we see the previous holder's resets
            // and last_task_alive; seq_cst for the re-check argument above.
            if (TMem.CompareExchange(ref ctl.AdvanceLock, 1, 0, MemoryOrder.SeqCst, SpecAction.Reclaim) != 0) return;

            // Acquire: pairs with the watermark CAS; every task it covers completed.
            var watermark = TMem.Load(ref ctl.CompletedWatermark, MemoryOrder.Acquire, SpecAction.Reclaim);
            // Relaxed: only written under the lock we hold.
            var alive = TMem.Load(ref ctl.LastTaskAlive, MemoryOrder.Relaxed, SpecAction.Reclaim);
            var start = alive;
            while (LocalId.AtOrBefore(alive, watermark))
            {
                var slot = _ring.SlotOf(alive);
                ref var s = ref _ring.Slot(slot);
                ref var lastConsumer = ref _ring.LastConsumer(slot);
                // Acquire: pairs with the orchestrator's stamp and unpin CASes.
                var word = TMem.Load(ref lastConsumer, MemoryOrder.Acquire, SpecAction.Reclaim);
                if (!CanRetire(word, watermark) || !WakeListClosed(ref s, MemoryOrder.Acquire)) break;
                // AcqRel: the retire and the orchestrator's stamp are CASes on one word; whichever comes first in
                // its modification order wins, so a consumer is never stamped onto a reclaimed producer. The release
                // half publishes the producer's completion (acquired through the watermark) to a stamp that finds the
                // word retired and drops the producer.
                if (TMem.CompareExchange(ref lastConsumer, word | LastConsumerWord.Retired, word, MemoryOrder.AcqRel, SpecAction.Reclaim) != word)
                    continue; // a consumer was stamped or the scope unpinned meanwhile: decide again
                // The retire CAS is the linearization point of the reclamation.
                TMem.Observe(SpecEvent.SlotReclaimed, alive, LocalId.Next(alive));
                // Relaxed (both): nobody can reach a retired slot until the orchestrator reuses it, which it does only
                // after acquiring the last_task_alive published below.
                TMem.Store(ref s.WakeListHead, WakeList.Empty, MemoryOrder.Relaxed, SpecAction.Reclaim);
                TMem.Store(ref s.CompletedSubtasks, 0, MemoryOrder.Relaxed, SpecAction.Reclaim);
                alive = LocalId.Next(alive);
            }
            // Release: publishes the slot resets to the orchestrator, which reuses slots only after acquiring this.
            if (alive != start) TMem.Store(ref ctl.LastTaskAlive, alive, MemoryOrder.Release, SpecAction.Reclaim);
            // SeqCst unlock: an exchange so that it orders before the re-check's load.
            TMem.Exchange(ref ctl.AdvanceLock, 0, MemoryOrder.SeqCst, SpecAction.Reclaim);

            if (Has(Bug.LostReclamation) || !Reclaimable()) return;
        }
    }

    private bool CanRetire(long word, int watermark)
    {
        if (LastConsumerWord.IsRetired(word) || LastConsumerWord.IsPinned(word)) return false;
        return Has(Bug.ReclaimIgnoresConsumer) || LocalId.AtOrBefore(LastConsumerWord.LastConsumer(word), watermark);
    }

    /// <summary>True if the slot at <c>last_task_alive</c> could be reclaimed now (the re-check after unlock).</summary>
    private bool Reclaimable()
    {
        ref var ctl = ref _ring.Ctl;
        // Acquire: pairs with the release store of the last holder.
        var alive = TMem.Load(ref ctl.LastTaskAlive, MemoryOrder.Acquire, SpecAction.Reclaim);
        // SeqCst: the load side of the store-buffering pair with a completer's watermark CAS and failed try-lock.
        var watermark = TMem.Load(ref ctl.CompletedWatermark, MemoryOrder.SeqCst, SpecAction.Reclaim);
        if (!LocalId.AtOrBefore(alive, watermark)) return false;
        // SeqCst: the load side of the same pair with the orchestrator's unpin CAS and failed try-lock.
        var slot = _ring.SlotOf(alive);
        var word = TMem.Load(ref _ring.LastConsumer(slot), MemoryOrder.SeqCst, SpecAction.Reclaim);
        // SeqCst: the load side of the pair with the completer's close (exchange) and failed try-lock.
        return CanRetire(word, watermark) && WakeListClosed(ref _ring.Slot(slot), MemoryOrder.SeqCst);
    }

    /// <summary>
    /// True once the slot's completer exchanged in the sentinel (always true in the variant reclaim-before-close, the
    /// seed's reclamation).
    /// </summary>
    private bool WakeListClosed(ref SlotState s, MemoryOrder order)
        // Acquire: pairs with the completer's exchange, its last access to the slot.
        => Has(Bug.ReclaimBeforeClose) || TMem.Load(ref s.WakeListHead, order, SpecAction.Reclaim) == WakeList.Sentinel;

    /// <summary>
    /// True if a reclamation could make progress now. Runs <see cref="TryReclaim"/> first, so a false answer means
    /// the slot at <c>last_task_alive</c> is waiting for a consumer, a scope, or a completion.
    /// </summary>
    public bool ReclaimPending()
    {
        TryReclaim();
        return Reclaimable();
    }
}
