using Wireless.Memory;
using Wireless.Ring;

namespace Wireless.Scheduling;

internal sealed partial class WirelessProtocol<TMem>
{
    /// <summary>
    /// StampLastConsumer: raises producer <paramref name="producer"/>'s last consumer to <paramref name="self"/>,
    /// unless it was already reclaimed. Returns false if the producer is gone (it completed, so an ordering edge
    /// to it is satisfied).
    /// </summary>
    public bool Stamp(int producer, int self, int alive)
    {
        // Its slot was handed to a newer task already: the producer retired long ago. (Only the orchestrator
        // allocates, so this is exact.)
        if (LocalId.Distance(producer, self) >= _ring.Window) return false;
        ref var word = ref _ring.LastConsumer(_ring.SlotOf(producer));

        if (Has(Bug.PlainLastConsumer))
        {
            // The variant plain-last-consumer (the PR's stamp, BUGLOG): a plain int32, read and written by the
            // orchestrator while a scheduler thread reads it.
            if (LocalId.Before(producer, alive)) return false;
            var old = TMem.Load(ref word, MemoryOrder.NonAtomic, SpecAction.StampLastConsumer);
            TMem.Store(ref word, LastConsumerWord.WithConsumer(old, self), MemoryOrder.NonAtomic, SpecAction.StampLastConsumer);
            TMem.Observe(SpecEvent.Stamped, producer, self);
            return true;
        }
        if (Has(Bug.UncheckedStamp))
        {
            // The variant unchecked-stamp (the seed's stamp, BUGLOG): a liveness check, then a separate
            // read-max-write. Reclamation may run in between.
            if (LocalId.Before(producer, alive)) return false;
            var old = TMem.Load(ref word, MemoryOrder.Relaxed, SpecAction.StampLastConsumer);
            TMem.Store(ref word, LastConsumerWord.WithConsumer(old, self), MemoryOrder.Relaxed, SpecAction.StampLastConsumer);
            TMem.Observe(SpecEvent.Stamped, producer, self);
            return true;
        }

        // Acquire: the first guess for the CAS, and the read that may find the producer retired. Pairs with the
        // reclaimer's retire CAS (release), which happens after the producer's completion (the reclaimer acquired the
        // watermark that covers it): a dropped producer's outputs are then visible to us and, through the publish
        // push, to the consumer, which does not name it. Relaxed here is a data race (variant relaxed-stamp-read, BUGLOG).
        var current = TMem.Load(ref word, MemoryOrder.Acquire, SpecAction.StampLastConsumer);
        while (true)
        {
            if (LastConsumerWord.IsRetired(current)) return false;
            // AcqRel: decides against the reclaimer's retire CAS on the same word (one modification order), so
            // either we stamp first and reclamation waits for us, or the producer is reclaimed and we drop it; a
            // failure that finds it retired acquires, as the load above.
            var observed = TMem.CompareExchange(ref word, LastConsumerWord.WithConsumer(current, self), current, MemoryOrder.AcqRel, SpecAction.StampLastConsumer);
            if (observed == current)
            {
                TMem.Observe(SpecEvent.Stamped, producer, self);
                return true;
            }
            current = observed;
        }
    }

    /// <summary>
    /// PrepareTask: clears the completion flag and sets the last-consumer word of the slot's new task. The slot's wake
    /// list and subtask count were reset by the reclaimer (as in the seed), so the orchestrator does not write the
    /// schedulers' line of the slot.
    /// </summary>
    public void PrepareSlot(int slot, int self, bool pinned)
    {
        // Relaxed (both): the slot is private to the orchestrator until the release push in Publish; every thread that
        // later reads them acquired that push, directly or transitively (seed invariant 3).
        TMem.Store(ref _ring.LastConsumer(slot), LastConsumerWord.Make(self, pinned && !Has(Bug.NoScopePin)), MemoryOrder.Relaxed, SpecAction.PrepareTask);
        TMem.Store(ref _ring.Flag(slot), 0, MemoryOrder.Relaxed, SpecAction.PrepareTask);
    }

    /// <summary>AllocTensors: the task is complete at once: closed wake list, completion flag set.</summary>
    public void CompleteInline(int slot, int self, int index, bool pinned)
    {
        ref var s = ref _ring.Slot(slot);
        // Relaxed: the slot is private to the orchestrator until the completion flag below is released.
        TMem.Store(ref _ring.LastConsumer(slot), LastConsumerWord.Make(self, pinned && !Has(Bug.NoScopePin)), MemoryOrder.Relaxed, SpecAction.AllocTensors);
        TMem.Store(ref s.WakeListHead, WakeList.Sentinel, MemoryOrder.Relaxed, SpecAction.AllocTensors);
        // Release (seq_cst, as every completion flag store): the task is complete at once; publishes the initialized
        // buffers to any consumer that acquires the flag (and to the watermark walk).
        TMem.Store(ref _ring.Flag(slot), 1, MemoryOrder.SeqCst, SpecAction.AllocTensors);
        TMem.Observe(SpecEvent.TaskCompletedInline, self, index);
    }

    /// <summary>EndScope: clears a task's scope pin.</summary>
    public void Unpin(int task)
    {
        ref var word = ref _ring.LastConsumer(_ring.SlotOf(task));
        var current = TMem.Load(ref word, MemoryOrder.Relaxed, SpecAction.EndScope);
        while (LastConsumerWord.IsPinned(current))
        {
            // SeqCst: the store side of a store-buffering pair with a reclaimer that read the pinned word: we then
            // try its lock (TryReclaim), it unlocks and re-checks; seq_cst guarantees one of us sees the other.
            var observed = TMem.CompareExchange(ref word, current & ~LastConsumerWord.Pinned, current, MemoryOrder.SeqCst, SpecAction.EndScope);
            if (observed == current)
            {
                TMem.Observe(SpecEvent.Unpinned, task, 0);
                return;
            }
            current = observed;
        }
    }
}

/// <summary>The wireless protocol's part of the orchestrator.</summary>
internal readonly struct WirelessOrchestratorHooks<TMem>(WirelessProtocol<TMem> protocol) : Orchestration.IOrchestratorHooks
    where TMem : struct, ISharedMemory
{
    public bool Link(int producer, int self, int lastTaskAlive) => protocol.Stamp(producer, self, lastTaskAlive);
    public void Prepare(int slot, int self, bool pinned) => protocol.PrepareSlot(slot, self, pinned);
    public void CompleteInline(int slot, int self, int index, bool pinned) => protocol.CompleteInline(slot, self, index, pinned);
    public void Unpin(int task) => protocol.Unpin(task);
    public void Reclaim() => protocol.TryReclaim();
    public bool ReclaimPending() => protocol.ReclaimPending();
}
