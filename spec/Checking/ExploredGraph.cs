namespace Wireless.Spec.Checking;

/// <summary>
/// The reachable graph as breadth-first search built it: states numbered in order of discovery (so state 0 is the
/// initial state and numbers grow with depth), each state's edges stored contiguously (target, tag), and each state's
/// breadth-first parent for shortest paths.
/// </summary>
internal sealed class ExploredGraph
{
    private readonly ChunkedList<long> _offsets = new();
    private readonly ChunkedList<int> _targets = new();
    private readonly ChunkedList<byte> _tags = new();
    private readonly ChunkedList<int> _parents = new();
    private bool _sealed;

    public ExploredGraph(StateStore states) => States = states;

    public StateStore States { get; }

    /// <summary>States whose edges are recorded (expanded).</summary>
    public int Expanded => (int)_offsets.Count - (_sealed ? 1 : 0);

    public long EdgeCount => _targets.Count;

    public long Bytes => _offsets.Bytes + _targets.Bytes + _tags.Bytes + _parents.Bytes;

    public void AddParent(int parent) => _parents.Add(parent);

    public int Parent(int state) => _parents[state];

    /// <summary>Starts the edges of the next state in order.</summary>
    public void BeginState() => _offsets.Add(_targets.Count);

    public void AddEdge(int target, byte tag)
    {
        _targets.Add(target);
        _tags.Add(tag);
    }

    /// <summary>Closes the last state's edges; states not expanded (exploration stopped early) have none.</summary>
    public void Seal()
    {
        _offsets.Add(_targets.Count);
        _sealed = true;
    }

    public long EdgeStart(int state) => state < Expanded ? _offsets[state] : 0;

    public long EdgeEnd(int state) => state < Expanded ? _offsets[state + 1] : 0;

    public int Target(long edge) => _targets[edge];

    public byte Tag(long edge) => _tags[edge];
}
