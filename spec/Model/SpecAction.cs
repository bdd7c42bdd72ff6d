namespace Wireless.Spec.Model;

/// <summary>
/// The protocol's actions, with the names of the runtime's <c>Wireless.Memory.SpecAction</c> and of spec/SPEC.md §2,
/// so that a step of a counterexample names the action of the specification and the runtime code it models. The
/// model has no reference to the runtime; the names are kept equal by hand (a test lists them).
/// </summary>
public enum SpecAction : byte
{
    /// <summary>Orchestrator: wait for a free slot (back-pressure), then take the next local id.</summary>
    Allocate,
    /// <summary>Orchestrator: raise a producer's <c>last_consumer</c> to the submitting task (or drop the producer).</summary>
    StampLastConsumer,
    /// <summary>Orchestrator: write the slot's word, clear its completion flag, publish <c>current_task_index</c>.</summary>
    PrepareTask,
    /// <summary>Orchestrator: push the task on the wiring queue to scheduler thread 0.</summary>
    PublishTask,
    /// <summary>Orchestrator: a task whose outputs are allocated and which is complete at once.</summary>
    AllocTensors,
    /// <summary>Orchestrator: clear the scope pin of every task of an ending scope.</summary>
    EndScope,
    /// <summary>Orchestrator: the last submission is done.</summary>
    OrchestrationDone,
    /// <summary>Thread 0: move a published task from the wiring queue to the pending FIFO.</summary>
    DrainWiring,
    /// <summary>Thread 0: count a pending task's unmet fanins with loads of their completion flags.</summary>
    Classify,
    /// <summary>Thread 0: push a task with exactly one unmet fanin on that producer's wake list (CAS).</summary>
    RegisterWake,
    /// <summary>Any scheduler: push a ready task on the ready queue.</summary>
    ReadyPush,
    /// <summary>A scheduler: pop a ready task and write it to an idle core it owns.</summary>
    Dispatch,
    /// <summary>The scheduler that owns the core: the task finished; store its completion flag.</summary>
    Complete,
    /// <summary>The completer: exchange the wake-list head with the sentinel and ready every waiter.</summary>
    CloseWakeList,
    /// <summary>The completer: advance <c>completed_watermark</c> through consecutive completed tasks.</summary>
    AdvanceWatermark,
    /// <summary>A completer or the orchestrator: advance <c>last_task_alive</c> under <c>advance_lock</c>.</summary>
    Reclaim,
    /// <summary>A launched thread passes the CPU-mask affinity gate.</summary>
    Gate,
}
