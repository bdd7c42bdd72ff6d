using Wireless.Checking.Seam;

namespace Wireless.Checking.Bounded;

/// <summary>
/// The scheduler of one iteration of the bounded strategy: it, not Coyote, decides which checked thread runs at every
/// scheduling point, replaying a given prefix of decisions and then continuing without preemption (the running thread
/// goes on while it can; when it cannot, the lowest-numbered thread that can). The decisions it took are recorded for
/// <see cref="BoundedSearch"/>, which picks the next prefix.
/// </summary>
/// <remarks>
/// Design. Exactly one checked thread holds the token and runs; every other one waits in Coyote's controlled
/// <c>SpinWait.SpinUntil</c> for the token, so at each of Coyote's own decisions at most one operation that touches
/// shared state is enabled and Coyote's choice is forced (the only others Coyote may interleave are a new thread's
/// first instructions before it waits, which touch nothing shared). A thread gives the token up at a scheduling point
/// (it stays a candidate: running another is a preemption), when the idle-poll reduction blocks it, when it waits to
/// join a thread that has not finished, and when it finishes (not preemptions: it cannot go on). A blocked thread
/// becomes a candidate again when a store wakes it; a joining one when the thread it joins finishes. When no thread
/// is a candidate every operation waits, and Coyote reports the deadlock (L1) as in the other strategies.
/// Everything here runs on the thread holding the token, one at a time, so no field needs synchronization.
/// </remarks>
public sealed class BoundedScheduler(IReadOnlyList<int> prefix)
{
    private enum State : byte
    {
        None,
        Running,
        /// <summary>At a scheduling point, or started and not yet run: a candidate.</summary>
        Parked,
        IdleBlocked,
        Joining,
        Finished,
    }

    /// <summary>The most threads a bounded iteration may have (candidates are a 64-bit set).</summary>
    public const int MaxThreads = 64;

    private readonly State[] _state = new State[MaxThreads];
    private readonly int[] _joining = new int[MaxThreads];
    private readonly Func<bool>?[] _holdsToken = new Func<bool>?[MaxThreads];
    private int _token;
    private int _position;
    private ExecutionHash? _hash;

    /// <summary>The decisions of this iteration that had more than one candidate, in order.</summary>
    public List<Decision> Decisions { get; } = [];

    public int Preemptions { get; private set; }

    /// <summary>Why the iteration did not follow the prefix (a decision's chosen thread could not run), or null.</summary>
    public string? Divergence { get; private set; }

    /// <summary>The iteration's main thread (id 0) runs first; <paramref name="hash"/> fingerprints the run so far.</summary>
    public void Begin(ExecutionHash? hash)
    {
        _state[0] = State.Running;
        _hash = hash;
    }

    /// <summary>Thread <paramref name="child"/> was created; it runs when a decision picks it.</summary>
    public void Created(int child)
    {
        if (child >= MaxThreads) throw new InvalidOperationException($"the bounded strategy handles at most {MaxThreads} threads");
        _state[child] = State.Parked;
    }

    /// <summary>A new thread's first step: waits until a decision picks it.</summary>
    public void Enter(int thread) => WaitForToken(thread);

    /// <summary>A scheduling point before a shared access of <paramref name="thread"/>, which could go on.</summary>
    public void Point(int thread)
    {
        _state[thread] = State.Parked;
        Decide(thread);
        WaitForToken(thread);
    }

    /// <summary>The idle-poll reduction blocked <paramref name="thread"/>; returns once a store woke it and it was picked.</summary>
    public void Block(int thread)
    {
        _state[thread] = State.IdleBlocked;
        Decide(thread);
        WaitForToken(thread);
    }

    /// <summary>A store woke <paramref name="thread"/>, blocked by the idle-poll reduction: it is a candidate again.</summary>
    public void Woken(int thread)
    {
        if (_state[thread] == State.IdleBlocked) _state[thread] = State.Parked;
    }

    /// <summary><paramref name="thread"/> joins <paramref name="target"/>: waits, if it has not finished, until it has and a decision picks the joiner.</summary>
    public void Join(int thread, int target)
    {
        if (_state[target] == State.Finished) return;
        _state[thread] = State.Joining;
        _joining[thread] = target;
        Decide(thread);
        WaitForToken(thread);
    }

    /// <summary><paramref name="thread"/> finished: its joiners become candidates, and another thread runs.</summary>
    public void Finish(int thread)
    {
        _state[thread] = State.Finished;
        for (var t = 0; t < MaxThreads; t++)
            if (_state[t] == State.Joining && _joining[t] == thread) _state[t] = State.Parked;
        Decide(thread);
    }

    private void Decide(int current)
    {
        var candidates = 0UL;
        for (var t = 0; t < MaxThreads; t++)
            if (_state[t] == State.Parked) candidates |= 1UL << t;
        if (candidates == 0)
        {
            // Nobody can run: Coyote sees every operation waiting and reports the deadlock.
            _token = -1;
            return;
        }
        var canContinue = (candidates & (1UL << current)) != 0;
        if ((candidates & (candidates - 1)) == 0)
        {
            _token = System.Numerics.BitOperations.TrailingZeroCount(candidates);
            return;
        }
        var chosen = canContinue ? current : System.Numerics.BitOperations.TrailingZeroCount(candidates);
        if (_position < prefix.Count)
        {
            var wanted = prefix[_position++];
            if (wanted is >= 0 and < MaxThreads && (candidates & (1UL << wanted)) != 0) chosen = wanted;
            else Divergence ??= $"decision {_position}: the schedule runs thread {wanted}, which cannot run there (candidates: {Describe(candidates)})";
        }
        var decision = new Decision(candidates, chosen, current, canContinue, StateKey(current, canContinue));
        if (decision.Preempts(chosen)) Preemptions++;
        Decisions.Add(decision);
        _token = chosen;
    }

    /// <summary>
    /// The state of the run at a decision: the execution graph so far (<see cref="ExecutionHash"/>: under sequentially
    /// consistent memory it fixes every thread's local state and every location's value), what each thread is doing
    /// (parked, blocked, joining, finished), and the current thread and whether it can go on (they fix the cost of
    /// each choice). Equal states have equal futures: the same schedules, with the same preemption costs.
    /// </summary>
    private ulong StateKey(int current, bool canContinue)
    {
        var key = _hash?.Fingerprint() ?? 0;
        for (var t = 0; t < MaxThreads; t++)
            if (_state[t] != State.None) key = ExecutionHash.Mix(key, (ulong)t << 8 | (byte)_state[t]);
        return ExecutionHash.Mix(key, (ulong)current << 1 | (canContinue ? 1UL : 0));
    }

    private void WaitForToken(int thread)
    {
        if (_token != thread)
        {
            var holds = _holdsToken[thread] ??= () => _token == thread;
            // Rewritten into Coyote's controlled wait: the thread is not scheduled until a decision picks it.
            SpinWait.SpinUntil(holds);
        }
        _state[thread] = State.Running;
    }

    private static string Describe(ulong candidates)
        => string.Join(", ", Enumerable.Range(0, MaxThreads).Where(t => (candidates & (1UL << t)) != 0));
}
