namespace Wireless.Spec.Model;

/// <summary>
/// Program counters of the model's threads: the next atomic step each thread takes. A thread's registers
/// (<see cref="Frame"/>) mean what the comment of its program counter says; registers a program counter does not use
/// are 0, so equal situations encode equally.
/// </summary>
internal enum Pc : byte
{
    // ---- Scheduler threads -------------------------------------------------------------------------------------
    /// <summary>Loop top: start an activity that has work (Complete, DrainWiring, Classify, Dispatch), or wait.</summary>
    Idle,
    /// <summary>Classify Task: load the flag of fanin entry R0; R1 = unmet so far, R2 = the last unmet producer.</summary>
    ClassifyLoad,
    /// <summary>ReadyPush Task (classified ready, or its producer's wake list was found closed).</summary>
    ClassifyPush,
    /// <summary>RegisterWake Task on producer R0: load the wake-list head.</summary>
    RegisterLoad,
    /// <summary>RegisterWake Task on producer R0: link to head R1 and CAS the head from R1 to Task's slot.</summary>
    RegisterCas,
    /// <summary>CloseWakeList of Task: exchange the head with the sentinel.</summary>
    CloseWakeList,
    /// <summary>CloseWakeList of Task: read the link of the waiter in slot R0 and push the waiter on the ready queue.</summary>
    WakeWaiter,
    /// <summary>Seeded bug double-wake: push the waiter in slot R0 again; R1 = its link.</summary>
    WakeWaiterAgain,
    /// <summary>AdvanceWatermark for Task: load the watermark.</summary>
    WalkLoad,
    /// <summary>AdvanceWatermark: load <c>current_task_index</c>. R0 = w + 1, R1 = frontier + 1, R2 = frontier read, R3 = iterations.</summary>
    WalkFrontier,
    /// <summary>AdvanceWatermark: load the flag of w + 1. Registers as <see cref="WalkFrontier"/>.</summary>
    WalkFlag,
    /// <summary>AdvanceWatermark: CAS the watermark from w to w + 1. Registers as <see cref="WalkFrontier"/>.</summary>
    WalkCas,

    // ---- Reclaim (completers and the orchestrator) ---------------------------------------------------------------
    /// <summary>Reclaim: try-lock <c>advance_lock</c>.</summary>
    ReclaimLock,
    /// <summary>Reclaim: load the watermark (and <c>last_task_alive</c>, which only the lock holder writes).</summary>
    ReclaimLoadWatermark,
    /// <summary>Reclaim: load the word of the slot of R1. R0 = watermark + 1, R1 = alive, R2 = alive at start.</summary>
    ReclaimLoadWord,
    /// <summary>Reclaim: load the wake-list head of the slot of R1: it must be closed (its completer is done with the slot). R3 = word read.</summary>
    ReclaimLoadHead,
    /// <summary>Reclaim: CAS word R3 to retired. Registers as <see cref="ReclaimLoadWord"/>.</summary>
    ReclaimRetire,
    /// <summary>Reclaim: reset the wake list of the retired slot of R1. Registers as <see cref="ReclaimLoadWord"/>.</summary>
    ReclaimResetHead,
    /// <summary>Reclaim: store <c>last_task_alive</c> := R1.</summary>
    ReclaimStoreAlive,
    /// <summary>Reclaim: unlock <c>advance_lock</c>.</summary>
    ReclaimUnlock,
    /// <summary>Reclaim re-check: load <c>last_task_alive</c>.</summary>
    RecheckAlive,
    /// <summary>Reclaim re-check: load the watermark. R1 = alive read.</summary>
    RecheckWatermark,
    /// <summary>Reclaim re-check: load the word of the slot of R1. R0 = watermark + 1.</summary>
    RecheckWord,
    /// <summary>Reclaim re-check: load the wake-list head of the slot of R1.</summary>
    RecheckHead,

    // ---- Orchestrator ----------------------------------------------------------------------------------------------
    /// <summary>Allocate Task: wait until its slot is free (<c>Task − last_task_alive &lt; window</c>).</summary>
    Allocate,
    /// <summary>Submit Task: load <c>last_task_alive</c> for dependency discovery.</summary>
    ReadAlive,
    /// <summary>StampLastConsumer: load the word of producer entry R0. R2 = alive read at discovery.</summary>
    StampLoad,
    /// <summary>StampLastConsumer: CAS the word of producer entry R0 from R1 to (R1 raised to Task).</summary>
    StampCas,
    /// <summary>StampLastConsumer (seeded bug unchecked-stamp): store word R1 raised to Task.</summary>
    StampStore,
    /// <summary>PrepareTask: descriptor and fanin (plain), then store the slot's word (Task, pinned).</summary>
    PrepareWord,
    /// <summary>PrepareTask: store the completion flag := 0.</summary>
    PrepareFlag,
    /// <summary>PrepareTask: store <c>current_task_index</c> := Task + 1.</summary>
    PrepareFrontier,
    /// <summary>PublishTask: push Task on the wiring queue.</summary>
    Publish,
    /// <summary>AllocTensors: store the slot's word (Task, pinned).</summary>
    AllocWord,
    /// <summary>AllocTensors: store the wake-list head := sentinel.</summary>
    AllocHead,
    /// <summary>AllocTensors: store the completion flag := 1.</summary>
    AllocFlag,
    /// <summary>AllocTensors: store <c>current_task_index</c> := Task + 1.</summary>
    AllocFrontier,
    /// <summary>EndScope: load the word of unpin entry R0.</summary>
    UnpinLoad,
    /// <summary>EndScope: CAS the word of unpin entry R0 from R1 to R1 without the pin.</summary>
    UnpinCas,
    /// <summary>OrchestrationDone.</summary>
    Done,
    /// <summary>The orchestrator has finished.</summary>
    Terminated,
}
