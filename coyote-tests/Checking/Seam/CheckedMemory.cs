using System.Runtime.CompilerServices;
using Microsoft.Coyote.Runtime;
using Wireless.Checking.MemoryModel;
using Wireless.Memory;

namespace Wireless.Checking.Seam;

/// <summary>
/// The checker's instantiation of the runtime's shared-memory seam: a Coyote scheduling point before every ordered
/// (atomic) access, so Coyote's controlled scheduler decides every interleaving of them. With the memory model on
/// (<see cref="WeakMemory"/>), a load returns whichever store the model lets it read (a recorded, replayed choice),
/// stores take their place in the location's modification order, release/acquire create happens-before, and plain
/// accesses are checked for data races; with it off, every access is sequentially consistent. Every access and every
/// protocol event is reported to the iteration's <see cref="CheckRun"/> (trace, monitors).
/// </summary>
/// <remarks>
/// Plain (<see cref="MemoryOrder.NonAtomic"/>) accesses get no scheduling point: between two atomic accesses a
/// thread's plain accesses touch data no other thread may touch concurrently in a data-race-free program, so
/// interleaving them adds no behaviours (the DRF-SC reduction); the race detector checks that premise. With
/// <see cref="CheckRun.PlainPoints"/> (the bounded strategy's default) they get one too, so that a thread can be
/// delayed right after a hand-off and before its next plain access to the slot it handed on.
/// At a spin hint the thread's view catches up with the newest stores, and the idle-poll reduction (<see cref="IdleWaits"/>)
/// blocks it if its idle iterations only re-read unchanged values; otherwise it yields.
/// </remarks>
public struct CheckedMemory : ISharedMemory
{
    public static bool IsChecked => true;
    public static bool AllowsBugs => true;

    public static byte Load(ref byte location, MemoryOrder order, SpecAction action) => (byte)CheckedAccess.Load(ref location, order, action);
    public static void Store(ref byte location, byte value, MemoryOrder order, SpecAction action) => CheckedAccess.Store(ref location, value, order, action);
    public static int Load(ref int location, MemoryOrder order, SpecAction action) => (int)CheckedAccess.Load(ref location, order, action);
    public static void Store(ref int location, int value, MemoryOrder order, SpecAction action) => CheckedAccess.Store(ref location, value, order, action);
    public static long Load(ref long location, MemoryOrder order, SpecAction action) => CheckedAccess.Load(ref location, order, action);
    public static void Store(ref long location, long value, MemoryOrder order, SpecAction action) => CheckedAccess.Store(ref location, value, order, action);

    public static int CompareExchange(ref int location, int value, int comparand, MemoryOrder order, SpecAction action)
        => (int)CheckedAccess.CompareExchange(ref location, value, comparand, order, action);

    public static long CompareExchange(ref long location, long value, long comparand, MemoryOrder order, SpecAction action)
        => CheckedAccess.CompareExchange(ref location, value, comparand, order, action);

    public static int Exchange(ref int location, int value, MemoryOrder order, SpecAction action)
        => (int)CheckedAccess.ReadModifyWrite(ref location, order, action, Rmw.Exchange, value);

    public static int FetchAdd(ref int location, int value, MemoryOrder order, SpecAction action)
        => (int)CheckedAccess.ReadModifyWrite(ref location, order, action, Rmw.Add, value);

    public static long FetchOr(ref long location, long value, MemoryOrder order, SpecAction action)
        => CheckedAccess.ReadModifyWrite(ref location, order, action, Rmw.Or, value);

    public static long FetchAdd(ref long location, long value, MemoryOrder order, SpecAction action)
        => CheckedAccess.ReadModifyWrite(ref location, order, action, Rmw.Add, value);

    public static void Fence(MemoryOrder order, SpecAction action) => CheckedAccess.Fence(order, action);

    public static void AccessBuffer<T>(ref T start, int count, bool write, SpecAction action) where T : unmanaged
        => CheckedAccess.Plain(ref start, count, write, action);

    public static void SpinHint(int idleIterations, SpecAction action) => CheckRun.Spin();

    public static long NowNanoseconds() => CheckRun.LogicalTime;

    public static IRuntimeThread StartThread(string name, Action body) => CheckedThread.Start(name, body);

    public static void Observe(SpecEvent evt, int id, long value) => CheckRun.Observe(evt, id, value);
}

/// <summary>The read-modify-writes of the seam other than compare-and-swap.</summary>
internal enum Rmw
{
    Exchange,
    Add,
    Or,
}

/// <summary>
/// The body of every checked access, generic over the location's width (1, 4 or 8 bytes). Nothing is allocated per
/// access: the text of a trace step is built only while a trace is being recorded.
/// </summary>
internal static class CheckedAccess
{
    public static unsafe long Load<T>(ref T location, MemoryOrder order, SpecAction action) where T : unmanaged
    {
        var run = CheckRun.CurrentOrNull;
        if (run is null) return Read(ref location);
        var address = (nint)Unsafe.AsPointer(ref location);
        order = Weaken(run, action, AccessClass.Load, address, order);
        if (order != MemoryOrder.NonAtomic || run.PlainPoints) run.Interleave();
        var step = run.NextStep();
        var memory = Read(ref location);
        var value = memory;
        var t = CheckedThread.Current;
        var newest = true;
        var from = default(Message);
        if (run.Model is { } model)
        {
            var atomic = order != MemoryOrder.NonAtomic;
            if (atomic)
            {
                (from, newest) = model.Load(t, address, memory, order);
                value = from.Value;
            }
            CheckRun.ReportRace(model.Races.Access(t, address, sizeof(T), write: false, atomic, action, step));
        }
        run.Idle.OnRead(t.Id, address, newest);
        run.Hash?.OnRead(t.Id, address, run.Model is null || order == MemoryOrder.NonAtomic ? null : from.Thread, from.Step);
        if (run.Recording)
            run.Record(step, action, $"load {Name(order)}", address, newest ? $"read {value}" : $"read {value} from the {run.Origin(from)} (newest is {memory})",
                read: true, from: run.Model is not null && order != MemoryOrder.NonAtomic ? from : null);
        return value;
    }

    public static unsafe void Store<T>(ref T location, long value, MemoryOrder order, SpecAction action) where T : unmanaged
    {
        var run = CheckRun.CurrentOrNull;
        if (run is null)
        {
            Write(ref location, value);
            return;
        }
        var address = (nint)Unsafe.AsPointer(ref location);
        order = Weaken(run, action, AccessClass.Store, address, order);
        if (order != MemoryOrder.NonAtomic || run.PlainPoints) run.Interleave();
        var step = run.NextStep();
        var t = CheckedThread.Current;
        var newest = true;
        if (run.Model is { } model)
        {
            var atomic = order != MemoryOrder.NonAtomic;
            if (atomic) newest = model.Store(t, address, Read(ref location), value, order);
            CheckRun.ReportRace(model.Races.Access(t, address, sizeof(T), write: true, atomic, action, step));
        }
        if (newest) Write(ref location, value);
        run.Idle.OnWrite(t.Id, address);
        run.Hash?.OnWrite(t.Id, address, step, newest);
        if (run.Recording)
            run.Record(step, action, $"store {Name(order)}", address, newest ? $"wrote {value}" : $"wrote {value}, placed before the newest store in modification order",
                storedNewest: newest);
    }

    public static unsafe long ReadModifyWrite<T>(ref T location, MemoryOrder order, SpecAction action, Rmw rmw, long operand) where T : unmanaged
    {
        var run = CheckRun.CurrentOrNull;
        if (run is null)
        {
            var current = Read(ref location);
            Write(ref location, Apply(rmw, current, operand, sizeof(T)));
            return current;
        }
        var address = (nint)Unsafe.AsPointer(ref location);
        order = Weaken(run, action, AccessClass.ReadModifyWrite, address, order);
        run.Interleave();
        var step = run.NextStep();
        // Read after the scheduling point: another thread may have written meanwhile.
        var memory = Read(ref location);
        var old = memory;
        var newest = true;
        var from = default(Message);
        var t = CheckedThread.Current;
        var written = Apply(rmw, old, operand, sizeof(T));
        if (run.Model is { } model)
        {
            // The model may let it read a store older than the newest one no other read-modify-write has read; its
            // store then goes right after that one, before the newer ones.
            (from, newest) = model.ReadForUpdate(t, address, memory, order);
            old = from.Value;
            written = Apply(rmw, old, operand, sizeof(T));
            model.Update(t, written);
            CheckRun.ReportRace(model.Races.Access(t, address, sizeof(T), write: true, atomic: true, action, step));
        }
        if (newest) Write(ref location, written);
        run.Idle.OnWrite(t.Id, address);
        run.Hash?.OnRead(t.Id, address, newest ? null : from.Thread, from.Step);
        run.Hash?.OnWrite(t.Id, address, step, newest);
        if (run.Recording)
        {
            run.Record(step, action, $"{Name(rmw)} {Name(order)}", address, newest ? $"read {old}, wrote {written}"
                : $"read {old} from the {run.Origin(from)}, wrote {written} right after it, before the newest store (newest is {memory})",
                read: true, from: run.Model is not null ? from : null, storedNewest: newest);
        }
        return old;
    }

    public static unsafe long CompareExchange<T>(ref T location, long value, long comparand, MemoryOrder order, SpecAction action) where T : unmanaged
    {
        var run = CheckRun.CurrentOrNull;
        if (run is null)
        {
            var current = Read(ref location);
            if (current == comparand) Write(ref location, value);
            return current;
        }
        var address = (nint)Unsafe.AsPointer(ref location);
        order = Weaken(run, action, AccessClass.ReadModifyWrite, address, order);
        run.Interleave();
        var step = run.NextStep();
        var memory = Read(ref location);
        var observed = memory;
        var swapped = memory == comparand;
        var newest = true;
        var from = default(Message);
        var t = CheckedThread.Current;
        if (run.Model is { } model)
        {
            (from, swapped, newest) = model.CompareExchange(t, address, memory, comparand, value, order);
            observed = from.Value;
            CheckRun.ReportRace(model.Races.Access(t, address, sizeof(T), write: swapped, atomic: true, action, step));
        }
        if (swapped)
        {
            // A swap on a message older than the newest places its store before the newer ones: memory keeps the newest.
            if (newest) Write(ref location, value);
            run.Idle.OnWrite(t.Id, address);
            run.Hash?.OnRead(t.Id, address, newest ? null : from.Thread, from.Step);
            run.Hash?.OnWrite(t.Id, address, step, newest);
        }
        else
        {
            run.Idle.OnRead(t.Id, address, newest);
            run.Hash?.OnRead(t.Id, address, run.Model is null ? null : from.Thread, from.Step);
        }
        if (run.Recording)
        {
            run.Record(step, action, $"cas {Name(order)}", address, swapped ? newest ? $"CAS ok, wrote {value}"
                    : $"CAS ok on the {run.Origin(from)}, wrote {value} right after it, before the newest store (newest is {memory})"
                : newest ? $"CAS failed, read {observed}" : $"CAS failed, read {observed} from the {run.Origin(from)} (newest is {memory})",
                read: true, from: run.Model is not null ? from : null, storedNewest: swapped && newest);
        }
        return observed;
    }

    public static void Fence(MemoryOrder order, SpecAction action)
    {
        var run = CheckRun.CurrentOrNull;
        if (run is null) return;
        run.Interleave();
        run.NextStep();
        var t = CheckedThread.Current;
        run.Model?.Fence(t, order);
        run.Idle.OnBusy(t.Id, "issued a fence");
        run.Hash?.OnOther(t.Id, (ulong)order);
    }

    public static unsafe void Plain<T>(ref T start, int count, bool write, SpecAction action) where T : unmanaged
    {
        var run = CheckRun.CurrentOrNull;
        if (run is null || count <= 0) return;
        if (run.PlainPoints) run.Interleave();
        var t = CheckedThread.Current;
        run.Idle.OnBusy(t.Id, "accessed a buffer");
        var address = (nint)Unsafe.AsPointer(ref start);
        if (write) run.Hash?.OnWrite(t.Id, address, -1, newest: true);
        else run.Hash?.OnRead(t.Id, address, null, 0);
        if (run.Model is not { } model) return;
        CheckRun.ReportRace(model.Races.Access(t, address, count * sizeof(T), write, atomic: false, action, run.StepCount));
    }

    private static MemoryOrder Weaken(CheckRun run, SpecAction action, AccessClass access, nint address, MemoryOrder order)
    {
        if (run.Weakening is not { } variant || order == MemoryOrder.NonAtomic) return order;
        var weakened = variant.Apply(action, access, address, run.Describe, order);
        if (weakened != order) run.Weakened++;
        return weakened;
    }

    private static long Apply(Rmw rmw, long old, long operand, int bytes)
    {
        var result = rmw switch
        {
            Rmw.Exchange => operand,
            Rmw.Add => unchecked(old + operand),
            _ => old | operand,
        };
        // An int location wraps as an int (fetch_add past int.MaxValue).
        return bytes == 4 ? unchecked((int)result) : result;
    }

    private static unsafe long Read<T>(ref T location) where T : unmanaged => sizeof(T) switch
    {
        1 => Unsafe.As<T, byte>(ref location),
        4 => Unsafe.As<T, int>(ref location),
        _ => Unsafe.As<T, long>(ref location),
    };

    private static unsafe void Write<T>(ref T location, long value) where T : unmanaged
    {
        switch (sizeof(T))
        {
            case 1: Unsafe.As<T, byte>(ref location) = (byte)value; break;
            case 4: Unsafe.As<T, int>(ref location) = unchecked((int)value); break;
            default: Unsafe.As<T, long>(ref location) = value; break;
        }
    }

    private static string Name(Rmw rmw) => rmw switch
    {
        Rmw.Exchange => "exchange",
        Rmw.Add => "fetch_add",
        _ => "fetch_or",
    };

    private static string Name(MemoryOrder order) => order switch
    {
        MemoryOrder.NonAtomic => "plain",
        MemoryOrder.Relaxed => "relaxed",
        MemoryOrder.Acquire => "acquire",
        MemoryOrder.Release => "release",
        MemoryOrder.AcqRel => "acq_rel",
        _ => "seq_cst",
    };
}
