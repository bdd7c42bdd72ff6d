using Microsoft.Coyote.Random;
using Wireless.Memory;

namespace Wireless.Checking.MemoryModel;

/// <summary>
/// An operational C/C++11 memory model for the checked device, in the style of loom and of the view-based semantics
/// of release/acquire (Kang et al.'s promising semantics without promises).
/// </summary>
/// <remarks>
/// Design:
/// <list type="bullet">
/// <item>Every atomic location keeps its stores as <see cref="Message"/>s ordered by timestamp: the location's
/// modification order. The first access creates an initial message holding the value in memory then; it happens
/// before everything (the runtime fills its arrays before it starts any thread).</item>
/// <item>Every thread has a <see cref="View"/>: per location, the oldest message it may read. A load reads any message
/// at or after its view; which one is Coyote's controlled choice (<see cref="Generator"/>), so it is explored,
/// recorded in the trace and replayed. The newest message is chosen with probability above one half.</item>
/// <item>A store is inserted at any position after its thread's view that does not split a read-modify-write from
/// the store it read (so 2+2W's weak outcome is reachable); memory holds the value of the newest message.</item>
/// <item>A read-modify-write reads the newest message and appends after it (atomicity). A failed CAS is a plain load
/// and may read an older message whose value differs from the expected one.</item>
/// <item>Release stores carry their thread's view and vector clock; acquire loads reading them join both
/// (synchronizes-with). A relaxed RMW continues the release sequence of the message it read. Relaxed loads collect
/// views for a later acquire fence; a release fence gives later relaxed stores its view.</item>
/// <item>Seq_cst accesses are totally ordered per location: a seq_cst load reads no older than the newest seq_cst
/// access to its location, and a seq_cst store goes after it, which forbids the non-SC outcomes of SB and IRIW between
/// seq_cst accesses. A seq_cst fence joins a global SC view into its thread's view and publishes the result, which
/// orders everything around it.</item>
/// <item>Happens-before (vector clocks) also drives <see cref="RaceDetector"/> for plain accesses.</item>
/// </list>
/// Approximations (stated in the README): no load buffering (a load never reads a store that has not been executed
/// yet, as in loom); at most <see cref="HistoryBound"/> messages per location are kept; at a spin hint the spinning
/// thread's view catches up with the newest stores (eventual visibility: a thread that spins is not starved of a store
/// forever, which would otherwise show up as a false liveness bug).
/// </remarks>
public sealed class WeakMemory
{
    public const int HistoryBound = 16;

    private readonly Dictionary<nint, List<Message>> _locations = [];
    /// <summary>Per location, the timestamp of the newest seq_cst access (the order S restricted to it).</summary>
    private readonly View _scAccess = new();
    /// <summary>What seq_cst fences have published.</summary>
    private readonly View _scFence = new();
    private readonly View _newest = new();
    private readonly Generator _random;
    private readonly Func<long> _step;
    private long _stores;

    public WeakMemory(Func<long> step, RaceDetector races)
    {
        _random = Generator.Create();
        _step = step;
        Races = races;
    }

    public RaceDetector Races { get; }

    /// <summary>Loads that read a message older than the newest (for statistics).</summary>
    public long StaleReads { get; private set; }

    /// <summary>The message a load by <paramref name="t"/> reads, and whether it is the newest.</summary>
    public (Message Read, bool Newest) Load(ModelThread t, nint location, long memoryValue, MemoryOrder order)
    {
        var messages = Messages(location, memoryValue);
        var first = FirstVisible(messages, Floor(t, location, order));
        var m = messages[messages.Count - 1 - Choose(messages.Count - first)];
        var newest = m == messages[^1];
        if (!newest) StaleReads++;
        Read(t, location, m, Acquires(order));
        if (order == MemoryOrder.SeqCst) _scAccess.Raise(location, m.Timestamp);
        return (m, newest);
    }

    /// <summary>A store by <paramref name="t"/>; true if it became the newest message (memory must be written).</summary>
    public bool Store(ModelThread t, nint location, long memoryValue, long value, MemoryOrder order)
    {
        var messages = Messages(location, memoryValue);
        // Positions: after message i, for every visible i that is not immediately followed by an RMW's message.
        var first = FirstVisible(messages, Floor(t, location, order));
        var allowed = new List<int>(messages.Count - first);
        for (var i = first; i < messages.Count; i++)
            if (i == messages.Count - 1 || !messages[i + 1].IsRmw) allowed.Add(i);
        var after = allowed[allowed.Count - 1 - Choose(allowed.Count)];
        var newest = after == messages.Count - 1;
        var ts = newest ? messages[after].Timestamp + 1 : (messages[after].Timestamp + messages[after + 1].Timestamp) / 2;
        Append(t, location, messages, after + 1, value, ts, order, isRmw: false, releaseSequence: null);
        return newest;
    }

    /// <summary>
    /// A read-modify-write: reads the newest message, and if <paramref name="compute"/> returns a value, appends it.
    /// Returns the message read and whether a value was written.
    /// </summary>
    public (Message Read, bool Wrote) ReadModifyWrite(ModelThread t, nint location, long memoryValue, MemoryOrder order, Func<long, long?> compute)
    {
        var messages = Messages(location, memoryValue);
        var read = messages[^1];
        Read(t, location, read, Acquires(order));
        if (order == MemoryOrder.SeqCst) _scAccess.Raise(location, read.Timestamp);
        var result = compute(read.Value);
        if (result is { } value)
            Append(t, location, messages, messages.Count, value, read.Timestamp + 1, order, isRmw: true, releaseSequence: read);
        return (read, result is not null);
    }

    /// <summary>
    /// A compare-and-swap: succeeds on the newest message if it holds <paramref name="expected"/>; may instead fail
    /// reading any visible older message whose value differs. Returns the message read and whether it swapped.
    /// </summary>
    public (Message Read, bool Swapped) CompareExchange(ModelThread t, nint location, long memoryValue, long expected, long desired, MemoryOrder order)
    {
        var messages = Messages(location, memoryValue);
        var first = FirstVisible(messages, Floor(t, location, order));
        var stale = new List<int>();
        for (var i = first; i < messages.Count - 1; i++)
            if (messages[i].Value != expected) stale.Add(i);
        var pick = Choose(stale.Count + 1);
        if (pick == 0) return ReadModifyWrite(t, location, memoryValue, order, v => v == expected ? desired : null);
        var m = messages[stale[stale.Count - pick]];
        StaleReads++;
        Read(t, location, m, Acquires(order));
        if (order == MemoryOrder.SeqCst) _scAccess.Raise(location, m.Timestamp);
        return (m, false);
    }

    /// <summary>Whether <paramref name="m"/> is the newest store to <paramref name="location"/>.</summary>
    public bool IsNewest(nint location, Message m) => _locations.TryGetValue(location, out var messages) && messages[^1] == m;

    public void Fence(ModelThread t, MemoryOrder order)
    {
        if (Acquires(order))
        {
            t.View.Join(t.PendingAcquire);
            t.Clock.Join(t.PendingAcquireClock);
        }
        if (order == MemoryOrder.SeqCst)
        {
            t.View.Join(_scFence);
            _scFence.Join(t.View);
        }
        if (Releases(order))
        {
            t.FenceReleaseView = t.View.Clone();
            t.FenceReleaseClock = t.Clock.Clone();
            t.Clock[t.Id]++;
        }
    }

    /// <summary>Eventual visibility: a spinning thread's view catches up with the newest stores.</summary>
    public void SpinCatchUp(ModelThread t)
    {
        if (t.CaughtUpAt == _stores) return;
        t.View.Join(_newest);
        t.CaughtUpAt = _stores;
    }

    /// <summary>A thread started by <paramref name="parent"/>: everything the parent did happens before it.</summary>
    public static ModelThread Fork(ModelThread parent, int id, string name)
    {
        var child = new ModelThread(id, name) { Clock = parent.Clock.Clone(), View = parent.View.Clone() };
        child.Clock[id] = 1;
        parent.Clock[parent.Id]++;
        return child;
    }

    /// <summary><paramref name="parent"/> joined <paramref name="child"/>: everything the child did happens before.</summary>
    public static void Join(ModelThread parent, ModelThread child)
    {
        parent.Clock.Join(child.Clock);
        parent.View.Join(child.View);
    }

    private List<Message> Messages(nint location, long memoryValue)
    {
        if (!_locations.TryGetValue(location, out var messages))
        {
            messages = [new Message(memoryValue, 0, view: null, clock: null, isRmw: false, thread: -1, step: 0)];
            _locations[location] = messages;
        }
        return messages;
    }

    private void Append(ModelThread t, nint location, List<Message> messages, int index, long value, double ts, MemoryOrder order, bool isRmw, Message? releaseSequence)
    {
        View? view = null;
        VectorClock? clock = null;
        if (Releases(order))
        {
            view = t.View.Clone();
            clock = t.Clock.Clone();
        }
        else if (t.FenceReleaseView is not null)
        {
            view = t.FenceReleaseView.Clone();
            clock = t.FenceReleaseClock!.Clone();
        }
        if (releaseSequence?.View is not null)
        {
            // An RMW continues the release sequence of the message it read.
            (view ??= new View()).Join(releaseSequence.View);
            (clock ??= new VectorClock()).Join(releaseSequence.Clock!);
        }
        view?.Raise(location, ts);
        messages.Insert(index, new Message(value, ts, view, clock, isRmw, t.Id, _step()));
        t.View.Raise(location, ts);
        if (view is not null) t.Clock[t.Id]++;
        if (order == MemoryOrder.SeqCst) _scAccess.Raise(location, ts);
        _newest.Raise(location, messages[^1].Timestamp);
        _stores++;
        if (messages.Count > HistoryBound) messages.RemoveAt(0);
    }

    private static void Read(ModelThread t, nint location, Message m, bool acquire)
    {
        t.View.Raise(location, m.Timestamp);
        if (m.View is null) return;
        if (acquire)
        {
            t.View.Join(m.View);
            t.Clock.Join(m.Clock!);
        }
        else
        {
            t.PendingAcquire.Join(m.View);
            t.PendingAcquireClock.Join(m.Clock!);
        }
    }

    /// <summary>The oldest timestamp an access may read or follow: the thread's view, and for seq_cst the newest seq_cst access.</summary>
    private double Floor(ModelThread t, nint location, MemoryOrder order)
        => order == MemoryOrder.SeqCst ? Math.Max(t.View[location], _scAccess[location]) : t.View[location];

    /// <summary>The index of the oldest message at or after <paramref name="viewTimestamp"/> (the newest is always visible).</summary>
    private static int FirstVisible(List<Message> messages, double viewTimestamp)
    {
        var i = messages.Count - 1;
        while (i > 0 && messages[i - 1].Timestamp >= viewTimestamp) i--;
        return i;
    }

    /// <summary>Picks 0 (the newest candidate) with probability above one half, else uniformly among <paramref name="n"/>.</summary>
    private int Choose(int n)
    {
        if (n <= 1) return 0;
        return _random.NextBoolean() ? 0 : _random.NextInteger(n);
    }

    private static bool Acquires(MemoryOrder order) => order is MemoryOrder.Acquire or MemoryOrder.AcqRel or MemoryOrder.SeqCst;

    private static bool Releases(MemoryOrder order) => order is MemoryOrder.Release or MemoryOrder.AcqRel or MemoryOrder.SeqCst;
}
