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
/// Design: the set of possible states is kept as encoded states; each observation explores the internal closure of
/// the set once (deduplicated) and collects the successors through steps with a matching label. A model step that
/// would break a property is not a step (the model reports it instead), so an observation that matches only such a
/// step fails, and the failure names the property. Every observation must match a step exactly: the observed label
/// kinds are the observable alphabet, and every other labelled step of the model is internal.
/// </remarks>
public sealed class ConformanceRun
{
    private readonly WirelessModel _model;
    private readonly HashSet<LabelKind> _observable;
    private readonly int _maxStates;
    private List<byte[]> _current;

    /// <param name="config">The configuration the runtime ran: same task graph and program, window, scheduler count, and
    /// enough cores per scheduler to hold everything the runtime can dispatch to one scheduler at once.</param>
    /// <param name="observable">The label kinds the runtime reports; default: every kind.</param>
    /// <param name="maxStates">The most model states one observation may explore before the check gives up (inconclusive).</param>
    public ConformanceRun(ModelConfig config, IEnumerable<LabelKind>? observable = null, int maxStates = 2_000_000)
    {
        _model = new WirelessModel(config);
        _observable = [.. observable ?? Enum.GetValues<LabelKind>().Where(k => k != LabelKind.None)];
        _maxStates = maxStates;
        var initial = new byte[_model.StateSize];
        _model.Initial(initial);
        _current = [initial];
    }

    /// <summary>Observations matched so far.</summary>
    public int Matched { get; private set; }

    /// <summary>The first mismatch, once there is one (later observations are then ignored).</summary>
    public ConformanceFailure? Failure { get; private set; }

    /// <summary>How many model states the run can be in now.</summary>
    public int PossibleStates => _current.Count;

    /// <summary>Checks one observation; false (and <see cref="Failure"/> set) if the model cannot take it.</summary>
    public bool Observe(Label observed)
    {
        if (Failure is not null) return false;
        if (!_observable.Contains(observed.Kind))
            throw new ArgumentException($"{observed}: label kind {observed.Kind} is not one of the observed kinds of this run");
        var search = new Search(_model, _observable, observed, _maxStates);
        search.Run(_current);
        if (search.Exceeded)
        {
            Failure = new ConformanceFailure(Matched, observed, true, _maxStates, [], [], []);
            return false;
        }
        if (search.Next.Count == 0)
        {
            Failure = Fail(search, observed);
            return false;
        }
        _current = search.Next;
        Matched++;
        return true;
    }

    /// <summary>The run is over: checks that the model can complete (reach a completed state by internal steps).</summary>
    public ConformanceFailure? Finish()
    {
        if (Failure is not null) return Failure;
        var search = new Search(_model, _observable, null, _maxStates);
        search.Run(_current);
        if (search.Exceeded) return Failure = new ConformanceFailure(Matched, null, true, _maxStates, [], [], []);
        return search.ReachedFinal ? null : Failure = Fail(search, null);
    }

    /// <summary>Checks a whole observed run, including its end; null if it is a run of the model.</summary>
    public static ConformanceFailure? Check(ModelConfig config, IEnumerable<Label> run, IEnumerable<LabelKind>? observable = null, int maxStates = 2_000_000)
    {
        var conformance = new ConformanceRun(config, observable, maxStates);
        foreach (var label in run)
            if (!conformance.Observe(label)) return conformance.Failure;
        return conformance.Finish();
    }

    private ConformanceFailure Fail(Search search, Label? observed)
    {
        var samples = search.Closure.Take(2).Select(s => _model.DescribeState(s)).ToList();
        return new ConformanceFailure(Matched, observed, false, search.Closure.Count, [.. search.Allowed.Order(LabelOrder.Instance)], [.. search.Violations], samples);
    }

    /// <summary>One observation's search: the internal closure of the current states and the matching successors.</summary>
    private sealed class Search(WirelessModel model, HashSet<LabelKind> observable, Label? observed, int maxStates) : ISuccessorSink
    {
        private readonly StateStore _closure = new(model.StateSize);
        private readonly StateStore _next = new(model.StateSize);
        private readonly Queue<int> _queue = new();

        public List<byte[]> Next { get; } = [];
        public List<byte[]> Closure { get; } = [];
        public HashSet<Label> Allowed { get; } = [];
        public SortedSet<string> Violations { get; } = new(StringComparer.Ordinal);
        public bool Exceeded { get; private set; }
        public bool ReachedFinal { get; private set; }

        public void Run(List<byte[]> start)
        {
            foreach (var s in start) Visit(s);
            while (_queue.Count > 0 && !Exceeded)
            {
                var s = _closure.Get(_queue.Dequeue()).ToArray();
                Closure.Add(s);
                if (observed is null && model.IsFinal(s)) ReachedFinal = true;
                model.Expand(s, this);
            }
        }

        private void Visit(ReadOnlySpan<byte> state)
        {
            _closure.AddOrFind(state, out var added);
            if (!added) return;
            if (_closure.Count > maxStates) Exceeded = true;
            _queue.Enqueue(_closure.Count - 1);
        }

        public void Add(in Step step, ReadOnlySpan<byte> next)
        {
            if (!observable.Contains(step.Label.Kind))
            {
                Visit(next);
                return;
            }
            Allowed.Add(step.Label);
            if (observed is not { } o || !o.Matches(step.Label)) return;
            _next.AddOrFind(next, out var added);
            if (added) Next.Add(next.ToArray());
        }

        public void Violation(in Step step, Property property, string message)
        {
            if (observed is { } o && observable.Contains(step.Label.Kind) && o.Matches(step.Label)) Violations.Add($"[{property}] {message}");
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
