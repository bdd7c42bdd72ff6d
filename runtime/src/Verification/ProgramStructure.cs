using Wireless.Orchestration;

namespace Wireless.Verification;

/// <summary>
/// A workload's dependency structure as the sequential reference discovered it, by submission index: every task's
/// producers and how each was found, with nothing dropped for liveness. Checkers use it as ground truth.
/// </summary>
public sealed class ProgramStructure(int taskCount)
{
    public int TaskCount { get; } = taskCount;
    public Shape[] Shapes { get; } = new Shape[taskCount];
    public bool[] IsAlloc { get; } = new bool[taskCount];
    public int[][] Producers { get; } = new int[taskCount][];
    public EdgeKind[][] ProducerKinds { get; } = new EdgeKind[taskCount][];

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

    internal void Record(int index, Shape shape, bool isAlloc, ProducerSet producers, int firstLocalId)
    {
        Shapes[index] = shape;
        IsAlloc[index] = isAlloc;
        var ids = new int[producers.Count];
        var kinds = new EdgeKind[producers.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = LocalId.Distance(firstLocalId, producers.Ids[i]);
            kinds[i] = producers.KindAt(i);
        }
        Producers[index] = ids;
        ProducerKinds[index] = kinds;
    }
}
