namespace Wireless.Orchestration;

/// <summary>
/// What an orchestration program (a workload) calls. The reference runtime's orchestrator and the sequential
/// reference executor both implement it, so the same program runs on both.
/// </summary>
public interface IOrchestrator
{
    /// <summary>The external tensors the workload declared, in global memory.</summary>
    GlobalMemoryLayout Globals { get; }

    /// <summary>Opens a scope. Heap outputs of tasks submitted in it stay allocated until it ends.</summary>
    void BeginScope(ScopeMode mode = ScopeMode.Auto);

    /// <summary>Ends the innermost scope.</summary>
    void EndScope();

    /// <summary>Starts describing a task; returns the orchestrator's reusable builder.</summary>
    TaskBuilder NewTask(Kernel kernel, Shape shape);

    /// <summary>Submits the task described by <paramref name="task"/> and returns its id.</summary>
    TaskId Submit(TaskBuilder task);

    /// <summary>
    /// <c>alloc_tensors</c>: allocates heap buffers under a task id that is complete at once. The buffers live
    /// until the enclosing scope ends and their last consumer completed.
    /// </summary>
    TaskId AllocTensors(ReadOnlySpan<int> lengths, Span<Tensor> outputs);
}

/// <summary>An error in the program or the configuration, reported with a clear message; nothing is left running.</summary>
public sealed class RuntimeErrorException(string message) : Exception(message);
