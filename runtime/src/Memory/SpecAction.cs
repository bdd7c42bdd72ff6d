namespace Wireless.Memory;

/// <summary>
/// The protocol's actions, named once and used everywhere: at every shared-memory access in the runtime (so a
/// checker's trace line names the action), in <c>spec/SPEC.md</c>, in trace output and in test names.
/// </summary>
public enum SpecAction : byte
{
    // Orchestrator
    /// <summary>Wait for a free slot and heap space (back-pressure), then take the next local id.</summary>
    Allocate,
    /// <summary>Stamp <c>last_consumer_local_id</c> of a producer with the submitting task's id.</summary>
    StampLastConsumer,
    /// <summary>Write the descriptor, fanin local ids, and clear the completion flag of the new task.</summary>
    PrepareTask,
    /// <summary>Push the task on the SPSC wiring queue to scheduler thread 0.</summary>
    PublishTask,
    /// <summary>Allocate output buffers under a task id that is complete at once (<c>alloc_tensors</c>).</summary>
    AllocTensors,
    /// <summary>Close a scope: clear the scope pin of every task it holds.</summary>
    EndScope,
    /// <summary>The orchestrator has submitted its last task.</summary>
    OrchestrationDone,

    // Scheduler thread 0
    /// <summary>Move tasks from the SPSC wiring queue to the pending FIFO.</summary>
    DrainWiring,
    /// <summary>Count a pending task's unmet fanins with acquire loads of the completion flags.</summary>
    Classify,
    /// <summary>Push a task with exactly one unmet fanin on that producer's wake list (CAS).</summary>
    RegisterWake,

    // Any scheduler thread
    /// <summary>Push a ready task on its shape's ready queue.</summary>
    ReadyPush,
    /// <summary>Pop a ready task and write it to a core's register.</summary>
    Dispatch,
    /// <summary>Poll a core's COND register and decide which of its tasks finished.</summary>
    PollCore,
    /// <summary>Release store of the completion flag.</summary>
    Complete,
    /// <summary>Exchange the wake-list head with the sentinel and ready every waiter.</summary>
    CloseWakeList,
    /// <summary>Advance <c>completed_watermark</c> by CAS through consecutive completed tasks.</summary>
    AdvanceWatermark,
    /// <summary>Advance <c>last_task_alive</c> past slots whose last consumer is at or below the watermark.</summary>
    Reclaim,
    /// <summary>Idle iteration of a scheduler loop; exit check.</summary>
    Idle,

    // Device
    /// <summary>A core reads its DATA_MAIN register and acknowledges (ACK) a task.</summary>
    CoreAck,
    /// <summary>A core runs a kernel on the task's buffers.</summary>
    RunKernel,
    /// <summary>A core reports FIN in its COND register.</summary>
    CoreFinish,

    // Launch
    /// <summary>A launched thread passes the CPU-mask affinity gate.</summary>
    Gate,
    /// <summary>A runtime error was latched (first writer wins) and every thread is asked to stop.</summary>
    Abort,
}
