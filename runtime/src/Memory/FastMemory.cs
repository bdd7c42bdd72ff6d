using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Wireless.Memory;

/// <summary>
/// The production instantiation of the seam: every member inlines to a <see cref="Volatile"/> or
/// <see cref="Interlocked"/> call or to nothing.
/// </summary>
/// <remarks>
/// Mapping (.NET memory model; see seed-design §7.5):
/// <list type="bullet">
/// <item>NonAtomic: a plain access.</item>
/// <item>Relaxed, Acquire and SeqCst loads: <see cref="Volatile.Read(ref int)"/>. A relaxed load is a volatile read
/// too, so that the JIT cannot hoist it out of a polling loop; on x64 it is a plain <c>mov</c>.</item>
/// <item>Relaxed and Release stores: <see cref="Volatile.Write(ref int, int)"/>. SeqCst stores:
/// <see cref="Interlocked.Exchange(ref int, int)"/> (a full fence, as C++ compilers emit <c>xchg</c>).</item>
/// <item>Every read-modify-write: <see cref="Interlocked"/>, a full fence, at least as strong as any ordering.</item>
/// </list>
/// </remarks>
public struct FastMemory : ISharedMemory
{
    public static bool IsChecked => false;
    public static bool AllowsBugs => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Load(ref byte location, MemoryOrder order, SpecAction action)
        => order == MemoryOrder.NonAtomic ? location : Volatile.Read(ref location);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref byte location, byte value, MemoryOrder order, SpecAction action)
    {
        if (order == MemoryOrder.NonAtomic) location = value;
        else if (order == MemoryOrder.SeqCst) { Volatile.Write(ref location, value); Interlocked.MemoryBarrier(); }
        else Volatile.Write(ref location, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Load(ref int location, MemoryOrder order, SpecAction action)
        => order == MemoryOrder.NonAtomic ? location : Volatile.Read(ref location);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref int location, int value, MemoryOrder order, SpecAction action)
    {
        if (order == MemoryOrder.NonAtomic) location = value;
        else if (order == MemoryOrder.SeqCst) Interlocked.Exchange(ref location, value);
        else Volatile.Write(ref location, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CompareExchange(ref int location, int value, int comparand, MemoryOrder order, SpecAction action)
        => Interlocked.CompareExchange(ref location, value, comparand);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Exchange(ref int location, int value, MemoryOrder order, SpecAction action)
        => Interlocked.Exchange(ref location, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FetchAdd(ref int location, int value, MemoryOrder order, SpecAction action)
        => Interlocked.Add(ref location, value) - value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Load(ref long location, MemoryOrder order, SpecAction action)
        => order == MemoryOrder.NonAtomic ? location : Volatile.Read(ref location);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ref long location, long value, MemoryOrder order, SpecAction action)
    {
        if (order == MemoryOrder.NonAtomic) location = value;
        else if (order == MemoryOrder.SeqCst) Interlocked.Exchange(ref location, value);
        else Volatile.Write(ref location, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long CompareExchange(ref long location, long value, long comparand, MemoryOrder order, SpecAction action)
        => Interlocked.CompareExchange(ref location, value, comparand);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FetchOr(ref long location, long value, MemoryOrder order, SpecAction action)
        => Interlocked.Or(ref location, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long FetchAdd(ref long location, long value, MemoryOrder order, SpecAction action)
        => Interlocked.Add(ref location, value) - value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fence(MemoryOrder order, SpecAction action) => Interlocked.MemoryBarrier();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AccessBuffer<T>(ref T start, int count, bool write, SpecAction action) where T : unmanaged { }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SpinHint(int idleIterations, SpecAction action)
    {
        // Spin briefly, then give the core away now and then: threads beyond the core count starve each other.
        if ((idleIterations & 63) == 63) Thread.Yield();
        // A loop idle for want of new work (action Idle: a scheduler without busy cores, an idle threaded core) backs off
        // (SpinWait(8) is about 0.3 us here, 64 about 2.4 us): each of its polls reads lines other threads write for
        // every task (the wiring queue's head, flags, ready-queue cells), and every read makes the writer's next write
        // to them wait for the line. Waits for a lock, a slot or one's own cores stay short.
        else Thread.SpinWait(action == SpecAction.Idle ? IdleSpin(idleIterations) : 8);
    }

    /// <summary>Pause iterations of an idle loop's <paramref name="idleIterations"/>-th consecutive idle iteration.</summary>
    private static int IdleSpin(int idleIterations) => idleIterations < 8 ? 8 : idleIterations < 32 ? 32 : 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long NowNanoseconds()
        => (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    public static IRuntimeThread StartThread(string name, Action body) => AicpuThreads.Start(body);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Observe(SpecEvent evt, int id, long value) { }
}

/// <summary>
/// <see cref="FastMemory"/> with seeded-bug variants enabled: the same mapping, used by property tests that run
/// variants on real threads. Production code never instantiates the runtime with it.
/// </summary>
public struct FastMemoryWithBugs : ISharedMemory
{
    public static bool IsChecked => false;
    public static bool AllowsBugs => true;
    public static byte Load(ref byte l, MemoryOrder o, SpecAction a) => FastMemory.Load(ref l, o, a);
    public static void Store(ref byte l, byte v, MemoryOrder o, SpecAction a) => FastMemory.Store(ref l, v, o, a);
    public static int Load(ref int l, MemoryOrder o, SpecAction a) => FastMemory.Load(ref l, o, a);
    public static void Store(ref int l, int v, MemoryOrder o, SpecAction a) => FastMemory.Store(ref l, v, o, a);
    public static int CompareExchange(ref int l, int v, int c, MemoryOrder o, SpecAction a) => FastMemory.CompareExchange(ref l, v, c, o, a);
    public static int Exchange(ref int l, int v, MemoryOrder o, SpecAction a) => FastMemory.Exchange(ref l, v, o, a);
    public static int FetchAdd(ref int l, int v, MemoryOrder o, SpecAction a) => FastMemory.FetchAdd(ref l, v, o, a);
    public static long Load(ref long l, MemoryOrder o, SpecAction a) => FastMemory.Load(ref l, o, a);
    public static void Store(ref long l, long v, MemoryOrder o, SpecAction a) => FastMemory.Store(ref l, v, o, a);
    public static long CompareExchange(ref long l, long v, long c, MemoryOrder o, SpecAction a) => FastMemory.CompareExchange(ref l, v, c, o, a);
    public static long FetchOr(ref long l, long v, MemoryOrder o, SpecAction a) => FastMemory.FetchOr(ref l, v, o, a);
    public static long FetchAdd(ref long l, long v, MemoryOrder o, SpecAction a) => FastMemory.FetchAdd(ref l, v, o, a);
    public static void Fence(MemoryOrder o, SpecAction a) => FastMemory.Fence(o, a);
    public static void AccessBuffer<T>(ref T s, int c, bool w, SpecAction a) where T : unmanaged { }
    public static void SpinHint(int i, SpecAction a) => FastMemory.SpinHint(i, a);
    public static long NowNanoseconds() => FastMemory.NowNanoseconds();
    public static IRuntimeThread StartThread(string name, Action body) => AicpuThreads.Start(body);
    public static void Observe(SpecEvent evt, int id, long value) { }
}

/// <summary>A background OS thread.</summary>
