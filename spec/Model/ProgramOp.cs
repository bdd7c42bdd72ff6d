namespace Wireless.Spec.Model;

/// <summary>What one step of the orchestration program does.</summary>
public enum ProgramOpKind : byte
{
    /// <summary>Submit a task: Allocate, StampLastConsumer per producer, PrepareTask, PublishTask.</summary>
    Submit,
    /// <summary><c>alloc_tensors</c>: Allocate, then a task that is complete at once (AllocTensors).</summary>
    Alloc,
    /// <summary>End a scope: unpin its tasks (EndScope), then Reclaim.</summary>
    EndScope,
    /// <summary>End of the program: unpin the outer scope's tasks, Reclaim, OrchestrationDone.</summary>
    Finish,
}

/// <summary>
/// One operation of the orchestrator's program. <see cref="Task"/> is the task of a Submit or Alloc;
/// <see cref="Unpin"/> lists the tasks an EndScope or Finish unpins, newest first (as the runtime's scope stack pops).
/// </summary>
public sealed record ProgramOp(ProgramOpKind Kind, int Task, IReadOnlyList<int> Unpin);
