using Wireless.Checking.Seam;

namespace Wireless.Checking.Bounded;

/// <summary>
/// The scheduler of one iteration of the bounded strategy: it decides which checked thread runs at every scheduling
/// point, replaying a given prefix of decisions and then continuing without preemption (the running thread goes on
/// while it can; when it cannot, the lowest-numbered thread that can). The decisions it took are recorded for
/// <see cref="BoundedSearch"/>, which picks the next prefix.
/// </summary>
/// <remarks>
/// Design. The bounded strategy runs without Coyote's testing engine (<see cref="BoundedRun"/>): it takes every
/// decision itself, so Coyote's engine had only forced choices to make, and its hand-offs, its per-iteration runtime
/// and its controlled threads were most of the cost of a schedule (spec/SPEC.md §9.2). The rewritten code runs
/// uncontrolled (Coyote's rewritten calls pass through outside a test), on real threads kept from one iteration to the
/// next (<see cref="Seam.BoundedThreads"/>), and this class serializes them: exactly one checked thread holds the token
/// and runs; every other one waits on its own <see cref="AutoResetEvent"/> (a kernel wait: a <see cref="SemaphoreSlim"/>,
/// which spins before it blocks, cost about five times the context switches on two cores, for the same wall time and a
/// third more CPU). A thread gives the token up at a scheduling point (it stays a candidate: running another is a
/// preemption), when the idle-poll reduction blocks it, when it waits to join a thread that has not finished, and when it finishes (not
/// preemptions: it cannot go on). A blocked thread becomes a candidate again when a store wakes it; a joining one when
/// the thread it joins finishes. When no thread is a candidate, every thread waits for a store or a join that no
/// thread will make: a deadlock, which fails the iteration (L1).
/// <para>
/// A failed check (<see cref="CheckFailure.Report"/>) stops the run: the failing thread unwinds
/// (<see cref="StaleThreadException"/> at each of its later scheduling points, so the runtime's own error handling
/// cannot carry on), then every other unfinished thread in turn, the iteration's main thread last, so the run is
/// over when the iteration returns and no thread of it outlives it. The token is handed on with the events'
/// set/wait (a release/acquire), so every field here is touched by the token holder only, one thread at a time.
/// </para>
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
    private readonly AutoResetEvent?[] _wake = new AutoResetEvent?[MaxThreads];
    /// <summary>Thread ids in use are below this: the loops over threads stop here, not at <see cref="MaxThreads"/> (they run at every point).</summary>
    private int _threads = 1;
    private int _token;
    private bool _stopped;
    private int _position;
    private ExecutionHash? _hash;

    /// <summary>The decisions of this iteration that had more than one candidate, in order.</summary>
    public List<Decision> Decisions { get; } = [];

    public int Preemptions { get; private set; }

    /// <summary>Why the iteration did not follow the prefix (a decision's chosen thread could not run), or null.</summary>
    public string? Divergence { get; private set; }

    /// <summary>The bug that stopped the run (a failed check, a deadlock, an exception), or null.</summary>
    public string? Failure { get; private set; }

    /// <summary>Scheduling points, blocks, joins and finishes of this iteration: its steps.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Steps after which a run that neither finishes nor deadlocks is reported as a liveness bug: threads spinning
    /// without the idle-poll reduction's spin hint. A proof-sized run takes about 300.
    /// </summary>
    public const long MaxSteps = 200_000;

    /// <summary>The iteration's main thread (id 0) runs first; <paramref name="hash"/> fingerprints the run so far.</summary>
    public void Begin(ExecutionHash? hash)
    {
        _state[0] = State.Running;
        _wake[0] = t_mainWake ??= new AutoResetEvent(false);
        _hash = hash;
    }

    /// <summary>The event the iteration's main thread waits on, kept from one iteration to the next.</summary>
    [ThreadStatic] private static AutoResetEvent? t_mainWake;

    /// <summary>
    /// Thread <paramref name="child"/> was created; it runs when a decision picks it, and waits on <paramref name="wake"/>
    /// for its turns (the first set starts it: <see cref="Seam.BoundedThreads.Run"/>).
    /// </summary>
    public void Created(int child, AutoResetEvent wake)
    {
        if (child >= MaxThreads) throw new InvalidOperationException($"the bounded strategy handles at most {MaxThreads} threads");
        _state[child] = State.Parked;
        _wake[child] = wake;
        _threads = Math.Max(_threads, child + 1);
    }

    /// <summary>A new thread's first step: waits until a decision picks it.</summary>
    public void Enter(int thread) => WaitForToken(thread);

    /// <summary>A scheduling point before a shared access of <paramref name="thread"/>, which could go on.</summary>
    public void Point(int thread)
    {
        Step();
        _state[thread] = State.Parked;
        Decide(thread);
        WaitForToken(thread);
    }

    /// <summary>The idle-poll reduction blocked <paramref name="thread"/>; returns once a store woke it and it was picked.</summary>
    public void Block(int thread)
    {
        Step();
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
        Step();
        if (_state[target] == State.Finished) return;
        _state[thread] = State.Joining;
        _joining[thread] = target;
        Decide(thread);
        WaitForToken(thread);
    }

    /// <summary><paramref name="thread"/> finished: its joiners become candidates, and another thread runs.</summary>
    public void Finish(int thread)
    {
        Step();
        _state[thread] = State.Finished;
        for (var t = 0; t < _threads; t++)
            if (_state[t] == State.Joining && _joining[t] == thread) _state[t] = State.Parked;
        Decide(thread);
    }

    /// <summary>
    /// Fails the run with <paramref name="message"/> (the first failure wins) and stops it: the calling thread, which
    /// holds the token, unwinds from here; the others follow one at a time (<see cref="Abandon"/>).
    /// </summary>
    public void Fail(string message)
    {
        Failure ??= message;
        _stopped = true;
        throw new StaleThreadException();
    }

    /// <summary>
    /// A runtime thread left its body without finishing (the run was stopped, or it threw <paramref name="error"/>,
    /// which fails the run): the next unfinished thread unwinds, the main thread last.
    /// </summary>
    public void Abandon(int thread, Exception? error = null)
    {
        if (error is not null) Failure ??= $"Unhandled exception. {error}";
        _stopped = true;
        _state[thread] = State.Finished;
        HandOn(NextToUnwind());
    }

    /// <summary>
    /// Called by the iteration's main thread once it left the run: every runtime thread still waiting unwinds, one
    /// at a time, before this returns (a run stopped while the main thread held the token).
    /// </summary>
    public void Drain()
    {
        if (!_stopped) return;
        for (var next = NextToUnwind(); next != 0; next = NextToUnwind())
        {
            HandOn(next);
            Await(0);
        }
    }

    private int NextToUnwind()
    {
        for (var t = 1; t < _threads; t++)
            if (_state[t] is not (State.None or State.Finished)) return t;
        return 0;
    }

    private void Step()
    {
        if (_stopped) throw new StaleThreadException();
        if (++Steps > MaxSteps)
            Fail($"[L1] no progress: a run took {MaxSteps:N0} scheduling steps without finishing or deadlocking (threads spinning without a spin hint, or a livelock)");
    }

    private void Decide(int current)
    {
        var candidates = 0UL;
        for (var t = 0; t < _threads; t++)
            if (_state[t] == State.Parked) candidates |= 1UL << t;
        if (candidates == 0) Fail($"{DeadlockReport} {DescribeThreads()}");
        var canContinue = (candidates & (1UL << current)) != 0;
        if ((candidates & (candidates - 1)) == 0)
        {
            HandOn(System.Numerics.BitOperations.TrailingZeroCount(candidates));
            return;
        }
        var chosen = canContinue ? current : System.Numerics.BitOperations.TrailingZeroCount(candidates);
        // A decision of the replayed prefix has its state on the search's stack already (the state is that before the
        // choice, so the one recorded when the decision was first taken): only the decisions after it need theirs.
        var replaying = _position < prefix.Count;
        if (replaying)
        {
            var wanted = prefix[_position++];
            if (wanted is >= 0 and < MaxThreads && (candidates & (1UL << wanted)) != 0) chosen = wanted;
            else Divergence ??= $"decision {_position}: the schedule runs thread {wanted}, which cannot run there (candidates: {Describe(candidates)})";
        }
        var decision = new Decision(candidates, chosen, current, canContinue, replaying ? 0 : StateKey(current, canContinue));
        if (decision.Preempts(chosen)) Preemptions++;
        Decisions.Add(decision);
        HandOn(chosen);
    }

    /// <summary>How a deadlock report begins (<see cref="Exploration.BugMessage.Normalize"/> words it as L1).</summary>
    public const string DeadlockReport = "Deadlock detected.";

    /// <summary>Gives the token to <paramref name="thread"/> and wakes it if it waits.</summary>
    private void HandOn(int thread)
    {
        if (_token == thread) return;
        Volatile.Write(ref _token, thread);
        _wake[thread]!.Set();
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
        for (var t = 0; t < _threads; t++)
            if (_state[t] != State.None) key = ExecutionHash.Mix(key, (ulong)t << 8 | (byte)_state[t]);
        return ExecutionHash.Mix(key, (ulong)current << 1 | (canContinue ? 1UL : 0));
    }

    private void WaitForToken(int thread)
    {
        Await(thread);
        if (_stopped) throw new StaleThreadException();
        _state[thread] = State.Running;
    }

    /// <summary>Waits until <paramref name="thread"/> holds the token (the event's wait is the acquire that pairs with <see cref="HandOn"/>'s set).</summary>
    private void Await(int thread)
    {
        while (Volatile.Read(ref _token) != thread) _wake[thread]!.WaitOne();
    }

    private string DescribeThreads()
        => "Threads: " + string.Join(", ", Enumerable.Range(0, MaxThreads).Where(t => _state[t] != State.None).Select(t => $"{t} {_state[t]}"));

    private static string Describe(ulong candidates)
        => string.Join(", ", Enumerable.Range(0, MaxThreads).Where(t => (candidates & (1UL << t)) != 0));
}
