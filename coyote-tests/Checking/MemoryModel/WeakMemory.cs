using System.Runtime.InteropServices;
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
/// <item>A read-modify-write reads any visible message no other read-modify-write has read, and its store goes right
/// after it (atomicity); a store is never inserted between the two. A failed CAS is a plain load and may read any
/// visible message whose value differs from the expected one.</item>
/// <item>Release stores carry their thread's view and vector clock; acquire loads reading them join both
/// (synchronizes-with). A relaxed RMW continues the release sequence of the message it read. Relaxed loads collect
/// views for a later acquire fence; a release fence gives later relaxed stores its view.</item>
/// <item>Seq_cst accesses and fences are ordered as RC11 orders them (<see cref="ScOrder"/>: the partial order psc,
/// kept acyclic): before a seq_cst access, or any access once the run has a seq_cst fence, the order gives the oldest
/// store it may read or follow, and learns the choice. Release sequences are C++20's: only read-modify-writes
/// continue one (a later relaxed store by the releasing thread does not, as C11 and RC11 would have it).</item>
/// <item>Happens-before (vector clocks) also drives <see cref="RaceDetector"/> for plain accesses.</item>
/// </list>
/// Representation: a location is named by a dense id given at its first access in the run (views and the message
/// table are arrays indexed by it), each location's messages live in a fixed segment of one array, and the views and
/// clocks that messages carry come from a pool they return to when the message is dropped. One instance serves every
/// iteration of an exploration (<see cref="Reset"/>), so a warm run allocates nothing.
///
/// Approximations (stated in the README): no load buffering (a load never reads a store that has not been executed
/// yet, as in loom); at most <see cref="HistoryBound"/> messages per location are kept; at a spin hint the spinning
/// thread's view catches up with the newest stores (eventual visibility: a thread that spins is not starved of a store
/// forever, which would otherwise show up as a false liveness bug).
/// </remarks>
public sealed class WeakMemory
{
    public const int HistoryBound = 16;
    /// <summary>A location's segment: the bound, plus one for a store inserted before the oldest is dropped.</summary>
    private const int Segment = HistoryBound + 1;

    private readonly Dictionary<nint, int> _ids = [];
    private Message[] _messages = new Message[64 * Segment];
    private int[] _counts = new int[64];
    private int _locations;
    private readonly ScOrder _sc = new();
    /// <summary>Scratch: per location, the newest store that happens before a seq_cst fence.</summary>
    private readonly View _happenedBefore = new();
    private readonly View _newest = new();
    private readonly Stack<View> _freeViews = new();
    private readonly Stack<VectorClock> _freeClocks = new();
    private Generator _random = null!;
    private readonly Func<int, int>? _choose;
    /// <summary>The read-modify-write between <see cref="ReadForUpdate"/> and <see cref="Update"/>: location, index read, order.</summary>
    private (int Location, int Index, MemoryOrder Order) _update;
    private Func<long> _step = null!;
    private long _stores;

    public RaceDetector Races { get; } = new();

    /// <summary>A model whose choices Coyote's controlled random generator makes (recorded in traces, replayed).</summary>
    public WeakMemory()
    {
    }

    /// <summary>
    /// A model whose every choice <paramref name="choose"/> makes: given n &gt; 1 options it returns one of 0..n-1 (0 is
    /// the newest store, or the position after it), so that a caller can enumerate them all (the litmus catalogue).
    /// </summary>
    public WeakMemory(Func<int, int> choose) => _choose = choose;

    /// <summary>
    /// Starts a new run: forgets every location, message and race shadow; <paramref name="step"/> numbers stores, and
    /// <paramref name="describe"/> and <paramref name="threadName"/> name locations and threads in race reports.
    /// </summary>
    public void Reset(Func<long> step, Func<nint, string?> describe, Func<int, string> threadName)
    {
        for (var l = 0; l < _locations; l++)
        {
            for (var i = 0; i < _counts[l]; i++) Release(_messages[l * Segment + i]);
            _counts[l] = 0;
        }
        _ids.Clear();
        _locations = 0;
        _sc.Reset();
        _newest.Clear();
        _stores = 0;
        _step = step;
        _random = Generator.Create();
        Races.Reset(describe, threadName);
    }

    /// <summary>The message a load by <paramref name="t"/> reads, and whether it is the newest.</summary>
    public (Message Read, bool Newest) Load(ModelThread t, nint address, long memoryValue, MemoryOrder order)
    {
        var location = LocationOf(address, memoryValue);
        var sc = order == MemoryOrder.SeqCst;
        _sc.Begin(t, location, sc);
        var messages = Messages(location);
        var first = FirstVisible(messages, Floor(t, location, sc));
        var index = messages.Length - 1 - Choose(messages.Length - first);
        var m = messages[index];
        Read(t, location, m, Acquires(order));
        _sc.Load(t, location, m.Timestamp, sc, Acquires(order) && m.WriteReleased);
        return (m, index == messages.Length - 1);
    }

    /// <summary>A store by <paramref name="t"/>; true if it became the newest message (memory must be written).</summary>
    public bool Store(ModelThread t, nint address, long memoryValue, long value, MemoryOrder order)
    {
        var location = LocationOf(address, memoryValue);
        var sc = order == MemoryOrder.SeqCst;
        _sc.Begin(t, location, sc);
        var messages = Messages(location);
        // Positions: after message i, for every visible i that no read-modify-write has read (its store follows i).
        var after = ChooseUntaken(messages, FirstVisible(messages, Floor(t, location, sc)));
        Append(t, location, after + 1, value, TimestampAfter(messages, after), order, read: null);
        return after == messages.Length - 1;
    }

    /// <summary>
    /// The read of a read-modify-write by <paramref name="t"/>: any visible message that no other read-modify-write has
    /// read, since its store will follow the message it read immediately in modification order (atomicity), so it may
    /// read a message older than the newest and place its store before the newer ones. Complete it with
    /// <see cref="Update"/>. Returns the message read and whether it is the newest (then its store will be).
    /// </summary>
    public (Message Read, bool Newest) ReadForUpdate(ModelThread t, nint address, long memoryValue, MemoryOrder order)
    {
        var location = LocationOf(address, memoryValue);
        var sc = order == MemoryOrder.SeqCst;
        _sc.Begin(t, location, sc);
        var messages = Messages(location);
        var index = ChooseUntaken(messages, FirstVisible(messages, Floor(t, location, sc)));
        Read(t, location, messages[index], Acquires(order));
        _update = (location, index, order);
        return (messages[index], index == messages.Length - 1);
    }

    /// <summary>The store of the read-modify-write <see cref="ReadForUpdate"/> began (same thread, no access between): right after what it read.</summary>
    public void Update(ModelThread t, long value)
    {
        var (location, index, order) = _update;
        var messages = Messages(location);
        Append(t, location, index + 1, value, TimestampAfter(messages, index), order, messages[index]);
    }

    /// <summary>
    /// A compare-and-swap: reads any visible message, counted from the newest, that either holds
    /// <paramref name="expected"/> and no other read-modify-write has read (it swaps, its store right after it) or
    /// holds another value (it fails: a load). Returns the message read, whether it swapped, and whether the message
    /// read is the newest (then a swap's store is the newest).
    /// </summary>
    public (Message Read, bool Swapped, bool Newest) CompareExchange(ModelThread t, nint address, long memoryValue, long expected, long desired, MemoryOrder order)
    {
        var location = LocationOf(address, memoryValue);
        var sc = order == MemoryOrder.SeqCst;
        _sc.Begin(t, location, sc);
        var messages = Messages(location);
        var first = FirstVisible(messages, Floor(t, location, sc));
        var candidates = 0;
        for (var i = first; i < messages.Length; i++)
            if (messages[i].Value != expected || Untaken(messages, i)) candidates++;
        var k = Choose(candidates);
        var index = messages.Length - 1;
        for (var seen = -1; ; index--)
            if ((messages[index].Value != expected || Untaken(messages, index)) && ++seen == k) break;
        var m = messages[index];
        var newest = index == messages.Length - 1;
        Read(t, location, m, Acquires(order));
        if (m.Value == expected)
        {
            Append(t, location, index + 1, desired, TimestampAfter(messages, index), order, m);
            return (m, true, newest);
        }
        _sc.Load(t, location, m.Timestamp, sc, Acquires(order) && m.WriteReleased);
        return (m, false, newest);
    }

    public void Fence(ModelThread t, MemoryOrder order)
    {
        _sc.Begin(t, -1, sc: false);
        if (Acquires(order))
        {
            t.View.Join(t.PendingAcquire);
            t.Clock.Join(t.PendingAcquireClock);
        }
        if (order == MemoryOrder.SeqCst)
        {
            HappenedBefore(t.Clock, _happenedBefore);
            _sc.Fence(t, _happenedBefore);
        }
        if (Releases(order))
        {
            t.FenceReleaseView.CopyFrom(t.View);
            t.FenceReleaseClock.CopyFrom(t.Clock);
            t.HasFenceRelease = true;
            _sc.EndEpoch(t, store: -1);
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
        var child = new ModelThread(id, name);
        child.Clock.CopyFrom(parent.Clock);
        child.View.CopyFrom(parent.View);
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

    /// <summary>Whether no read-modify-write has read message <paramref name="i"/> (none follows it: its store would).</summary>
    private static bool Untaken(Span<Message> messages, int i) => i == messages.Length - 1 || !messages[i + 1].IsRmw;

    /// <summary>Chooses a message at or after <paramref name="first"/> that no read-modify-write has read (0: the newest).</summary>
    private int ChooseUntaken(Span<Message> messages, int first)
    {
        var untaken = 0;
        for (var i = first; i < messages.Length; i++)
            if (Untaken(messages, i)) untaken++;
        // The k-th one counted from the newest.
        var k = Choose(untaken);
        var index = messages.Length - 1;
        for (var seen = -1; ; index--)
            if (Untaken(messages, index) && ++seen == k) return index;
    }

    /// <summary>A timestamp between message <paramref name="i"/> and the next (after the newest: one more).</summary>
    private static double TimestampAfter(Span<Message> messages, int i)
        => i == messages.Length - 1 ? messages[i].Timestamp + 1 : (messages[i].Timestamp + messages[i + 1].Timestamp) / 2;

    /// <summary>The dense id of <paramref name="address"/>, with its initial message if this is its first access.</summary>
    private int LocationOf(nint address, long memoryValue)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, address, out var known);
        if (known) return id;
        id = _locations++;
        if (_locations > _counts.Length)
        {
            Array.Resize(ref _counts, 2 * _counts.Length);
            Array.Resize(ref _messages, _counts.Length * Segment);
        }
        _messages[id * Segment] = new Message(memoryValue, 0, null, null, IsRmw: false, Thread: -1, Step: 0, Epoch: 0, WriteReleased: false);
        _counts[id] = 1;
        return id;
    }

    private Span<Message> Messages(int location) => _messages.AsSpan(location * Segment, _counts[location]);

    /// <summary>
    /// Inserts a store by <paramref name="t"/> at <paramref name="index"/>; <paramref name="read"/>: the message a
    /// read-modify-write read (it continues that message's release sequence).
    /// </summary>
    private void Append(ModelThread t, int location, int index, long value, double ts, MemoryOrder order, Message? read)
    {
        View? view = null;
        VectorClock? clock = null;
        // Whether a release fence contributes to what the message releases (then a fence's psc edges do not pass through it).
        var fenceReleased = false;
        if (Releases(order))
        {
            (view = RentView()).CopyFrom(t.View);
            (clock = RentClock()).CopyFrom(t.Clock);
        }
        else if (t.HasFenceRelease)
        {
            (view = RentView()).CopyFrom(t.FenceReleaseView);
            (clock = RentClock()).CopyFrom(t.FenceReleaseClock);
            fenceReleased = true;
        }
        if (read is { View: { } continued } m)
        {
            // An RMW continues the release sequence of the message it read.
            (view ??= RentView()).Join(continued);
            (clock ??= RentClock()).Join(m.Clock!);
            fenceReleased |= !m.WriteReleased;
        }
        view?.Raise(location, ts);
        var start = location * Segment;
        var count = _counts[location];
        var epoch = t.Clock[t.Id];
        Array.Copy(_messages, start + index, _messages, start + index + 1, count - index);
        _messages[start + index] = new Message(value, ts, view, clock, read is not null, t.Id, _step(), epoch, view is not null && !fenceReleased);
        count++;
        t.View.Raise(location, ts);
        var sc = order == MemoryOrder.SeqCst;
        _sc.Store(t, location, ts, sc, read?.Timestamp, read is { WriteReleased: true } && Acquires(order));
        if (view is not null)
        {
            _sc.EndEpoch(t, sc ? _sc.LastStore : -1);
            t.Clock[t.Id]++;
        }
        _newest.Raise(location, _messages[start + count - 1].Timestamp);
        _stores++;
        if (count > HistoryBound)
        {
            Release(_messages[start]);
            Array.Copy(_messages, start + 1, _messages, start, count - 1);
            count--;
        }
        _counts[location] = count;
    }

    private static void Read(ModelThread t, int location, Message m, bool acquire)
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

    /// <summary>The oldest timestamp an access begun by <paramref name="t"/> may read or follow: its view, and what psc allows.</summary>
    private double Floor(ModelThread t, int location, bool sc)
        => sc || _sc.HasFences ? Math.Max(t.View[location], _sc.Floor(location, sc)) : t.View[location];

    /// <summary>Per location, the newest kept store that happens before an event whose clock is <paramref name="clock"/>.</summary>
    private void HappenedBefore(VectorClock clock, View into)
    {
        into.Clear();
        for (var l = 0; l < _locations; l++)
        {
            var messages = Messages(l);
            for (var i = messages.Length - 1; i >= 0; i--)
            {
                var m = messages[i];
                if (m.Thread >= 0 && clock[m.Thread] < m.Epoch) continue;
                into.Raise(l, m.Timestamp);
                break;
            }
        }
    }

    /// <summary>The index of the oldest message at or after <paramref name="viewTimestamp"/> (the newest is always visible).</summary>
    private static int FirstVisible(Span<Message> messages, double viewTimestamp)
    {
        var i = messages.Length - 1;
        while (i > 0 && messages[i - 1].Timestamp >= viewTimestamp) i--;
        return i;
    }

    /// <summary>Picks 0 (the newest candidate) with probability above one half, else uniformly among <paramref name="n"/>.</summary>
    private int Choose(int n)
    {
        if (n <= 1) return 0;
        if (_choose is not null) return _choose(n);
        return _random.NextBoolean() ? 0 : _random.NextInteger(n);
    }

    private View RentView() => _freeViews.TryPop(out var v) ? v : new View();

    private VectorClock RentClock() => _freeClocks.TryPop(out var c) ? c : new VectorClock();

    private void Release(Message m)
    {
        if (m.View is { } view)
        {
            view.Clear();
            _freeViews.Push(view);
        }
        if (m.Clock is { } clock)
        {
            clock.Clear();
            _freeClocks.Push(clock);
        }
    }

    private static bool Acquires(MemoryOrder order) => order is MemoryOrder.Acquire or MemoryOrder.AcqRel or MemoryOrder.SeqCst;

    private static bool Releases(MemoryOrder order) => order is MemoryOrder.Release or MemoryOrder.AcqRel or MemoryOrder.SeqCst;
}
