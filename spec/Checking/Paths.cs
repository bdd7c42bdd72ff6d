namespace Wireless.Spec.Checking;

/// <summary>
/// Turns state numbers of the explored graph into printed counterexamples: the breadth-first path to a state, and the
/// step between two consecutive states (found again by expanding the first and matching the second).
/// </summary>
internal static class Paths
{
    /// <summary>The shortest path to state <paramref name="state"/>, then the violating step.</summary>
    public static Counterexample ToViolation(ITransitionSystem system, ExploredGraph graph, int state, in Step step, Property property, string message)
    {
        var steps = StepsAlong(system, graph, PathTo(graph, state), 1);
        steps.Add(Print(system, steps.Count + 1, step));
        return new Counterexample(property, message, steps, [], system.DescribeState(graph.States.Get(state)));
    }

    /// <summary>The shortest path to a deadlocked state.</summary>
    public static Counterexample ToDeadlock(ITransitionSystem system, ExploredGraph graph, int state)
    {
        var steps = StepsAlong(system, graph, PathTo(graph, state), 1);
        var bytes = graph.States.Get(state);
        return new Counterexample(system.Liveness, "deadlock: no thread can take a step, and the run is not complete.\n" + system.DescribeStuck(bytes),
            steps, [], system.DescribeState(bytes));
    }

    /// <summary>The states of the breadth-first path from the initial state to <paramref name="state"/>.</summary>
    public static List<int> PathTo(ExploredGraph graph, int state)
    {
        var path = new List<int>();
        for (var s = state; s >= 0; s = graph.Parent(s)) path.Add(s);
        path.Reverse();
        return path;
    }

    /// <summary>The steps between consecutive states of <paramref name="path"/>, numbered from <paramref name="first"/>.</summary>
    public static List<CounterexampleStep> StepsAlong(ITransitionSystem system, ExploredGraph graph, IReadOnlyList<int> path, int first,
        IReadOnlyList<byte?>? tags = null)
    {
        var steps = new List<CounterexampleStep>();
        for (var i = 0; i + 1 < path.Count; i++)
        {
            var finder = new Finder(graph.States.Get(path[i + 1]).ToArray(), tags?[i]);
            system.Expand(graph.States.Get(path[i]), finder);
            var step = finder.Step ?? throw new InvalidOperationException($"no step from state {path[i]} to state {path[i + 1]}");
            steps.Add(Print(system, first + steps.Count, step));
        }
        return steps;
    }

    public static CounterexampleStep Print(ITransitionSystem system, int number, in Step step)
        => new(number, system.ThreadName(step.Thread), step.Action, system.DescribeStep(step), step.Label);

    /// <summary>Finds the (first) step to a given successor, optionally with a given edge tag.</summary>
    private sealed class Finder(byte[] target, byte? tag) : ISuccessorSink
    {
        public Step? Step { get; private set; }

        public void Add(in Step step, ReadOnlySpan<byte> next)
        {
            if (Step is null && (tag is null || step.Tag == tag) && next.SequenceEqual(target)) Step = step;
        }

        public void Violation(in Step step, Property property, string message) { }
    }
}
