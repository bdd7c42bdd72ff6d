namespace Wireless.Spec.Checking;

/// <summary>
/// Liveness as "every fair infinite run completes": after breadth-first search, a run that never completes must
/// eventually stay in one strongly connected component of the reachable graph (completed states have no steps), so
/// the check looks for a non-trivial component that admits a fair run, by the Streett emptiness decomposition: a
/// component is fair if every fairness pair whose premise it meets (some state in P) is discharged in it (a Q state, or
/// an internal edge in Q); otherwise the premise states of the violated pairs are removed and the sub-components of
/// what remains are tried. A fair component is printed as a lasso: the shortest path to it, then a cycle through it
/// that discharges every pair.
/// </summary>
internal static class Liveness
{
    public static Counterexample? FindFairCycle(ITransitionSystem system, ExploredGraph graph)
    {
        var n = graph.States.Count;
        var finder = new SccFinder(graph);
        var owner = new int[n];
        var nextSet = 1;
        foreach (var component in finder.Find(Enumerable.Range(0, n), _ => true))
        {
            var fair = FairSubset(system, graph, finder, component, owner, ref nextSet);
            if (fair is not null) return Lasso(system, graph, fair, owner);
        }
        return null;
    }

    /// <summary>A fair sub-component of <paramref name="component"/>, or null. Leaves owner[v] = the returned set's id.</summary>
    private static int[]? FairSubset(ITransitionSystem system, ExploredGraph graph, SccFinder finder, int[] component, int[] owner, ref int nextSet)
    {
        var id = nextSet++;
        foreach (var v in component) owner[v] = id;
        var violated = new List<int>();
        for (var k = 0; k < system.FairnessPairs; k++)
        {
            var premise = false;
            var discharged = false;
            foreach (var v in component)
            {
                var state = graph.States.Get(v);
                premise |= system.InP(k, state);
                discharged = discharged || system.InQ(k, state) || HasEdge(system, graph, v, k, owner, id);
                if (premise && discharged) break;
            }
            if (premise && !discharged) violated.Add(k);
        }
        if (violated.Count == 0) return component;

        var remaining = component.Where(v => !violated.Any(k => system.InP(k, graph.States.Get(v)))).ToArray();
        var sub = nextSet++;
        foreach (var v in remaining) owner[v] = sub;
        foreach (var part in finder.Find(remaining, v => owner[v] == sub))
        {
            var fair = FairSubset(system, graph, finder, part, owner, ref nextSet);
            if (fair is not null) return fair;
        }
        return null;
    }

    private static bool HasEdge(ITransitionSystem system, ExploredGraph graph, int v, int pair, int[] owner, int id)
    {
        for (var e = graph.EdgeStart(v); e < graph.EdgeEnd(v); e++)
            if (owner[graph.Target(e)] == id && system.EdgeInQ(pair, graph.Tag(e))) return true;
        return false;
    }

    /// <summary>The shortest path to the fair set, then a cycle in it through a witness of every pair it must discharge.</summary>
    private static Counterexample Lasso(ITransitionSystem system, ExploredGraph graph, int[] fair, int[] owner)
    {
        var id = owner[fair[0]];
        var entry = fair.Min();
        var nodes = new List<int> { entry };
        var tags = new List<byte?>();
        var current = entry;
        for (var k = 0; k < system.FairnessPairs; k++)
        {
            if (!fair.Any(v => system.InP(k, graph.States.Get(v)))) continue;
            var pair = k;
            if (system.InQ(pair, graph.States.Get(current))) continue;
            var hops = PathWithin(graph, owner, id, current, (v, tag) =>
                tag is null ? system.InQ(pair, graph.States.Get(v)) : system.EdgeInQ(pair, tag.Value));
            foreach (var (v, tag) in hops)
            {
                nodes.Add(v);
                tags.Add(tag);
            }
            if (hops.Count > 0) current = hops[^1].State;
        }
        var back = PathWithin(graph, owner, id, current, (v, tag) => tag is not null && v == entry);
        foreach (var (v, tag) in back)
        {
            nodes.Add(v);
            tags.Add(tag);
        }

        var prefix = Paths.StepsAlong(system, graph, Paths.PathTo(graph, entry), 1);
        var cycle = Paths.StepsAlong(system, graph, nodes, prefix.Count + 1, tags);
        var bytes = graph.States.Get(entry);
        var message = $"livelock: a fair run can cycle forever among {fair.Length} states without completing "
                      + "(every thread keeps its fair turns; see the cycle).\n" + system.DescribeStuck(bytes);
        return new Counterexample(system.Liveness, message, prefix, cycle, system.DescribeState(bytes));
    }

    /// <summary>
    /// Breadth-first search inside the set from <paramref name="from"/>: the hops (state, edge tag) to the first state
    /// that satisfies <paramref name="goal"/>(state, null), or whose incoming edge satisfies goal(state, tag); at least
    /// one hop when the goal is an edge.
    /// </summary>
    private static List<(int State, byte? Tag)> PathWithin(ExploredGraph graph, int[] owner, int id, int from, Func<int, byte?, bool> goal)
    {
        var parent = new Dictionary<int, (int From, byte Tag)>();
        var queue = new Queue<int>();
        queue.Enqueue(from);
        var seen = new HashSet<int> { from };
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            for (var e = graph.EdgeStart(v); e < graph.EdgeEnd(v); e++)
            {
                var w = graph.Target(e);
                if (owner[w] != id) continue;
                var tag = graph.Tag(e);
                if (goal(w, tag) || goal(w, null))
                {
                    var hops = new List<(int, byte?)> { (w, tag) };
                    for (var x = v; x != from; x = parent[x].From) hops.Add((x, parent[x].Tag));
                    hops.Reverse();
                    return hops;
                }
                if (!seen.Add(w)) continue;
                parent[w] = (v, tag);
                queue.Enqueue(w);
            }
        }
        throw new InvalidOperationException("a fair component is strongly connected, so every witness is reachable");
    }
}
