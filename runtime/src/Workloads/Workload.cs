using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// A task-graph program: it declares its external tensors once, then submits its tasks through an
/// <see cref="IOrchestrator"/> each time it runs. Running it twice submits the same tasks in the same order.
/// </summary>
public abstract class Workload
{
    protected Workload() => Globals = new GlobalMemoryLayout();

    public abstract string Name { get; }

    /// <summary>Exact number of tasks it submits, <c>alloc_tensors</c> tasks included.</summary>
    public abstract int TaskCount { get; }

    public GlobalMemoryLayout Globals { get; }

    /// <summary>Submits every task. Called on the orchestrator thread.</summary>
    public abstract void Orchestrate(IOrchestrator orchestrator);

    public override string ToString() => $"{Name} ({TaskCount} tasks)";
}
