using System.Runtime.InteropServices;

namespace Wireless.Checking.Seam;

/// <summary>
/// A fingerprint of one iteration's execution graph, so exploration can count distinct interleavings rather than
/// iterations: two schedules that only reorder independent accesses give the same graph, and the same fingerprint.
/// Taken in the middle of a run it identifies the state reached (sequentially consistent memory: what each thread did
/// and read, and what each location holds), which the bounded search's state cache relies on.
/// </summary>
/// <remarks>
/// Design. The graph is each thread's sequence of shared accesses (program order) with, for every read, the store it
/// read from (reads-from), and for every store, the store it follows in the location's modification order. Plain
/// accesses take part as well (a plain read reads the last store to its address; a buffer is named by its start), so
/// that the fingerprint does not rely on the program being free of data races. A thread's
/// code is deterministic given what it read, so the location and value of each access follow from the graph and need
/// not be hashed. Threads and stores are named canonically, independent of the schedule: a thread by its parent and
/// the order in which the parent created it; a store by its thread and its position in that thread's sequence. Each
/// thread folds its own events into a running hash; the fingerprint sums the threads' hashes, each mixed with the
/// thread's name, so their order does not matter. Under the memory model a store placed before the newest one in
/// modification order is marked as such, without its exact predecessor (an approximation that can only merge, never
/// split, two graphs that differ in nothing else). Nothing is allocated per access once the tables have grown.
/// </remarks>
public sealed class ExecutionHash
{
    /// <summary>A store, named independently of the schedule.</summary>
    private readonly record struct Writer(ulong Thread, int Event);

    private ulong[] _threadName = new ulong[16];
    private ulong[] _hash = new ulong[16];
    private int[] _events = new int[16];
    private int[] _children = new int[16];
    private int _threads;
    /// <summary>For each trace step that stored: the store's event index in its thread.</summary>
    private int[] _eventOfStep = new int[4096];
    private readonly Dictionary<nint, Writer> _lastWriter = [];

    /// <summary>Starts a new iteration whose main thread has id 0.</summary>
    public void Reset()
    {
        Array.Clear(_hash, 0, _threads);
        Array.Clear(_events, 0, _threads);
        Array.Clear(_children, 0, _threads);
        _lastWriter.Clear();
        _threads = 1;
        _threadName[0] = 1;
    }

    /// <summary>Thread <paramref name="child"/> was created by <paramref name="parent"/>.</summary>
    public void OnThread(int parent, int child)
    {
        Grow(ref _threadName, child);
        Grow(ref _hash, child);
        Grow(ref _events, child);
        Grow(ref _children, child);
        _threadName[child] = Mix(_threadName[parent], (ulong)++_children[parent]);
        _hash[child] = 0;
        _events[child] = 0;
        _children[child] = 0;
        _threads = Math.Max(_threads, child + 1);
    }

    /// <summary>
    /// A read by <paramref name="thread"/> at <paramref name="address"/> of the store made at step
    /// <paramref name="fromStep"/> by thread <paramref name="fromThread"/> (-1: the initial value), or, with
    /// <paramref name="fromThread"/> null, of the newest store (sequentially consistent memory).
    /// </summary>
    public void OnRead(int thread, nint address, int? fromThread, long fromStep)
    {
        var from = fromThread switch
        {
            null => _lastWriter.GetValueOrDefault(address),
            < 0 => default,
            { } t => new Writer(_threadName[t], EventOf(fromStep)),
        };
        Fold(thread, 1, from);
    }

    /// <summary>
    /// A store (or the write of a read-modify-write) by <paramref name="thread"/> at step <paramref name="step"/> (-1 for
    /// a plain write no atomic load reads); <paramref name="newest"/>: it is the last in modification order.
    /// </summary>
    public void OnWrite(int thread, nint address, long step, bool newest)
    {
        ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_lastWriter, address, out _);
        var index = Fold(thread, newest ? 2UL : 3UL, newest ? last : default);
        if (step >= 0)
        {
            if (step >= _eventOfStep.Length) Array.Resize(ref _eventOfStep, (int)Math.Max(step + 1, _eventOfStep.Length * 2L));
            _eventOfStep[step] = index;
        }
        if (newest) last = new Writer(_threadName[thread], index);
    }

    /// <summary>Something else a thread did that a schedule can change: a clock read (its value) or a fence.</summary>
    public void OnOther(int thread, ulong what) => Fold(thread, 4, new Writer(what, 0));

    /// <summary>The fingerprint of the iteration so far.</summary>
    public ulong Fingerprint()
    {
        ulong sum = 0;
        for (var t = 0; t < _threads; t++) sum += Mix(_threadName[t], _hash[t]);
        return sum;
    }

    private int EventOf(long step) => step < _eventOfStep.Length ? _eventOfStep[step] : 0;

    private int Fold(int thread, ulong kind, Writer other)
    {
        var index = _events[thread]++;
        _hash[thread] = Mix(Mix(_hash[thread] ^ kind, other.Thread), (ulong)other.Event);
        return index;
    }

    private static void Grow<T>(ref T[] array, int index)
    {
        if (index >= array.Length) Array.Resize(ref array, Math.Max(index + 1, array.Length * 2));
    }

    /// <summary>A 64-bit mix of two words (the splitmix64 finalizer over their combination).</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var z = a * 0x9E3779B97F4A7C15UL + b + 0x632BE59BD9B4E019UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
