namespace Wireless.Orchestration;

/// <summary>How a consumer found a producer.</summary>
public enum EdgeKind : byte
{
    /// <summary>An explicit dependency (ordering only).</summary>
    Explicit,
    /// <summary>The consumer reads a heap tensor the producer owns (the data edge of <c>owner_task_id</c>).</summary>
    Creator,
    /// <summary>The TensorMap found the producer as the last writer of an overlapping region (ordering only).</summary>
    Modifier,
}

/// <summary>
/// The distinct producers of the task being submitted (the seed's fanin builder: dedup by linear scan). Adding a
/// producer beyond the fanin maximum throws, naming the task. Orchestrator-private.
/// </summary>
internal sealed class ProducerSet(int maxFanin)
{
    private readonly int[] _ids = new int[maxFanin];
    private readonly EdgeKind[] _kinds = new EdgeKind[maxFanin];

    public int Count { get; private set; }
    public int MaxFanin => _ids.Length;
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Count);
    public EdgeKind KindAt(int i) => _kinds[i];

    public void Clear() => Count = 0;

    public void Add(int producer, EdgeKind kind, TaskBuilder task)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_ids[i] != producer) continue;
            if (kind == EdgeKind.Creator) _kinds[i] = EdgeKind.Creator; // a data edge wins over an ordering edge
            return;
        }
        if (Count == _ids.Length)
            throw new RuntimeErrorException($"{task.Describe()} has more than {_ids.Length} distinct producers (the fanin maximum is {_ids.Length})");
        _ids[Count] = producer;
        _kinds[Count++] = kind;
    }

    /// <summary>Removes producer <paramref name="i"/> (it retired before it could be stamped).</summary>
    public void RemoveAt(int i)
    {
        Count--;
        _ids[i] = _ids[Count];
        _kinds[i] = _kinds[Count];
    }
}
