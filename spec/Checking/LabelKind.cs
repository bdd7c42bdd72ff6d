namespace Wireless.Spec.Checking;

/// <summary>
/// The observable actions of the protocol: the labels of the model's steps that the runtime reports, and that the
/// conformance check matches one by one (spec/SPEC.md §7 says which runtime access each one marks). Every other step
/// of the model is internal.
/// </summary>
public enum LabelKind : byte
{
    /// <summary>No label: an internal step.</summary>
    None,
    /// <summary>Task = the task, Other = its published fanin set (bit per producer) or <see cref="Label.Any"/>. PublishTask.</summary>
    Published,
    /// <summary>Task = an <c>alloc_tensors</c> task whose completion flag was stored. AllocTensors.</summary>
    CompletedInline,
    /// <summary>Task = producer, Other = consumer: the stamp CAS (or, seeded bug, store) succeeded. StampLastConsumer.</summary>
    Stamped,
    /// <summary>Task = the task whose scope pin was cleared (the CAS succeeded). EndScope.</summary>
    Unpinned,
    /// <summary>Task = the classified task, Other = the producer it waits on, or <see cref="Label.ClassifiedReady"/>, or <see cref="Label.ClassifiedPending"/>. Classify.</summary>
    Classified,
    /// <summary>Task = consumer, Other = producer: the wake-list CAS linked the consumer. RegisterWake.</summary>
    Registered,
    /// <summary>Task = a task pushed on the ready queue. ReadyPush.</summary>
    Readied,
    /// <summary>Task = a task written to a core (for a MIX task: its first part). Dispatch.</summary>
    Dispatched,
    /// <summary>Task = a task whose completion flag was stored. Complete.</summary>
    Completed,
    /// <summary>Task = the new watermark (a successful CAS). AdvanceWatermark.</summary>
    WatermarkAdvanced,
    /// <summary>Task = the task whose slot's word was retired (the retire CAS succeeded). Reclaim.</summary>
    Reclaimed,
    /// <summary>The orchestrator finished the program. OrchestrationDone.</summary>
    OrchestrationDone,
}
