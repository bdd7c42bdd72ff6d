namespace Wireless.Checking.Bounded;

/// <summary>
/// Depth-first enumeration of every schedule of a scenario with at most <see cref="Bound"/> preemptions (CHESS's
/// iterative context bounding, Musuvathi and Qadeer, PLDI 2007), by stateless replay: each iteration replays a prefix
/// of decisions and continues without preemption (<see cref="BoundedScheduler"/>); after it, the deepest decision with
/// an alternative not yet tried that keeps the schedule within the bound becomes the last decision of the next prefix.
/// When none is left, every such schedule has run: <see cref="Exhausted"/>.
/// </summary>
/// <remarks>
/// Reduction: a state cache. Each decision carries the state the run was in (<see cref="Decision.State"/>); once every
/// schedule below a decision has been searched, its state is closed with the preemptions spent to reach it. A later
/// schedule that reaches a closed state having spent at least as many has nothing new below it (the state fixes the
/// future, and less of the bound is left), so the search does not branch there. Schedules that only reorder
/// independent accesses reach the same state, so most of their redundant continuations are cut. Sound as long as the
/// state is identified exactly; it is a 64-bit fingerprint, so a collision (odds about 2^-64 per pair) could cut a
/// subtree wrongly.
/// </remarks>
/// <remarks>
/// Choosing among threads where the running one cannot go on (it finished, waits to join, or the idle-poll reduction
/// blocked it) costs no preemption, so every such choice is enumerated at every bound. The enumeration relies on the
/// iteration being a function of its decisions (sequentially consistent memory: the memory model's read choices are
/// not enumerated); <see cref="Complete"/> checks that the replayed prefix saw the same candidates at every decision.
/// </remarks>
public sealed class BoundedSearch(int bound)
{
    private sealed class Node(Decision decision, int preemptionsBefore)
    {
        public Decision Decision = decision;
        public ulong Tried = 1UL << decision.Chosen;
        public readonly int PreemptionsBefore = preemptionsBefore;
    }

    private readonly List<Node> _stack = [];

    /// <summary>
    /// The state cache: for each state whose every schedule within the bound has been run, the fewest preemptions
    /// spent before reaching it. Reaching it again having spent as many or more, nothing new lies below.
    /// </summary>
    private readonly Dictionary<ulong, int> _closed = [];
    private int[] _prefix = [];

    public int Bound { get; } = bound;

    /// <summary>Schedules run so far.</summary>
    public long Schedules { get; private set; }

    public bool Exhausted { get; private set; }

    /// <summary>Decisions whose state had been searched to the end before: their subtrees were skipped.</summary>
    public long CachedStates { get; private set; }

    /// <summary>The most decisions one schedule took.</summary>
    public int MaxDecisions { get; private set; }

    /// <summary>
    /// Alternatives on the depth-first stack not yet tried (each within the bound): a lower bound on the schedules left
    /// when the budget stops the search.
    /// </summary>
    public long OpenBranches
    {
        get
        {
            long open = 0;
            foreach (var node in _stack)
            {
                var rest = node.Decision.Candidates & ~node.Tried;
                for (; rest != 0; rest &= rest - 1)
                {
                    var t = System.Numerics.BitOperations.TrailingZeroCount(rest);
                    if (node.PreemptionsBefore + (node.Decision.Preempts(t) ? 1 : 0) <= Bound) open++;
                }
            }
            return open;
        }
    }

    /// <summary>The scheduler of the next iteration (it replays the next prefix).</summary>
    public BoundedScheduler Next() => new(_prefix);

    /// <summary>
    /// Takes the decisions of the iteration that ran with <see cref="Next"/>'s scheduler and picks the next prefix;
    /// throws if the iteration did not follow its prefix (the code under test is not a function of the schedule).
    /// </summary>
    public void Complete(BoundedScheduler run)
    {
        Schedules++;
        var decisions = run.Decisions;
        MaxDecisions = Math.Max(MaxDecisions, decisions.Count);
        if (run.Divergence is { } divergence) throw new InvalidOperationException($"the bounded search did not replay its own schedule: {divergence}");
        for (var i = 0; i < _stack.Count; i++)
        {
            if (i >= decisions.Count || decisions[i].Candidates != _stack[i].Decision.Candidates || decisions[i].Chosen != _stack[i].Decision.Chosen)
                throw new InvalidOperationException($"the bounded search did not replay its own schedule: decision {i + 1} differs from the previous run's");
        }
        var preemptions = _stack.Count == 0 ? 0 : _stack[^1].PreemptionsBefore + (_stack[^1].Decision.Preempts(_stack[^1].Decision.Chosen) ? 1 : 0);
        for (var i = _stack.Count; i < decisions.Count; i++)
        {
            var node = new Node(decisions[i], preemptions);
            _stack.Add(node);
            if (_closed.TryGetValue(node.Decision.State, out var spent) && spent <= preemptions)
            {
                // Searched before with at least this much of the bound left: the schedules below are not new.
                node.Tried = node.Decision.Candidates;
                CachedStates++;
                break;
            }
            if (decisions[i].Preempts(decisions[i].Chosen)) preemptions++;
        }
        Backtrack();
    }

    private void Backtrack()
    {
        while (_stack.Count > 0)
        {
            var node = _stack[^1];
            var untried = node.Decision.Candidates & ~node.Tried;
            for (; untried != 0; untried &= untried - 1)
            {
                var t = System.Numerics.BitOperations.TrailingZeroCount(untried);
                node.Tried |= 1UL << t;
                if (node.PreemptionsBefore + (node.Decision.Preempts(t) ? 1 : 0) > Bound) continue;
                node.Decision = node.Decision with { Chosen = t };
                _prefix = _stack.Select(n => n.Decision.Chosen).ToArray();
                return;
            }
            _stack.RemoveAt(_stack.Count - 1);
            ref var closed = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_closed, node.Decision.State, out var known);
            closed = known ? Math.Min(closed, node.PreemptionsBefore) : node.PreemptionsBefore;
        }
        Exhausted = true;
    }
}
