namespace Wireless.Checking.MemoryModel;

/// <summary>
/// RC11's order on seq_cst events (Lahav et al., "Repairing sequential consistency in C/C++11", PLDI 2017): the
/// relation psc over seq_cst accesses and seq_cst fences must be acyclic. <see cref="WeakMemory"/> asks it, before
/// each load or store, for the oldest store the access may read or follow without closing a psc cycle, and tells it
/// the choice made, so that psc grows edge by edge and stays acyclic.
/// </summary>
/// <remarks>
/// psc = ([SC] ∪ [F_sc];hb?) ; scb ; ([SC] ∪ hb?;[F_sc]) ∪ [F_sc];(hb ∪ hb;eco;hb);[F_sc], with
/// scb = sb ∪ sb≠loc;hb;sb≠loc ∪ hb|loc ∪ mo ∪ rb (herd7's rc11.cat). psc is not execution order: a seq_cst load may
/// be ordered before a seq_cst store that executed earlier (it reads an older store), and hb between seq_cst events
/// is not always in psc, which is why this is a graph and not a global view.
///
/// Design:
/// <list type="bullet">
/// <item>The seq_cst events of a run are nodes. A thread's nodes form a chain (sb ⊆ psc), so a node's psc ancestors
/// are, per thread, a prefix of that thread's nodes: they are stored as a vector of prefix lengths, one int per thread
/// (a node counts as its own ancestor).</item>
/// <item>Adding an edge u → v joins u's vector into every descendant of v (per thread, a suffix of its nodes), so
/// every vector stays exact. Edges into a new node (sb, hb|loc, sb≠loc;hb;sb≠loc, from fences, and mo and rb from
/// older accesses) cannot close a cycle. Edges from it backwards (rb and mo to older seq_cst stores, scb;hb to older
/// fences) and the edges between older nodes that it creates (from a fence that happens before it to what it is eco-
/// or rb-before) can: each is avoided by a floor, the oldest store the access may read or follow (<see cref="Floor"/>).
/// The floor is monotone (reading or following an older store only adds edges).</item>
/// <item>Happens-before is read off the model's vector clocks: a node records its thread's epoch, and an event whose
/// clock reaches that epoch happens after it. sb≠loc at both ends of sb≠loc;hb;sb≠loc is tracked per thread: its
/// nodes become sendable once it accesses another location after them (recorded per released epoch), and what it
/// acquired becomes usable once it accessed another location after acquiring it (its clock when its current run of
/// accesses to one location began).</item>
/// <item>A seq_cst fence records its thread's view (what is eco;hb-before it) and the newest stores that happen
/// before it; an access that a fence happens before is remembered with those fences, so that later fences and
/// seq_cst stores add the edges it implies.</item>
/// </list>
/// Left out, which makes psc smaller and the model weaker, never stronger (SPEC.md §8.1): plain accesses do not end a
/// run of accesses to one location; a fence after a seq_cst store gets no edge from it when the store's own release
/// reached it only through an acquire fence; an acquire of a message whose release sequence mixes a release fence in
/// passes no fence edge; a fence finds the stores that happen before it in the kept history only. Arrays are reused
/// by every run (<see cref="Reset"/>).
/// </remarks>
public sealed class ScOrder
{
    private const int NoNode = -1;
    private const byte ReadKind = 1, WriteKind = 2, FenceKind = 4;

    /// <summary>The seq_cst state of one thread of the run.</summary>
    private sealed class ThreadState
    {
        public int[] Nodes = new int[64];
        public int Count;
        public int[] Fences = new int[8];
        public int FenceCount;
        /// <summary>How many of its nodes (a prefix) an access to another location after them has made sendable.</summary>
        public int SendCount;
        /// <summary>The location of its current run of accesses (-1 after a fence and at the start: the next access starts a run).</summary>
        public int RunLocation = -1;
        /// <summary>Its clock when its current run began: what it acquired before it accessed another location.</summary>
        public readonly VectorClock Active = new();
        /// <summary>Per epoch it ended (released): its <see cref="SendCount"/> then, and the seq_cst store that released (or none).</summary>
        public int[] SendAt = new int[64];
        public int[] ReleaseNodeAt = new int[64];
        public int FirstEpoch, Epochs;
        public bool Started;

        public void Reset()
        {
            Count = FenceCount = SendCount = FirstEpoch = Epochs = 0;
            RunLocation = -1;
            Active.Clear();
            Started = false;
        }
    }

    private readonly List<ThreadState> _threads = [];
    private int _threadCount;
    /// <summary>Vectors indexed by thread (ancestors, witnesses, recorded fences) have this many entries per node.</summary>
    private int _stride = 8;

    private int _nodes;
    private int[] _nodeThread = new int[256];
    private int[] _nodeIndex = new int[256];
    private int[] _nodeLocation = new int[256];
    private int[] _nodeEpoch = new int[256];
    private int[] _nodePrevAtLocation = new int[256];
    private int[] _nodeFence = new int[256];
    private byte[] _nodeKind = new byte[256];
    /// <summary>A store's timestamp; a load's source (the timestamp it read).</summary>
    private double[] _nodeWrite = new double[256];
    private double[] _nodeSource = new double[256];
    private int[] _ancestors = new int[256 * 8];
    /// <summary>Per seq_cst store and thread: the lowest epoch of an access there to the store's location that happens after it.</summary>
    private int[] _witness = new int[256 * 8];

    /// <summary>Per location: its newest node (the rest linked through <see cref="_nodePrevAtLocation"/>).</summary>
    private int[] _lastAtLocation = Filled(64, NoNode);
    private int _locations;

    private int _fences;
    private int[] _fenceNodes = new int[8];
    private readonly List<View> _fenceViews = [];
    private readonly List<View> _fenceHbViews = [];

    /// <summary>Accesses that a seq_cst fence happens before: location, position (a store's timestamp, a load's source), fences per thread.</summary>
    private int _records;
    private int[] _recordLocation = new int[16];
    private double[] _recordPosition = new double[16];
    private bool[] _recordWrite = new bool[16];
    private int[] _recordFences = new int[16 * 8];

    /// <summary>The access begun: its ancestors before acquiring (seq_cst only) and the latest fence per thread that happens before it.</summary>
    private int[] _base = new int[8];
    private int[] _fencesBefore = new int[8];
    private int[] _found = new int[8];
    private int _foundGeneration;

    /// <summary>Whether the run has executed a seq_cst fence (the fence rules cost nothing before the first).</summary>
    public bool HasFences => _fences > 0;

    /// <summary>The node of the last seq_cst <see cref="Store"/> (for the <see cref="EndEpoch"/> that releases it).</summary>
    public int LastStore { get; private set; } = NoNode;

    public void Reset()
    {
        for (var i = 0; i < _threadCount; i++) _threads[i].Reset();
        Array.Fill(_lastAtLocation, NoNode, 0, _locations);
        _threadCount = _nodes = _fences = _records = _locations = 0;
        LastStore = NoNode;
    }

    /// <summary>
    /// The start of an access by <paramref name="t"/> to <paramref name="location"/> (-1: a fence), before it acquires
    /// anything. A change of location makes the thread's earlier nodes sendable and what it acquired usable; for a
    /// seq_cst access (<paramref name="sc"/>) the ancestors that do not depend on what it reads are gathered.
    /// </summary>
    public void Begin(ModelThread t, int location, bool sc)
    {
        var s = State(t);
        Sync(t, s);
        if (location < 0 || location != s.RunLocation)
        {
            s.SendCount = s.Count;
            s.Active.CopyFrom(t.Clock);
            s.RunLocation = location;
        }
        if (location >= _locations) GrowLocations(location + 1);
        if (_fences > 0) FencesBefore(t, _fencesBefore);
        if (!sc) return;
        var a = _base.AsSpan(0, _stride);
        a.Clear();
        // sb: its thread's previous node.
        if (s.Count > 0) JoinNode(a, s.Nodes[s.Count - 1]);
        // sb≠loc;hb;sb≠loc: nodes another thread made sendable, acquired before this thread's current run.
        for (var p = 0; p < _threadCount; p++)
        {
            if (p == t.Id) continue;
            var sent = SendAt(_threads[p], s.Active[p]);
            if (sent > 0) JoinNode(a, _threads[p].Nodes[sent - 1]);
        }
        // hb|loc: seq_cst accesses to this location that happen before it.
        HappenedBeforeAt(t, location, a);
        // [F_sc];hb;sb: fences that happen before it.
        if (_fences > 0) JoinFences(a, _fencesBefore);
    }

    /// <summary>
    /// The oldest timestamp at <paramref name="location"/> that the access begun (<see cref="Begin"/>) may read (a
    /// load) or follow (a store) without closing a psc cycle. Only for a seq_cst access or once the run has fences.
    /// </summary>
    public double Floor(int location, bool sc)
    {
        var floor = 0.0;
        if (sc)
        {
            // rb or mo to a seq_cst store that is an ancestor; scb;hb to a fence that is an ancestor.
            var a = _base.AsSpan(0, _stride);
            floor = Math.Max(NewestStoreAmong(location, a), FenceFloor(a, location, _fenceHbViews));
        }
        if (_fences == 0) return floor;
        // A fence F that happens before the access: neither rb/mo to a seq_cst store that is an ancestor of F, nor
        // eco-before what happens before a fence that is an ancestor of F (hb;eco;hb).
        for (var p = 0; p < _threadCount; p++)
        {
            var f = _fencesBefore[p];
            if (f == NoNode) continue;
            var a = Ancestors(f);
            floor = Math.Max(floor, Math.Max(NewestStoreAmong(location, a), FenceFloor(a, location, _fenceViews)));
        }
        return floor;
    }

    /// <summary>A load by <paramref name="t"/> read the store at <paramref name="source"/> (after acquiring, if it did).</summary>
    public void Load(ModelThread t, int location, double source, bool sc, bool acquiredFromWrite)
        => Access(t, location, sc, ReadKind, 0, source, source, acquiredFromWrite);

    /// <summary>
    /// A store by <paramref name="t"/> at <paramref name="timestamp"/>, or the store of a read-modify-write that read
    /// <paramref name="source"/> (after its acquire), before the release that may end its epoch.
    /// </summary>
    public void Store(ModelThread t, int location, double timestamp, bool sc, double? source, bool acquiredFromWrite)
        => Access(t, location, sc, source is null ? WriteKind : (byte)(WriteKind | ReadKind), timestamp, source ?? 0, timestamp, acquiredFromWrite);

    /// <summary>
    /// A seq_cst fence by <paramref name="t"/>, after its acquire half; <paramref name="happenedBefore"/> holds, per
    /// location, the newest store that happens before it.
    /// </summary>
    public void Fence(ModelThread t, View happenedBefore)
    {
        var s = State(t);
        var node = NewNode(t, s, FenceKind, NoNode, 0, 0);
        var a = Ancestors(node);
        if (s.Count > 0) JoinNode(a, s.Nodes[s.Count - 1]);
        var clock = t.Clock;
        for (var p = 0; p < _threadCount; p++)
        {
            if (p == t.Id) continue;
            // sb;hb: a node of p followed in p by an event that happens before the fence (a seq_cst store's own
            // epoch ends at it, so a later one must arrive); [F_sc];hb;[F_sc]: a fence that happens before it.
            var ps = _threads[p];
            var epoch = clock[p];
            for (var i = ps.Count - 1; i >= 0; i--)
            {
                var u = ps.Nodes[i];
                if (_nodeEpoch[u] + ((_nodeKind[u] & WriteKind) != 0 ? 1 : 0) > epoch) continue;
                JoinNode(a, u);
                break;
            }
            // hb|loc;hb: a seq_cst store whose own release reached an access to its location that happens before it.
            var release = ReleaseNodeAt(ps, epoch);
            if (release != NoNode && Witnessed(release, clock)) JoinNode(a, release);
        }
        // scb;hb with mo or rb: a seq_cst access mo- or rb-before a store that happens before the fence.
        for (var l = 0; l < _locations; l++)
        {
            var newest = happenedBefore[l];
            for (var u = _lastAtLocation[l]; u != NoNode; u = _nodePrevAtLocation[u])
                if (Position(u) < newest) JoinNode(a, u);
        }
        // hb;eco;hb: a fence that happens before an access eco-before an event that happens before this fence.
        var view = Rent(_fenceViews, _fences);
        view.CopyFrom(t.View);
        for (var r = 0; r < _records; r++)
        {
            var seen = view[_recordLocation[r]];
            if (_recordWrite[r] ? _recordPosition[r] <= seen : _recordPosition[r] < seen) JoinRecord(a, r);
        }
        Rent(_fenceHbViews, _fences).CopyFrom(happenedBefore);
        Grow(ref _fenceNodes, _fences + 1);
        _fenceNodes[_fences] = node;
        _nodeFence[node] = _fences++;
        Add(s, node, NoNode);
    }

    /// <summary>Just before <paramref name="t"/>'s epoch ends (it released); <paramref name="store"/>: the seq_cst store that released, if any.</summary>
    public void EndEpoch(ModelThread t, int store)
    {
        var s = State(t);
        var epoch = t.Clock[t.Id];
        Sync(t, s);
        Grow(ref s.SendAt, epoch + 1);
        Grow(ref s.ReleaseNodeAt, epoch + 1);
        s.SendAt[epoch] = s.SendCount;
        s.ReleaseNodeAt[epoch] = store;
        s.Epochs = epoch + 1;
    }

    private void Access(ModelThread t, int location, bool sc, byte kind, double write, double source, double position, bool acquiredFromWrite)
    {
        var s = State(t);
        LastStore = NoNode;
        WitnessAccess(t, location);
        var isWrite = (kind & WriteKind) != 0;
        if (sc)
        {
            var node = NewNode(t, s, kind, location, write, source);
            var a = Ancestors(node);
            Join(a, _base.AsSpan(0, _stride));
            // hb|loc through what it acquired; [F_sc];hb;hb|loc through a store's release (not a fence's).
            HappenedBeforeAt(t, location, a);
            if (_fences > 0 && acquiredFromWrite)
            {
                FencesBefore(t, _fencesBefore);
                JoinFences(a, _fencesBefore);
            }
            if (isWrite) StorePredecessors(a, location, write);
            Add(s, node, location);
            if (isWrite) LastStore = node;
            // rb or mo to the first seq_cst store after it; rb or mo to a store that happens before a fence.
            var next = FirstStoreAfter(location, position);
            if (next != NoNode) AddEdge(node, next);
            for (var f = 0; f < _fences; f++)
                if (_fenceHbViews[f][location] > position) AddEdge(node, _fenceNodes[f]);
        }
        if (_fences == 0) return;
        // A fence F that happens before the access: F → the first seq_cst store after it (scb), F → a fence whose
        // view it is eco-before (hb;eco;hb).
        FencesBefore(t, _fencesBefore);
        var any = false;
        for (var p = 0; p < _threadCount; p++)
        {
            var f = _fencesBefore[p];
            if (f == NoNode) continue;
            any = true;
            var next = FirstStoreAfter(location, position);
            if (next != NoNode) AddEdge(f, next);
            for (var g = 0; g < _fences; g++)
                if (_fenceViews[g][location] > position) AddEdge(f, _fenceNodes[g]);
        }
        if (any) Record(location, position, isWrite);
    }

    /// <summary>Into a new seq_cst store at <paramref name="timestamp"/>: mo from seq_cst stores before it, rb from seq_cst loads of stores before it, and scb from fences that happen before an access before it.</summary>
    private void StorePredecessors(Span<int> a, int location, double timestamp)
    {
        for (var u = _lastAtLocation[location]; u != NoNode; u = _nodePrevAtLocation[u])
        {
            var kind = _nodeKind[u];
            if (((kind & WriteKind) != 0 && _nodeWrite[u] < timestamp) || ((kind & ReadKind) != 0 && _nodeSource[u] < timestamp)) JoinNode(a, u);
        }
        for (var r = 0; r < _records; r++)
            if (_recordLocation[r] == location && _recordPosition[r] < timestamp) JoinRecord(a, r);
    }

    /// <summary>Joins, per other thread, its latest seq_cst access to <paramref name="location"/> that happens before <paramref name="t"/> now.</summary>
    private void HappenedBeforeAt(ModelThread t, int location, Span<int> a)
    {
        if (location < 0) return;
        var generation = ++_foundGeneration;
        for (var u = _lastAtLocation[location]; u != NoNode; u = _nodePrevAtLocation[u])
        {
            var p = _nodeThread[u];
            if (p == t.Id || _found[p] == generation || _nodeEpoch[u] > t.Clock[p]) continue;
            _found[p] = generation;
            JoinNode(a, u);
        }
    }

    /// <summary>
    /// An access by <paramref name="t"/> to a seq_cst store's location that happens after the store only through the
    /// store's own release: the store is psc-before every fence this access happens before (hb|loc;hb).
    /// </summary>
    private void WitnessAccess(ModelThread t, int location)
    {
        var epoch = t.Clock[t.Id];
        for (var p = 0; p < _threadCount; p++)
        {
            if (p == t.Id) continue;
            var u = ReleaseNodeAt(_threads[p], t.Clock[p]);
            if (u == NoNode || _nodeLocation[u] != location) continue;
            ref var w = ref _witness[u * _stride + t.Id];
            if (epoch < w) w = epoch;
        }
    }

    private bool Witnessed(int store, VectorClock clock)
    {
        for (var w = 0; w < _threadCount; w++)
            if (_witness[store * _stride + w] <= clock[w]) return true;
        return false;
    }

    /// <summary>Adds u → v: every descendant of v (v included) gets u's ancestors.</summary>
    private void AddEdge(int u, int v)
    {
        if (IsAncestor(v, u)) throw new InvalidOperationException("the memory model closed a psc cycle (a bug of the model)");
        if (IsAncestor(u, v)) return;
        var from = Ancestors(u);
        for (var q = 0; q < _threadCount; q++)
        {
            var qs = _threads[q];
            for (var i = qs.Count - 1; i >= 0; i--)
            {
                var d = qs.Nodes[i];
                if (!IsAncestor(v, d)) break;
                Join(Ancestors(d), from);
            }
        }
    }

    /// <summary>Whether <paramref name="node"/> is an ancestor of (or is) <paramref name="of"/>.</summary>
    private bool IsAncestor(int node, int of) => _ancestors[of * _stride + _nodeThread[node]] > _nodeIndex[node];

    private bool Contains(ReadOnlySpan<int> ancestors, int node) => ancestors[_nodeThread[node]] > _nodeIndex[node];

    private Span<int> Ancestors(int node) => _ancestors.AsSpan(node * _stride, _stride);

    private void JoinNode(Span<int> a, int node) => Join(a, Ancestors(node));

    private void Join(Span<int> a, ReadOnlySpan<int> b)
    {
        for (var i = 0; i < _threadCount; i++)
            if (b[i] > a[i]) a[i] = b[i];
    }

    private void JoinFences(Span<int> a, int[] fences)
    {
        for (var p = 0; p < _threadCount; p++)
            if (fences[p] != NoNode) JoinNode(a, fences[p]);
    }

    private void JoinRecord(Span<int> a, int record)
    {
        for (var p = 0; p < _threadCount; p++)
        {
            var f = _recordFences[record * _stride + p];
            if (f != NoNode) JoinNode(a, f);
        }
    }

    /// <summary>The newest timestamp of a seq_cst store to <paramref name="location"/> among <paramref name="a"/>.</summary>
    private double NewestStoreAmong(int location, ReadOnlySpan<int> a)
    {
        var newest = 0.0;
        for (var u = _lastAtLocation[location]; u != NoNode; u = _nodePrevAtLocation[u])
            if ((_nodeKind[u] & WriteKind) != 0 && _nodeWrite[u] > newest && Contains(a, u)) newest = _nodeWrite[u];
        return newest;
    }

    /// <summary>The highest entry for <paramref name="location"/> in <paramref name="views"/> of the fences among <paramref name="a"/> (a thread's later fence sees more).</summary>
    private double FenceFloor(ReadOnlySpan<int> a, int location, List<View> views)
    {
        var floor = 0.0;
        if (_fences == 0) return floor;
        for (var p = 0; p < _threadCount; p++)
        {
            var ps = _threads[p];
            for (var i = ps.FenceCount - 1; i >= 0; i--)
            {
                var f = ps.Fences[i];
                if (_nodeIndex[f] >= a[p]) continue;
                floor = Math.Max(floor, views[_nodeFence[f]][location]);
                break;
            }
        }
        return floor;
    }

    /// <summary>The seq_cst store to <paramref name="location"/> first after <paramref name="position"/> in modification order.</summary>
    private int FirstStoreAfter(int location, double position)
    {
        var first = NoNode;
        for (var u = _lastAtLocation[location]; u != NoNode; u = _nodePrevAtLocation[u])
            if ((_nodeKind[u] & WriteKind) != 0 && _nodeWrite[u] > position && (first == NoNode || _nodeWrite[u] < _nodeWrite[first])) first = u;
        return first;
    }

    /// <summary>Per thread, its latest fence that happens before <paramref name="t"/> now (its own latest for itself).</summary>
    private void FencesBefore(ModelThread t, int[] fences)
    {
        for (var p = 0; p < _threadCount; p++)
        {
            fences[p] = NoNode;
            var ps = _threads[p];
            for (var i = ps.FenceCount - 1; i >= 0; i--)
            {
                var f = ps.Fences[i];
                if (p != t.Id && _nodeEpoch[f] > t.Clock[p]) continue;
                fences[p] = f;
                break;
            }
        }
    }

    private double Position(int node) => (_nodeKind[node] & WriteKind) != 0 ? _nodeWrite[node] : _nodeSource[node];

    private static int SendAt(ThreadState s, int epoch)
    {
        if (!s.Started || epoch < s.FirstEpoch) return 0;
        // An epoch it has not ended by a release ended by a fork or ends at a join: every node before is sendable.
        return epoch < s.Epochs ? s.SendAt[epoch] : s.Count;
    }

    private static int ReleaseNodeAt(ThreadState s, int epoch)
        => s.Started && epoch >= s.FirstEpoch && epoch < s.Epochs ? s.ReleaseNodeAt[epoch] : NoNode;

    /// <summary>Records the epochs <paramref name="t"/> ended without a release (forks): every node before is sendable.</summary>
    private static void Sync(ModelThread t, ThreadState s)
    {
        var epoch = t.Clock[t.Id];
        if (!s.Started)
        {
            s.Started = true;
            s.FirstEpoch = s.Epochs = epoch;
            return;
        }
        Grow(ref s.SendAt, epoch + 1);
        Grow(ref s.ReleaseNodeAt, epoch + 1);
        for (; s.Epochs < epoch; s.Epochs++)
        {
            s.SendAt[s.Epochs] = s.Count;
            s.ReleaseNodeAt[s.Epochs] = NoNode;
        }
    }

    private ThreadState State(ModelThread t)
    {
        if (t.Id >= _stride) GrowStride(t.Id + 1);
        while (_threads.Count <= t.Id) _threads.Add(new ThreadState());
        for (; _threadCount <= t.Id; _threadCount++) _threads[_threadCount].Reset();
        return _threads[t.Id];
    }

    private int NewNode(ModelThread t, ThreadState s, byte kind, int location, double write, double source)
    {
        if (_nodes == _nodeThread.Length)
        {
            var n = 2 * _nodes;
            Array.Resize(ref _nodeThread, n);
            Array.Resize(ref _nodeIndex, n);
            Array.Resize(ref _nodeLocation, n);
            Array.Resize(ref _nodeEpoch, n);
            Array.Resize(ref _nodePrevAtLocation, n);
            Array.Resize(ref _nodeFence, n);
            Array.Resize(ref _nodeKind, n);
            Array.Resize(ref _nodeWrite, n);
            Array.Resize(ref _nodeSource, n);
            Array.Resize(ref _ancestors, n * _stride);
            Array.Resize(ref _witness, n * _stride);
        }
        var node = _nodes++;
        _nodeThread[node] = t.Id;
        _nodeIndex[node] = s.Count;
        _nodeLocation[node] = location;
        _nodeEpoch[node] = t.Clock[t.Id];
        _nodeFence[node] = NoNode;
        _nodeKind[node] = kind;
        _nodeWrite[node] = write;
        _nodeSource[node] = source;
        Ancestors(node).Clear();
        _witness.AsSpan(node * _stride, _stride).Fill(int.MaxValue);
        return node;
    }

    /// <summary>Appends <paramref name="node"/> to its thread's chain and its location's list; it is its own ancestor.</summary>
    private void Add(ThreadState s, int node, int location)
    {
        Grow(ref s.Nodes, s.Count + 1);
        s.Nodes[s.Count++] = node;
        _ancestors[node * _stride + _nodeThread[node]] = s.Count;
        if (location >= 0)
        {
            _nodePrevAtLocation[node] = _lastAtLocation[location];
            _lastAtLocation[location] = node;
        }
        else
        {
            Grow(ref s.Fences, s.FenceCount + 1);
            s.Fences[s.FenceCount++] = node;
        }
    }

    private void Record(int location, double position, bool write)
    {
        if (_records == _recordLocation.Length)
        {
            Array.Resize(ref _recordLocation, 2 * _records);
            Array.Resize(ref _recordPosition, 2 * _records);
            Array.Resize(ref _recordWrite, 2 * _records);
            Array.Resize(ref _recordFences, 2 * _records * _stride);
        }
        _recordLocation[_records] = location;
        _recordPosition[_records] = position;
        _recordWrite[_records] = write;
        _fencesBefore.AsSpan(0, _stride).CopyTo(_recordFences.AsSpan(_records * _stride, _stride));
        _records++;
    }

    private static View Rent(List<View> views, int index)
    {
        if (index == views.Count) views.Add(new View());
        views[index].Clear();
        return views[index];
    }

    private void GrowLocations(int count)
    {
        if (count > _lastAtLocation.Length)
        {
            var old = _lastAtLocation.Length;
            Array.Resize(ref _lastAtLocation, Math.Max(count, 2 * old));
            Array.Fill(_lastAtLocation, NoNode, old, _lastAtLocation.Length - old);
        }
        _locations = count;
    }

    /// <summary>Re-lays the per-thread vectors for more threads.</summary>
    private void GrowStride(int threads)
    {
        var stride = Math.Max(threads, 2 * _stride);
        _ancestors = Relay(_ancestors, _nodeThread.Length, 0, stride);
        _witness = Relay(_witness, _nodeThread.Length, int.MaxValue, stride);
        _recordFences = Relay(_recordFences, _recordLocation.Length, NoNode, stride);
        _base = new int[stride];
        _fencesBefore = new int[stride];
        _found = new int[stride];
        _stride = stride;
    }

    private int[] Relay(int[] old, int rows, int fill, int stride)
    {
        var relaid = new int[rows * stride];
        Array.Fill(relaid, fill);
        for (var r = 0; r < rows; r++) old.AsSpan(r * _stride, _stride).CopyTo(relaid.AsSpan(r * stride, _stride));
        return relaid;
    }

    private static int[] Filled(int length, int value)
    {
        var array = new int[length];
        Array.Fill(array, value);
        return array;
    }

    private static void Grow(ref int[] array, int length)
    {
        if (length > array.Length) Array.Resize(ref array, Math.Max(length, 2 * array.Length));
    }
}
