using Wireless.Spec.Checking;

namespace Wireless.Spec.Conformance;

/// <summary>
/// What <see cref="ConformanceRun"/> has already computed, kept across runs: each set of possible model states it has
/// been in (a <em>frontier</em>, numbered), and for a frontier and an observation, the frontier that followed. A
/// systematic exploration runs the same label sequence again and again (every schedule replays a prefix of the one
/// before, and schedules that only swap independent accesses report the same labels), so most observations are found
/// here and cost a lookup instead of a search of the model.
/// </summary>
/// <remarks>
/// Design: a frontier is identified by its states' bytes in the order the search added them. The search is
/// deterministic (a function of the frontier's states in that order and of the observation), so a remembered step is
/// exactly what the search would compute again; two frontiers holding the same states in another order are merely
/// kept twice. Only matched observations and completions are remembered: a failure ends the run and is searched again
/// to be described. Frontiers are kept as byte arrays; <see cref="Bytes"/> lets the owner forget everything when the
/// memo grows past its bound.
/// </remarks>
internal sealed class FrontierMemo(int stateSize)
{
    private readonly List<byte[]> _frontiers = [];
    private readonly Dictionary<byte[], int> _ids = new(ContentComparer.Instance);
    private readonly Dictionary<(int Frontier, Label Observed), int> _steps = [];
    private readonly Dictionary<int, bool> _completes = [];

    /// <summary>Approximate bytes held.</summary>
    public long Bytes { get; private set; }

    /// <summary>The frontier that <paramref name="observed"/> led to from <paramref name="frontier"/>, if remembered.</summary>
    public bool TryStep(int frontier, Label observed, out int next) => _steps.TryGetValue((frontier, observed), out next);

    public void AddStep(int frontier, Label observed, int next)
    {
        _steps[(frontier, observed)] = next;
        Bytes += 48;
    }

    /// <summary>Whether the model can complete from <paramref name="frontier"/>, if remembered.</summary>
    public bool TryCompletes(int frontier, out bool completes) => _completes.TryGetValue(frontier, out completes);

    public void AddCompletes(int frontier, bool completes) => _completes[frontier] = completes;

    /// <summary>The number of the frontier holding <paramref name="states"/>' states, in its order; numbered if new.</summary>
    public int Intern(StateStore states)
    {
        var bytes = new byte[states.Count * stateSize];
        for (var i = 0; i < states.Count; i++) states.Get(i).CopyTo(bytes.AsSpan(i * stateSize));
        if (_ids.TryGetValue(bytes, out var id)) return id;
        id = _frontiers.Count;
        _frontiers.Add(bytes);
        _ids.Add(bytes, id);
        Bytes += bytes.Length + 64;
        return id;
    }

    /// <summary>Empties <paramref name="states"/> and fills it with frontier <paramref name="frontier"/>'s states, in order.</summary>
    public void Load(int frontier, StateStore states)
    {
        states.Clear();
        var bytes = _frontiers[frontier];
        for (var offset = 0; offset < bytes.Length; offset += stateSize) states.AddOrFind(bytes.AsSpan(offset, stateSize), out _);
    }

    /// <summary>How many states frontier <paramref name="frontier"/> holds.</summary>
    public int Count(int frontier) => _frontiers[frontier].Length / stateSize;

    public void Clear()
    {
        _frontiers.Clear();
        _ids.Clear();
        _steps.Clear();
        _completes.Clear();
        Bytes = 0;
    }

    private sealed class ContentComparer : IEqualityComparer<byte[]>
    {
        public static readonly ContentComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] bytes) => (int)StateStore.Hash(bytes);
    }
}
