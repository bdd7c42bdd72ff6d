using Wireless.Orchestration;

namespace Wireless.Verification;

/// <summary>
/// A workload's dependency structure as the sequential reference discovered it, by submission index: every task's
/// producers and how each was found, with nothing dropped for liveness; which tasks own heap buffers; and the
/// orchestration program itself (tasks and scopes in program order). Checkers use it as ground truth, and the
/// conformance check builds the protocol model's configuration from it (spec/SPEC.md §7).
/// </summary>
public sealed class ProgramStructure(int taskCount)
{
    private readonly List<ProgramStep> _program = [];

    public int TaskCount { get; } = taskCount;
    public Shape[] Shapes { get; } = new Shape[taskCount];
    public bool[] IsAlloc { get; } = new bool[taskCount];

    /// <summary>
    /// True if the task has a non-empty heap output block (an <c>alloc_tensors</c> task: its buffers): the scope it was
    /// submitted in pins it until that scope ends.
    /// </summary>
    public bool[] HasHeapOutput { get; } = new bool[taskCount];

    /// <summary>
    /// Each task's distinct producers in discovery order (explicit dependencies, then per tensor argument its owner
    /// and the TensorMap's last writers), unfiltered: the runtime's TensorMap also skips writers that were already
    /// reclaimed, and its orchestrator drops producers that retired before they could be stamped.
    /// </summary>
    public int[][] Producers { get; } = new int[taskCount][];

    /// <summary>How each entry of <see cref="Producers"/> was found (a data edge wins over an ordering edge).</summary>
    public EdgeKind[][] ProducerKinds { get; } = new EdgeKind[taskCount][];

    /// <summary>
    /// The orchestration program in order: every task at its submission, every scope opened and ended. The implicit
    /// outer scope is not in it (it ends with the program).
    /// </summary>
    public IReadOnlyList<ProgramStep> Program => _program;

    /// <summary>How many cores a task occupies: 3 for MIX, 0 for <c>alloc_tensors</c>, else 1.</summary>
    public int Subtasks(int index) => IsAlloc[index] ? 0 : Shapes[index] == Shape.MIX ? 3 : 1;

    /// <summary>Consumers of every task (inverse of <see cref="Producers"/>).</summary>
    public int[][] Consumers()
    {
        var lists = new List<int>[TaskCount];
        for (var i = 0; i < TaskCount; i++) lists[i] = [];
        for (var c = 0; c < TaskCount; c++)
            foreach (var p in Producers[c] ?? [])
                lists[p].Add(c);
        return lists.Select(l => l.ToArray()).ToArray();
    }

    internal void Record(int index, Shape shape, bool isAlloc, bool hasHeapOutput, ProducerSet producers, int firstLocalId)
    {
        Shapes[index] = shape;
        IsAlloc[index] = isAlloc;
        HasHeapOutput[index] = hasHeapOutput;
        var ids = new int[producers.Count];
        var kinds = new EdgeKind[producers.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = LocalId.Distance(firstLocalId, producers.Ids[i]);
            kinds[i] = producers.KindAt(i);
        }
        Producers[index] = ids;
        ProducerKinds[index] = kinds;
        _program.Add(new ProgramStep(ProgramStepKind.Task, index, default));
    }

    internal void RecordBeginScope(ScopeMode mode) => _program.Add(new ProgramStep(ProgramStepKind.BeginScope, -1, mode));

    internal void RecordEndScope() => _program.Add(new ProgramStep(ProgramStepKind.EndScope, -1, default));
}

/// <summary>What one step of an orchestration program does.</summary>
public enum ProgramStepKind : byte
{
    /// <summary>A task is submitted (or <c>alloc_tensors</c> called): <see cref="ProgramStep.Task"/>.</summary>
    Task,
    /// <summary>A scope is opened, in <see cref="ProgramStep.Mode"/>.</summary>
    BeginScope,
    /// <summary>The innermost scope ends.</summary>
    EndScope,
}

/// <summary>One step of an orchestration program: a task by submission index (else −1), or a scope and its mode.</summary>
public readonly record struct ProgramStep(ProgramStepKind Kind, int Task, ScopeMode Mode);
