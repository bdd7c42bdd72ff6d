using Wireless.Memory;

namespace Wireless.Wired;

internal sealed partial class WiredProtocol<TMem>
{
    /// <summary>
    /// StampLastConsumer's wired counterpart, the seed's "decide and claim": under the producer's lock, the producer is
    /// gone if its slot was reused or it is CONSUMED (then the edge is satisfied and dropped); otherwise the consumer
    /// takes a pin (<c>fanout_count</c> + 1) that keeps it from being consumed until the consumer releases it.
    /// </summary>
    public bool Claim(int producer, int self)
    {
        if (LocalId.Distance(producer, self) >= _ring.Window) return false;
        ref var p = ref Slot(_ring.SlotOf(producer));
        Lock(ref p, SpecAction.StampLastConsumer);
        // Under the lock: CONSUMED is only set under it, so the decision and the pin are one atomic step.
        var gone = TMem.Load(ref p.State, MemoryOrder.Relaxed, SpecAction.StampLastConsumer) == TaskState.Consumed;
        if (!gone)
        {
            var count = TMem.Load(ref p.FanoutCount, MemoryOrder.NonAtomic, SpecAction.StampLastConsumer);
            TMem.Store(ref p.FanoutCount, count + 1, MemoryOrder.NonAtomic, SpecAction.StampLastConsumer);
        }
        Unlock(ref p, SpecAction.StampLastConsumer);
        return !gone;
    }

    /// <summary>PrepareTask: resets the slot's record for its new task (it is private to the orchestrator until published).</summary>
    public void Prepare(int slot, bool pinned)
    {
        ref var s = ref Slot(slot);
        // Relaxed and plain: the slot is private until the release push on the wiring queue publishes it; the last
        // owner's lock was released before the ring advanced past it, which the orchestrator acquired.
        TMem.Store(ref s.FanoutLock, 0, MemoryOrder.Relaxed, SpecAction.PrepareTask);
        TMem.Store(ref s.FanoutHead, -1, MemoryOrder.NonAtomic, SpecAction.PrepareTask);
        // Its own pin (released by its deferred release), and its scope's.
        TMem.Store(ref s.FanoutCount, pinned ? 2 : 1, MemoryOrder.NonAtomic, SpecAction.PrepareTask);
        TMem.Store(ref s.FanoutRefcount, 0, MemoryOrder.Relaxed, SpecAction.PrepareTask);
        TMem.Store(ref s.FaninRefcount, 0, MemoryOrder.Relaxed, SpecAction.PrepareTask);
        TMem.Store(ref s.CompletedSubtasks, 0, MemoryOrder.Relaxed, SpecAction.PrepareTask);
        TMem.Store(ref s.State, TaskState.Pending, MemoryOrder.Relaxed, SpecAction.PrepareTask);
    }

    /// <summary>AllocTensors: the task is COMPLETED at once; its scope holds its only pin.</summary>
    public void CompleteInline(int slot, int self, int index)
    {
        ref var s = ref Slot(slot);
        TMem.Store(ref s.FanoutLock, 0, MemoryOrder.Relaxed, SpecAction.AllocTensors);
        TMem.Store(ref s.FanoutHead, -1, MemoryOrder.NonAtomic, SpecAction.AllocTensors);
        TMem.Store(ref s.FanoutCount, 1, MemoryOrder.NonAtomic, SpecAction.AllocTensors);
        TMem.Store(ref s.FanoutRefcount, 0, MemoryOrder.Relaxed, SpecAction.AllocTensors);
        // Release: publishes the initialized buffers to any consumer that wires against this task (acquire under the lock).
        TMem.Store(ref s.State, TaskState.Completed, MemoryOrder.Release, SpecAction.AllocTensors);
        TMem.Observe(SpecEvent.TaskCompletedInline, self, index);
    }

    /// <summary>EndScope: releases the scope's pin on a task (the seed's <c>release_producer_scope</c>).</summary>
    public void ReleaseScope(int task) => ReleaseProducer(task);
}
