using Wireless.Memory;

namespace Wireless.Checking.MemoryModel;

/// <summary>The ordering variants: one per release/acquire or seq_cst pair of spec/SPEC.md §5.</summary>
public static class OrderingVariants
{
    private static WeakeningRule Rule(SpecAction action, string location, AccessClass access, MemoryOrder to) => new(action, location, access, to);

    public static IReadOnlyList<OrderingVariant> All { get; } =
    [
        new("relaxed-completion-flag", "the completion flag is set with a relaxed store: consumers see it but not the producer's outputs", "R1",
            [Rule(SpecAction.Complete, "completion_flags", AccessClass.Store, MemoryOrder.Relaxed)]),
        new("relaxed-flag-poll", "thread 0 polls completion flags with relaxed loads: a ready consumer may not see its producers' outputs", "R1",
            [Rule(SpecAction.Classify, "completion_flags", AccessClass.Load, MemoryOrder.Relaxed)]),
        new("acqrel-watermark-walk", "the completion flag store and the watermark walk's flag loads are release/acquire, not seq_cst", "L1",
            [Rule(SpecAction.Complete, "completion_flags", AccessClass.Store, MemoryOrder.Release),
             Rule(SpecAction.AdvanceWatermark, "completion_flags", AccessClass.Load, MemoryOrder.Acquire)]),
        new("acqrel-reclaim-recheck", "the watermark CAS, the advance_lock try and unlock and the re-check are release/acquire, not seq_cst", "L1",
            [Rule(SpecAction.AdvanceWatermark, "ring.completed_watermark", AccessClass.ReadModifyWrite, MemoryOrder.AcqRel),
             Rule(SpecAction.Reclaim, "ring.advance_lock", AccessClass.ReadModifyWrite, MemoryOrder.AcqRel),
             Rule(SpecAction.Reclaim, "ring.completed_watermark", AccessClass.Load, MemoryOrder.Acquire),
             Rule(SpecAction.Reclaim, "last_consumer", AccessClass.Load, MemoryOrder.Acquire),
             Rule(SpecAction.Reclaim, "slot", AccessClass.Load, MemoryOrder.Acquire)]),
        new("acqrel-frontier", "current_task_index is published release and read acquire, not seq_cst: a completer may read a stale frontier and stop short of a newer completed task (stall)", "L1",
            [Rule(SpecAction.PrepareTask, "ring.current_task_index", AccessClass.Store, MemoryOrder.Release),
             Rule(SpecAction.AdvanceWatermark, "ring.current_task_index", AccessClass.Load, MemoryOrder.Acquire)]),
        new("relaxed-frontier", "current_task_index is published and read relaxed: the watermark walk may trust a stale flag", "S4",
            [Rule(SpecAction.PrepareTask, "ring.current_task_index", AccessClass.Store, MemoryOrder.Relaxed),
             Rule(SpecAction.AdvanceWatermark, "ring.current_task_index", AccessClass.Load, MemoryOrder.Relaxed)]),
        new("relaxed-wiring-queue", "the wiring queue publishes tasks with a relaxed store: thread 0 may read a stale descriptor", "R1",
            [Rule(SpecAction.PublishTask, "wiring_queue", AccessClass.Store, MemoryOrder.Relaxed)]),
        new("relaxed-last-task-alive", "last_task_alive is published relaxed: the orchestrator may reuse a slot before its reset is visible", "R1",
            [Rule(SpecAction.Reclaim, "ring.last_task_alive", AccessClass.Store, MemoryOrder.Relaxed)]),
        new("relaxed-wake-list", "wake-list pushes are relaxed CASes: the completer may read a waiter's link before it is written", "R1",
            [Rule(SpecAction.RegisterWake, "slot", AccessClass.ReadModifyWrite, MemoryOrder.Relaxed)]),
        new("relaxed-ready-queue", "ready-queue cells are published relaxed: a dispatcher may read a stale task id", "R1",
            [Rule(SpecAction.ReadyPush, "ready_queue", AccessClass.Store, MemoryOrder.Relaxed)]),
        new("relaxed-dispatch", "DATA_MAIN is written relaxed (no wmb): the core may read a stale payload", "R1",
            [Rule(SpecAction.Dispatch, "core", AccessClass.Store, MemoryOrder.Relaxed)]),
        new("relaxed-core-finish", "COND is written relaxed: the scheduler completes a task whose outputs it cannot see", "R1",
            [Rule(SpecAction.CoreFinish, "core", AccessClass.Store, MemoryOrder.Relaxed)]),
        new("relaxed-sentinel-read", "the seed's RegisterWake: the wake-list head is read relaxed; a consumer readied on the sentinel may not see its producer's outputs", "R1",
            [Rule(SpecAction.RegisterWake, "slot", AccessClass.Load, MemoryOrder.Relaxed)]),
        new("relaxed-gate-arrival", "gate arrivals are relaxed: a thread ranks itself on stale per-CPU counts", "G2",
            [Rule(SpecAction.Gate, "gate.arrived_departed", AccessClass.ReadModifyWrite, MemoryOrder.Relaxed),
             Rule(SpecAction.Gate, "gate.per_cpu", AccessClass.ReadModifyWrite, MemoryOrder.Relaxed),
             Rule(SpecAction.Gate, "gate.cpu_mask", AccessClass.ReadModifyWrite, MemoryOrder.Relaxed)]),
        new("relaxed-stamp-read", "the stamp's first read of the last-consumer word is relaxed: a producer found retired is dropped without acquiring its completion", "R1",
            [Rule(SpecAction.StampLastConsumer, "last_consumer", AccessClass.Load, MemoryOrder.Relaxed)]),
        new("relaxed-stamp", "the last-consumer stamp and retire CASes are relaxed: a stamp whose CAS fails on a retired word drops the producer without acquiring its completion", "R1",
            [Rule(SpecAction.StampLastConsumer, "last_consumer", AccessClass.ReadModifyWrite, MemoryOrder.Relaxed),
             Rule(SpecAction.Reclaim, "last_consumer", AccessClass.ReadModifyWrite, MemoryOrder.Relaxed)]),
    ];

    public static OrderingVariant? Find(string name) => All.FirstOrDefault(v => v.Name == name);
}
