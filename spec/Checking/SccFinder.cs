namespace Wireless.Spec.Checking;

/// <summary>
/// Tarjan's strongly connected components, iterative (no recursion depth limit), over the explored graph restricted
/// to a member predicate. Returns only non-trivial components (more than one state, or one state with a self-loop):
/// the only ones an infinite run can stay in.
/// </summary>
/// <remarks>
/// Design: the per-state arrays are allocated once for the whole graph and reset after each run for the states it
/// touched, so the Streett decomposition can run it again and again on sub-components.
/// </remarks>
internal sealed class SccFinder
{
    private readonly ExploredGraph _graph;
    private readonly int[] _index;
    private readonly int[] _low;
    private readonly bool[] _onStack;
    private readonly List<int> _touched = [];

    public SccFinder(ExploredGraph graph)
    {
        _graph = graph;
        var n = graph.States.Count;
        _index = new int[n];
        _low = new int[n];
        _onStack = new bool[n];
        Array.Fill(_index, -1);
    }

    public List<int[]> Find(IEnumerable<int> roots, Func<int, bool> member)
    {
        var components = new List<int[]>();
        var counter = 0;
        var stack = new List<int>();
        var calls = new Stack<(int State, long Edge)>();
        foreach (var root in roots)
        {
            if (!member(root) || _index[root] != -1) continue;
            Push(root);
            while (calls.Count > 0)
            {
                var (v, e) = calls.Pop();
                if (e < _graph.EdgeEnd(v))
                {
                    calls.Push((v, e + 1));
                    var w = _graph.Target(e);
                    if (!member(w)) continue;
                    if (_index[w] == -1) Push(w);
                    else if (_onStack[w]) _low[v] = Math.Min(_low[v], _index[w]);
                    continue;
                }
                if (calls.Count > 0)
                {
                    var u = calls.Peek().State;
                    _low[u] = Math.Min(_low[u], _low[v]);
                }
                if (_low[v] != _index[v]) continue;
                var start = stack.LastIndexOf(v);
                var component = stack.GetRange(start, stack.Count - start).ToArray();
                stack.RemoveRange(start, stack.Count - start);
                foreach (var x in component) _onStack[x] = false;
                if (component.Length > 1 || HasSelfLoop(v, member)) components.Add(component);
            }
        }
        foreach (var v in _touched) _index[v] = -1;
        _touched.Clear();
        return components;

        void Push(int v)
        {
            _index[v] = _low[v] = counter++;
            _touched.Add(v);
            stack.Add(v);
            _onStack[v] = true;
            calls.Push((v, _graph.EdgeStart(v)));
        }
    }

    private bool HasSelfLoop(int v, Func<int, bool> member)
    {
        if (!member(v)) return false;
        for (var e = _graph.EdgeStart(v); e < _graph.EdgeEnd(v); e++)
            if (_graph.Target(e) == v) return true;
        return false;
    }
}
