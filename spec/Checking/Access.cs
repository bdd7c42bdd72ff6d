namespace Wireless.Spec.Checking;

/// <summary>The shared-memory operation of a model step (for counterexamples).</summary>
public enum Access : byte
{
    /// <summary>A load; <see cref="Step.Read"/> is the value.</summary>
    Load,
    /// <summary>A store; <see cref="Step.Written"/> is the value.</summary>
    Store,
    /// <summary>A successful compare-and-swap: read <see cref="Step.Read"/>, wrote <see cref="Step.Written"/>.</summary>
    CasOk,
    /// <summary>A failed compare-and-swap: read <see cref="Step.Read"/>.</summary>
    CasFailed,
    /// <summary>An exchange: read <see cref="Step.Read"/>, wrote <see cref="Step.Written"/>.</summary>
    Exchange,
    /// <summary>A fetch-and-add or fetch-or: read <see cref="Step.Read"/>, wrote <see cref="Step.Written"/>.</summary>
    FetchOp,
    /// <summary>A push on a queue (wiring, ready).</summary>
    Push,
    /// <summary>A pop from a queue (wiring, ready, pending).</summary>
    Pop,
    /// <summary>No shared access: a thread-private decision that the model makes a step of its own.</summary>
    Local,
}

/// <summary>The shared location a model step accesses (for counterexamples).</summary>
public enum Location : byte
{
    None,
    CompletionFlag,
    WakeListHead,
    NextInWakeList,
    LastConsumer,
    Watermark,
    LastTaskAlive,
    AdvanceLock,
    CurrentTaskIndex,
    WiringQueue,
    PendingFifo,
    ReadyQueue,
    GateMask,
    GatePerCpu,
    GateArrived,
    GateDeparted,
}
