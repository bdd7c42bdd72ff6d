using System.Diagnostics;

namespace Wireless.Spec.Checking;

/// <summary>
/// The explicit-state checker: breadth-first search over every reachable state of a <see cref="ITransitionSystem"/>,
/// states deduplicated by hashing; the safety properties are checked on every transition (the model reports a step
/// that breaks one), a state without steps that is not a completed run is a deadlock, and after the search the
/// strongly connected components of the reachable graph are searched for a fair cycle that never completes
/// (<see cref="Liveness"/>). Counterexamples are shortest paths (breadth-first parents).
/// </summary>
/// <remarks>
/// Design: single-threaded and deterministic: states are numbered in the order breadth-first search discovers them,
/// so the same configuration always gives the same numbers, counts and counterexamples.
/// </remarks>
public static class Explorer
{
    public static CheckResult Check(ITransitionSystem system, string variant, ExploreOptions options)
    {
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var store = new StateStore(system.StateSize);
        var graph = new ExploredGraph(store);
        var initial = new byte[system.StateSize];
        system.Initial(initial);
        store.AddOrFind(initial, out _);
        graph.AddParent(-1);

        var sink = new Sink(store, graph);
        var found = new Dictionary<Property, Counterexample>();
        var depth = 0;
        var levelEnd = 1;
        var exhaustive = true;
        var nextReport = clock.Elapsed + TimeSpan.FromSeconds(10);
        for (var s = 0; s < store.Count; s++)
        {
            if (s == levelEnd)
            {
                depth++;
                levelEnd = store.Count;
            }
            if (store.Count > options.MaxStates)
            {
                exhaustive = false;
                break;
            }
            graph.BeginState();
            sink.Begin(s);
            system.Expand(store.Get(s), sink);
            if (sink.Found is { } v && !found.ContainsKey(v.Property))
                found[v.Property] = Paths.ToViolation(system, graph, s, v.Step, v.Property, v.Message);
            if (sink.Edges == 0 && sink.Found is null && !system.IsFinal(store.Get(s)) && !found.ContainsKey(system.Liveness))
            {
                found[system.Liveness] = Paths.ToDeadlock(system, graph, s);
            }
            if (found.Count > 0 && options.StopAtFirstViolation)
            {
                exhaustive = false;
                break;
            }
            if (options.Progress is { } progress && clock.Elapsed > nextReport)
            {
                nextReport = clock.Elapsed + TimeSpan.FromSeconds(10);
                progress.WriteLine($"  ... {store.Count:N0} states, {graph.EdgeCount:N0} transitions, depth {depth}, {clock.Elapsed.TotalSeconds:F0} s, {(store.Bytes + graph.Bytes) >> 20:N0} MiB");
            }
        }
        graph.Seal();

        var livenessDecided = exhaustive && !found.ContainsKey(system.Liveness);
        if (livenessDecided && Liveness.FindFairCycle(system, graph) is { } cycle) found[system.Liveness] = cycle;

        var verdicts = system.Properties.Select(p => found.TryGetValue(p, out var c)
            ? new Verdict(p, VerdictKind.Violated, c)
            : new Verdict(p, exhaustive ? VerdictKind.Holds : VerdictKind.NotDecided, null)).ToList();
        return new CheckResult(system.Name, variant, store.Count, graph.EdgeCount, depth, clock.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - cpu, store.Bytes + graph.Bytes, exhaustive, verdicts);
    }

    /// <summary>Collects one state's transitions into the store and the graph.</summary>
    private sealed class Sink(StateStore store, ExploredGraph graph) : ISuccessorSink
    {
        private int _source;

        public int Edges { get; private set; }

        public (Step Step, Property Property, string Message)? Found { get; private set; }

        public void Begin(int source)
        {
            _source = source;
            Edges = 0;
            Found = null;
        }

        public void Add(in Step step, ReadOnlySpan<byte> next)
        {
            var target = store.AddOrFind(next, out var added);
            if (added) graph.AddParent(_source);
            graph.AddEdge(target, step.Tag);
            Edges++;
        }

        public void Violation(in Step step, Property property, string message) => Found ??= (step, property, message);
    }
}
