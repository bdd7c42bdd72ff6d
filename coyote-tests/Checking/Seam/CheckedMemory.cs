using Microsoft.Coyote.Runtime;
using Wireless.Memory;

namespace Wireless.Checking.Seam;

/// <summary>
/// The checker's instantiation of the runtime's shared-memory seam: a Coyote scheduling point before every ordered
/// (atomic) access, so Coyote's controlled scheduler decides every interleaving of them; the access itself is then
/// performed directly, since only one controlled operation runs at a time (sequentially consistent). Every access,
/// and every protocol event, is reported to the iteration's <see cref="CheckRun"/>, which records the trace and
/// drives the specification monitors.
/// </summary>
/// <remarks>
/// Plain (<see cref="MemoryOrder.NonAtomic"/>) accesses get no scheduling point: between two atomic accesses a
/// thread's plain accesses touch data that no other thread may touch concurrently in a data-race-free program, so
/// interleaving them adds no behaviours (the DRF-SC reduction). Whether the program is data-race free is a separate
/// check (issue #4's memory model); here, a race would only show up through its effect on the outputs.
/// Spinning threads yield (<see cref="SchedulingPoint.Yield"/>), which fair strategies use to deprioritize them.
/// </remarks>
public struct CheckedMemory : ISharedMemory
{
    public static bool IsChecked => true;
    public static bool AllowsBugs => true;

    public static byte Load(ref byte location, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        CheckRun.Access(action, AccessKind.Load, order, ref location, v);
        return v;
    }

    public static void Store(ref byte location, byte value, MemoryOrder order, SpecAction action)
    {
        Point(order);
        location = value;
        CheckRun.Access(action, AccessKind.Store, order, ref location, value);
    }

    public static int Load(ref int location, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        CheckRun.Access(action, AccessKind.Load, order, ref location, v);
        return v;
    }

    public static void Store(ref int location, int value, MemoryOrder order, SpecAction action)
    {
        Point(order);
        location = value;
        CheckRun.Access(action, AccessKind.Store, order, ref location, value);
    }

    public static int CompareExchange(ref int location, int value, int comparand, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        if (v == comparand) location = value;
        CheckRun.Access(action, v == comparand ? AccessKind.CasSuccess : AccessKind.CasFailure, order, ref location, v == comparand ? value : v);
        return v;
    }

    public static int Exchange(ref int location, int value, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        location = value;
        CheckRun.Access(action, AccessKind.Exchange, order, ref location, value, v);
        return v;
    }

    public static int FetchAdd(ref int location, int value, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        location = unchecked(v + value);
        CheckRun.Access(action, AccessKind.FetchAdd, order, ref location, location, v);
        return v;
    }

    public static long Load(ref long location, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        CheckRun.Access(action, AccessKind.Load, order, ref location, v);
        return v;
    }

    public static void Store(ref long location, long value, MemoryOrder order, SpecAction action)
    {
        Point(order);
        location = value;
        CheckRun.Access(action, AccessKind.Store, order, ref location, value);
    }

    public static long CompareExchange(ref long location, long value, long comparand, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        if (v == comparand) location = value;
        CheckRun.Access(action, v == comparand ? AccessKind.CasSuccess : AccessKind.CasFailure, order, ref location, v == comparand ? value : v);
        return v;
    }

    public static long FetchOr(ref long location, long value, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        location = v | value;
        CheckRun.Access(action, AccessKind.FetchOr, order, ref location, location, v);
        return v;
    }

    public static long FetchAdd(ref long location, long value, MemoryOrder order, SpecAction action)
    {
        Point(order);
        var v = location;
        location = unchecked(v + value);
        CheckRun.Access(action, AccessKind.FetchAdd, order, ref location, location, v);
        return v;
    }

    public static void Fence(MemoryOrder order, SpecAction action) => SchedulingPoint.Interleave();

    public static void AccessBuffer(ref int start, int count, bool write, SpecAction action) { }

    public static void SpinHint(int idleIterations, SpecAction action)
    {
        CheckRun.Spin();
        SchedulingPoint.Yield();
    }

    public static long NowNanoseconds() => CheckRun.LogicalTime;

    public static IRuntimeThread StartThread(string name, Action body) => CheckedThread.Start(name, body);

    public static void Observe(SpecEvent evt, int id, long value) => CheckRun.Observe(evt, id, value);

    private static void Point(MemoryOrder order)
    {
        if (order != MemoryOrder.NonAtomic) SchedulingPoint.Interleave();
    }
}
