using Wireless.Spec.Checking;
using Wireless.Spec.Model;

namespace Wireless.Spec.Conformance;

/// <summary>
/// Conformance of an observed run to the model: feed the runtime's labelled actions, in the order they happened, to
/// <see cref="Observe"/>; it keeps the set of model states the run can be in and checks that every observation is a
/// step of the model from one of them. Between two observations the model may take any number of internal steps
/// (steps whose label kind is not observed), so the check is a weak simulation by search over internal steps, bounded
/// by the model's state space. The first observation the model cannot match is reported with the states the run could
/// have been in (<see cref="Failure"/>). spec/SPEC.md §7 defines the labels and which runtime access each one marks.
/// </summary>
/// <remarks>
/// Design: the set of possible states is kept as encoded states in a store; each observation explores the internal
/// closure of the set once (breadth-first, deduplicated) and collects the successors through steps with a matching
/// label into a second store, which becomes the set. The three stores are cleared and reused, so a long run allocates
/// nothing per observation. What the model would have allowed, and which of its steps would have been violations, is
/// collected only when an observation fails (the search is deterministic, so it is run again to collect them). A model
/// step that would break a property is not a step (the model reports it instead), so an observation that matches only
/// such a step fails, and the failure names the property. Every observation must match a step exactly: the observed
/// label kinds are the observable alphabet, and every other labelled step of the model is internal.
/// <para>
/// Runs of one configuration repeat one another (a systematic exploration replays a prefix of the run before at every
/// run), so the sets met and the steps between them are remembered across runs (<see cref="FrontierMemo"/>); the
/// search runs only for an observation not seen before from the current set, which is then loaded into the store.
/// </para>
/// </remarks>
public sealed class ConformanceRun
{
    /// <summary>Chunks of 2^10 states: closures between two observations are small and the stores are reused.</summary>
    private const int StoreChunkBits = 10;

    private readonly WirelessModel _model;
    private readonly bool[] _observable;
    private readonly int _maxStates;
    private readonly Search _search;
    private StateStore _current;
    private StateStore _next;
    private readonly FrontierMemo _memo;
    private readonly long _maxMemoBytes;

    /// <summary>The frontier the run is in (its number in <see cref="_memo"/>), and the one <see cref="_current"/> holds.</summary>
    private int _frontier;
    private int _loaded;

    /// <param name="config">The configuration the runtime ran: same task graph and program, window, scheduler count, and
    /// enough cores per scheduler to hold everything the runtime can dispatch to one scheduler at once.</param>
    /// <param name="observable">The label kinds the runtime reports; default: every kind.</param>
    /// <param name="maxStates">The most model states one observation may explore before the check gives up (inconclusive).</param>
    /// <param name="maxMemoBytes">The memory the remembered sets and steps may take; past it, they are forgotten when the next run starts.</param>
    public ConformanceRun(ModelConfig config, IEnumerable<LabelKind>? observable = null, int maxStates = 2_000_000, long maxMemoBytes = 256L << 20)
    {
        _model = new WirelessModel(config);
        _observable = new bool[Enum.GetValues<LabelKind>().Length];
        foreach (var kind in observable ?? Enum.GetValues<LabelKind>().Where(k => k != LabelKind.None)) _observable[(int)kind] = true;
        _maxStates = maxStates;
        _search = new Search(_model, _observable, new StateStore(_model.StateSize, StoreChunkBits));
        _current = new StateStore(_model.StateSize, StoreChunkBits);
        _next = new StateStore(_model.StateSize, StoreChunkBits);
        _memo = new FrontierMemo(_model.StateSize);
        _maxMemoBytes = maxMemoBytes;
        _initial = new byte[_model.StateSize];
        _model.Initial(_initial);
        Restart();
    }

    private readonly byte[] _initial;

    /// <summary>Forgets the run so far: the next observation is the first of a new run (the stores are reused).</summary>
    public void Restart()
    {
        if (_memo.Bytes > _maxMemoBytes) _memo.Clear();
        _current.Clear();
        _current.AddOrFind(_initial, out _);
        _frontier = _loaded = _memo.Intern(_current);
        Matched = 0;
        Failure = null;
    }

    /// <summary>Observations matched so far.</summary>
    public int Matched { get; private set; }

    /// <summary>The first mismatch, once there is one (later observations are then ignored).</summary>
    public ConformanceFailure? Failure { get; private set; }

    /// <summary>How many model states the run can be in now.</summary>
    public int PossibleStates => _memo.Count(_frontier);

    /// <summary>Checks one observation; false (and <see cref="Failure"/> set) if the model cannot take it.</summary>
    public bool Observe(Label observed)
    {
        if (Failure is not null) return false;
        if (!_observable[(int)observed.Kind])
            throw new ArgumentException($"{observed}: label kind {observed.Kind} is not one of the observed kinds of this run");
        if (_memo.TryStep(_frontier, observed, out var known))
        {
            _frontier = known;
            Matched++;
            return true;
        }
        Load();
        _next.Clear();
        _search.Run(_current, observed, _next, _maxStates, collect: false);
        if (_search.Exceeded)
        {
            Failure = new ConformanceFailure(Matched, observed, true, _maxStates, [], [], []);
            return false;
        }
        if (_next.Count == 0)
        {
            Failure = Fail(observed);
            return false;
        }
        (_current, _next) = (_next, _current);
        var from = _frontier;
        _frontier = _loaded = _memo.Intern(_current);
        _memo.AddStep(from, observed, _frontier);
        Matched++;
        return true;
    }

    /// <summary>Makes <see cref="_current"/> hold the states of the frontier the run is in.</summary>
    private void Load()
    {
        if (_loaded == _frontier) return;
        _memo.Load(_frontier, _current);
        _loaded = _frontier;
    }

    /// <summary>The run is over: checks that the model can complete (reach a completed state by internal steps).</summary>
    public ConformanceFailure? Finish()
    {
        if (Failure is not null) return Failure;
        if (_memo.TryCompletes(_frontier, out var completes) && completes) return null;
        Load();
        _search.Run(_current, null, null, _maxStates, collect: false);
        if (_search.Exceeded) return Failure = new ConformanceFailure(Matched, null, true, _maxStates, [], [], []);
        _memo.AddCompletes(_frontier, _search.ReachedFinal);
        return _search.ReachedFinal ? null : Failure = Fail(null);
    }

    /// <summary>Checks a whole observed run, including its end; null if it is a run of the model.</summary>
    public static ConformanceFailure? Check(ModelConfig config, IEnumerable<Label> run, IEnumerable<LabelKind>? observable = null, int maxStates = 2_000_000)
    {
        var conformance = new ConformanceRun(config, observable, maxStates);
        foreach (var label in run)
            if (!conformance.Observe(label)) return conformance.Failure;
        return conformance.Finish();
    }

    /// <summary>The failure of <paramref name="observed"/> (null: the end of the run): the search again, collecting what the model allowed.</summary>
    private ConformanceFailure Fail(Label? observed)
    {
        _search.Run(_current, observed, null, _maxStates, collect: true);
        var closure = _search.Closure;
        var samples = Enumerable.Range(0, Math.Min(2, closure.Count)).Select(i => _model.DescribeState(closure.Get(i))).ToList();
        return new ConformanceFailure(Matched, observed, false, closure.Count, [.. _search.Allowed.Order(LabelOrder.Instance)], [.. _search.Violations], samples);
    }

    /// <summary>
    /// One observation's search: the internal closure of the current states (in <see cref="Closure"/>, numbered in
    /// breadth-first order, which is also the work list) and the successors through a step matching the observation.
    /// </summary>
    private sealed class Search(WirelessModel model, bool[] observable, StateStore closure) : ISuccessorSink
    {
        private Label? _observed;
        private StateStore? _next;
        private int _maxStates;
        private bool _collect;

        public StateStore Closure => closure;
        public HashSet<Label> Allowed { get; } = [];
        public SortedSet<string> Violations { get; } = new(StringComparer.Ordinal);
        public bool Exceeded { get; private set; }
        public bool ReachedFinal { get; private set; }

        /// <summary>
        /// Explores from <paramref name="start"/>; successors through a step matching <paramref name="observed"/> go to
        /// <paramref name="next"/> (none: the end of the run, <see cref="ReachedFinal"/> is computed); with
        /// <paramref name="collect"/>, the allowed observable steps and the matching violations are collected too.
        /// </summary>
        public void Run(StateStore start, Label? observed, StateStore? next, int maxStates, bool collect)
        {
            _observed = observed;
            _next = next;
            _maxStates = maxStates;
            _collect = collect;
            closure.Clear();
            Allowed.Clear();
            Violations.Clear();
            Exceeded = ReachedFinal = false;
            for (var i = 0; i < start.Count; i++) Visit(start.Get(i));
            for (var i = 0; i < closure.Count && !Exceeded; i++)
            {
                // The span stays valid while successors are added: the store's chunks never move.
                var s = closure.Get(i);
                if (observed is null && !ReachedFinal && model.IsFinal(s)) ReachedFinal = true;
                model.Expand(s, this);
            }
        }

        private void Visit(ReadOnlySpan<byte> state)
        {
            closure.AddOrFind(state, out var added);
            if (added && closure.Count > _maxStates) Exceeded = true;
        }

        public void Add(in Step step, ReadOnlySpan<byte> next)
        {
            if (!observable[(int)step.Label.Kind])
            {
                Visit(next);
                return;
            }
            if (_collect) Allowed.Add(step.Label);
            if (_observed is { } o && o.Matches(step.Label)) _next?.AddOrFind(next, out _);
        }

        public void Violation(in Step step, Property property, string message)
        {
            if (_collect && _observed is { } o && observable[(int)step.Label.Kind] && o.Matches(step.Label)) Violations.Add($"[{property}] {message}");
        }
    }

    /// <summary>Orders labels for messages: by kind, then task, then the other value.</summary>
    private sealed class LabelOrder : IComparer<Label>
    {
        public static readonly LabelOrder Instance = new();

        public int Compare(Label x, Label y)
        {
            var c = x.Kind.CompareTo(y.Kind);
            if (c == 0) c = x.Task.CompareTo(y.Task);
            if (c == 0) c = x.Other.CompareTo(y.Other);
            return c == 0 ? x.Actor.CompareTo(y.Actor) : c;
        }
    }
}
