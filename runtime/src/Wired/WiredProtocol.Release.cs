using Wireless.Memory;

namespace Wireless.Wired;

internal sealed partial class WiredProtocol<TMem>
{
    /// <summary>
    /// The deferred release of a completed task (<c>on_task_release</c>): drops its pin on every producer, then its
    /// own pin (taken at PrepareTask), which kept it from being consumed, and its slot from being reused, while this
    /// release still read the slot's fanin.
    /// </summary>
    public void Release(int localId)
    {
        var slot = _ring.SlotOf(localId);
        ref var d = ref _ring.Descriptor(slot);
        TMem.AccessBuffer(ref d, 1, write: false, SpecAction.Reclaim);
        var fanin = _ring.FaninStripe(slot);
        for (var i = 0; i < d.FaninCount; i++) ReleaseProducer(TMem.Load(ref fanin[i], MemoryOrder.NonAtomic, SpecAction.Reclaim));
        ReleaseProducer(localId);
    }

    /// <summary>
    /// <c>release_producer</c> and <c>check_and_handle_consumed</c> in one step under the slot's lock: one pin is
    /// released, and a COMPLETED task whose pins are all released becomes CONSUMED; then the ring may advance.
    /// </summary>
    /// <remarks>
    /// Dropping the pin and checking must be one step: once a pin is dropped outside the lock, another releaser may
    /// consume the task and the ring reuse its slot, and a check made afterwards reads the next task's counts while
    /// the orchestrator prepares them (a data race the memory model found; spec/BUGLOG.md).
    /// </remarks>
    private void ReleaseProducer(int producer)
    {
        ref var s = ref Slot(_ring.SlotOf(producer));
        if (Has(Bug.WiredSplitRelease))
        {
            ReleaseThenCheck(ref s);
            return;
        }
        Lock(ref s, SpecAction.Reclaim);
        // Relaxed (refcount) and plain (count): written only under the lock, whose acquire orders every earlier
        // releaser's reads of the producer's outputs before the producer is consumed.
        var released = TMem.Load(ref s.FanoutRefcount, MemoryOrder.Relaxed, SpecAction.Reclaim) + 1;
        TMem.Store(ref s.FanoutRefcount, released, MemoryOrder.Relaxed, SpecAction.Reclaim);
        var became = false;
        if (released == TMem.Load(ref s.FanoutCount, MemoryOrder.NonAtomic, SpecAction.Reclaim))
        {
            // SeqCst: the store side of the store-buffering pair with the ring advance's unlock and re-check.
            became = TMem.CompareExchange(ref s.State, TaskState.Consumed, TaskState.Completed, MemoryOrder.SeqCst, SpecAction.Reclaim) == TaskState.Completed;
        }
        Unlock(ref s, SpecAction.Reclaim);
        if (became) AdvanceRing();
    }

    /// <summary>
    /// The variant <c>wired-split-release</c>, as this baseline first had it: the pin is dropped outside the lock, then
    /// checked under it. Between the two, another releaser may consume the task and the ring reuse the slot, so the
    /// check reads the counts the orchestrator is writing for the slot's next task.
    /// </summary>
    private void ReleaseThenCheck(ref WiredSlotState s)
    {
        var released = TMem.FetchAdd(ref s.FanoutRefcount, 1, MemoryOrder.AcqRel, SpecAction.Reclaim) + 1;
        Lock(ref s, SpecAction.Reclaim);
        var became = released == TMem.Load(ref s.FanoutCount, MemoryOrder.NonAtomic, SpecAction.Reclaim)
            && TMem.CompareExchange(ref s.State, TaskState.Consumed, TaskState.Completed, MemoryOrder.SeqCst, SpecAction.Reclaim) == TaskState.Completed;
        Unlock(ref s, SpecAction.Reclaim);
        if (became) AdvanceRing();
    }

    /// <summary>
    /// Reclaim's wired counterpart, <c>advance_ring_pointers</c>: under the <c>advance_lock</c> try-lock, moves
    /// <c>last_task_alive</c> over consecutive CONSUMED slots of prepared tasks, resets them, publishes it, unlocks,
    /// and re-checks (giving up on a contended lock loses a reclamation: BUGLOG <c>lost-reclamation</c>).
    /// </summary>
    /// <remarks>
    /// The slot at <c>last_task_alive</c> is probed before <c>current_task_index</c> is read: a slot that is
    /// not CONSUMED ends the walk whatever the frontier says, so the frontier, which the orchestrator writes for every
    /// task, is read only when there is something to reclaim; then the state is read again (a CONSUMED read before the
    /// frontier may be the slot's previous task's).
    /// </remarks>
    public void AdvanceRing()
    {
        ref var ctl = ref _ring.Ctl;
        while (true)
        {
            // SeqCst: try-lock; part of the store-buffering pair with a consumer's CONSUMED CAS.
            if (TMem.CompareExchange(ref ctl.AdvanceLock, 1, 0, MemoryOrder.SeqCst, SpecAction.Reclaim) != 0) return;
            // Relaxed: only written under the lock we hold.
            var alive = TMem.Load(ref ctl.LastTaskAlive, MemoryOrder.Relaxed, SpecAction.Reclaim);
            var start = alive;
            var frontier = alive;
            var frontierRead = false;
            while (LocalId.Before(alive, frontier) || !frontierRead)
            {
                ref var s = ref Slot(_ring.SlotOf(alive));
                // Acquire: pairs with the CONSUMED CAS; the task and all its consumers are done with the slot. Before
                // the frontier is read, the probe (see remarks).
                if (TMem.Load(ref s.State, MemoryOrder.Acquire, SpecAction.Reclaim) != TaskState.Consumed) break;
                if (!frontierRead)
                {
                    // Acquire: pairs with the orchestrator's release after it prepared a slot; only prepared tasks are
                    // walked. The loop then reads the state again.
                    frontier = TMem.Load(ref ctl.CurrentTaskIndex, MemoryOrder.Acquire, SpecAction.Reclaim);
                    frontierRead = true;
                    continue;
                }
                TMem.Observe(SpecEvent.SlotReclaimed, alive, LocalId.Next(alive));
                alive = LocalId.Next(alive);
            }
            // Release: publishes the freed slots to the orchestrator, which reuses them only after acquiring this.
            if (alive != start) TMem.Store(ref ctl.LastTaskAlive, alive, MemoryOrder.Release, SpecAction.Reclaim);
            // SeqCst unlock: orders it before the re-check's load.
            TMem.Exchange(ref ctl.AdvanceLock, 0, MemoryOrder.SeqCst, SpecAction.Reclaim);
            if (!Reclaimable()) return;
        }
    }

    /// <summary>Advances the ring, then tells whether more could be reclaimed now.</summary>
    public bool ReclaimPending()
    {
        AdvanceRing();
        return Reclaimable();
    }

    /// <summary>True if the slot at <c>last_task_alive</c> could be reclaimed now (the re-check after unlock).</summary>
    private bool Reclaimable()
    {
        ref var ctl = ref _ring.Ctl;
        var alive = TMem.Load(ref ctl.LastTaskAlive, MemoryOrder.Acquire, SpecAction.Reclaim);
        // SeqCst: the load side of the store-buffering pair with a consumer's CONSUMED CAS and failed try-lock. A
        // CONSUMED read before the frontier may be the slot's previous task's: then the next pass finds nothing.
        if (TMem.Load(ref Slot(_ring.SlotOf(alive)).State, MemoryOrder.SeqCst, SpecAction.Reclaim) != TaskState.Consumed) return false;
        // Acquire: pairs with the orchestrator's release after it prepared the slot.
        return LocalId.Before(alive, TMem.Load(ref ctl.CurrentTaskIndex, MemoryOrder.Acquire, SpecAction.Reclaim));
    }
}
