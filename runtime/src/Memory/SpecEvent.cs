namespace Wireless.Memory;

/// <summary>
/// Protocol events the runtime reports through <see cref="ISharedMemory.Observe"/>. Checkers build the
/// specification's monitors from them; the fast build compiles them away.
/// </summary>
public enum SpecEvent : byte
{
    /// <summary>id = local id, value = submission index. The task is visible to scheduler thread 0.</summary>
    TaskPublished,
    /// <summary>id = local id, value = submission index. A task completed inline (<c>alloc_tensors</c>).</summary>
    TaskCompletedInline,
    /// <summary>id = local id, value = core index. The task was written to a core's register.</summary>
    TaskDispatched,
    /// <summary>id = local id, value = submission index. A core starts the task's kernel.</summary>
    KernelStarted,
    /// <summary>id = local id, value = submission index. Its completion flag is set.</summary>
    TaskCompleted,
    /// <summary>id = new watermark.</summary>
    WatermarkAdvanced,
    /// <summary>id = local id of the slot's task, value = new last_task_alive.</summary>
    SlotReclaimed,
    /// <summary>id = local id, value = heap offset of the first element that is being reused.</summary>
    HeapReused,
    /// <summary>The orchestrator starts waiting for ring or heap space.</summary>
    OrchestratorBlocked,
    /// <summary>The orchestrator got the space it waited for.</summary>
    OrchestratorUnblocked,
    /// <summary>id = launched thread index, value = exec index or -1 if it does not survive.</summary>
    GatePassed,
    /// <summary>The orchestrator published the total task count; value = total.</summary>
    OrchestrationDone,
}
