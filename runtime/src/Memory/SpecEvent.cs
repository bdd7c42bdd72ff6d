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
    /// <summary>
    /// id = producer's local id, value = consumer's local id. The stamp CAS raised the producer's last consumer (in the
    /// seeded bugs <c>unchecked-stamp</c> and <c>plain-last-consumer</c>: the stamp's store).
    /// </summary>
    Stamped,
    /// <summary>id = local id. The unpin CAS cleared the task's scope pin.</summary>
    Unpinned,
    /// <summary>
    /// id = local id, value = <see cref="SpecEventValue.Classification"/>: how many unmet fanins Classify found (0, 1,
    /// or 2 when it stopped at the second) and the unmet producer when exactly one. Reported at the flag load that
    /// decided (for a task without fanin, at the decision).
    /// </summary>
    Classified,
    /// <summary>id = consumer's local id, value = producer's local id. The wake-list CAS linked the consumer.</summary>
    Registered,
    /// <summary>id = local id. The task was pushed on its ready queue.</summary>
    Readied,
}

/// <summary>Packs and unpacks the values of <see cref="SpecEvent"/>s that carry two numbers.</summary>
public static class SpecEventValue
{
    /// <summary>The value of <see cref="SpecEvent.Classified"/>: the unmet count above, the unmet producer's local id below.</summary>
    public static long Classification(int unmet, int producer) => (long)unmet << 32 | (uint)producer;

    /// <summary>The unmet count of a <see cref="SpecEvent.Classified"/> value: 0 ready, 1 waits, 2 back to the pending FIFO.</summary>
    public static int UnmetOf(long classification) => (int)(classification >> 32);

    /// <summary>The producer a task waits on, from a <see cref="SpecEvent.Classified"/> value with one unmet fanin.</summary>
    public static int ProducerOf(long classification) => (int)(uint)classification;
}
