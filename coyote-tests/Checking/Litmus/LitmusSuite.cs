using Wireless.Memory;

namespace Wireless.Checking.Litmus;

/// <summary>
/// The litmus tests of the memory model, with the outcome sets C/C++11 allows (in the model's approximation: no load
/// buffering). Outcomes print registers r1.. then, where it matters, the final values.
/// </summary>
public static class LitmusSuite
{
    private const MemoryOrder Rlx = MemoryOrder.Relaxed, Acq = MemoryOrder.Acquire, Rel = MemoryOrder.Release, Sc = MemoryOrder.SeqCst;

    private static void St(ref long l, long v, MemoryOrder o) => Seam.CheckedMemory.Store(ref l, v, o, SpecAction.Idle);
    private static long Ld(ref long l, MemoryOrder o) => Seam.CheckedMemory.Load(ref l, o, SpecAction.Idle);
    private static void Fence(MemoryOrder o) => Seam.CheckedMemory.Fence(o, SpecAction.Idle);

    private static string R(LitmusTest.Locations l, int n) => string.Join(" ", Enumerable.Range(1, n).Select(i => $"r{i}={l.Registers[i]}"));

    /// <summary>Message passing: T1 writes data x then flag y; T2 reads y then x.</summary>
    public static LitmusTest MessagePassing(MemoryOrder store, MemoryOrder load, bool fences = false) => new(
        $"MP ({store}/{load}{(fences ? ", fences" : "")})",
        l => [
            () => { St(ref l.X, 1, Rlx); if (fences) Fence(Rel); St(ref l.Y, 1, store); },
            () => { l.Registers[1] = Ld(ref l.Y, load); if (fences) Fence(Acq); l.Registers[2] = Ld(ref l.X, Rlx); },
        ],
        (l, _) => R(l, 2));

    /// <summary>Store buffering: each thread writes its location, then reads the other's.</summary>
    public static LitmusTest StoreBuffering(MemoryOrder store, MemoryOrder load, bool scFences = false) => new(
        $"SB ({store}/{load}{(scFences ? ", seq_cst fences" : "")})",
        l => [
            () => { St(ref l.X, 1, store); if (scFences) Fence(Sc); l.Registers[1] = Ld(ref l.Y, load); },
            () => { St(ref l.Y, 1, store); if (scFences) Fence(Sc); l.Registers[2] = Ld(ref l.X, load); },
        ],
        (l, _) => R(l, 2));

    /// <summary>Load buffering: each thread reads the other's location, then writes its own.</summary>
    public static LitmusTest LoadBuffering(MemoryOrder store, MemoryOrder load) => new(
        $"LB ({store}/{load})",
        l => [
            () => { l.Registers[1] = Ld(ref l.X, load); St(ref l.Y, 1, store); },
            () => { l.Registers[2] = Ld(ref l.Y, load); St(ref l.X, 1, store); },
        ],
        (l, _) => R(l, 2));

    /// <summary>Independent reads of independent writes: do two readers agree on the order of two writes?</summary>
    public static LitmusTest Iriw(MemoryOrder store, MemoryOrder load) => new(
        $"IRIW ({store}/{load})",
        l => [
            () => St(ref l.X, 1, store),
            () => St(ref l.Y, 1, store),
            () => { l.Registers[1] = Ld(ref l.X, load); l.Registers[2] = Ld(ref l.Y, load); },
            () => { l.Registers[3] = Ld(ref l.Y, load); l.Registers[4] = Ld(ref l.X, load); },
        ],
        (l, _) => R(l, 4));

    /// <summary>2+2W: two threads each write both locations in opposite orders; the final values.</summary>
    public static LitmusTest TwoPlusTwoW(MemoryOrder order) => new(
        $"2+2W ({order})",
        l => [
            () => { St(ref l.X, 1, order); St(ref l.Y, 2, order); },
            () => { St(ref l.Y, 1, order); St(ref l.X, 2, order); },
        ],
        (_, f) => $"x={f[0]} y={f[1]}");

    /// <summary>CoRR: two reads of one location by one thread never go backwards.</summary>
    public static LitmusTest CoRR() => new(
        "CoRR",
        l => [
            () => St(ref l.X, 1, Rlx),
            () => { l.Registers[1] = Ld(ref l.X, Rlx); l.Registers[2] = Ld(ref l.X, Rlx); },
        ],
        (l, _) => R(l, 2));

    /// <summary>CoWR: a thread reads its own write or a later one.</summary>
    public static LitmusTest CoWR() => new(
        "CoWR",
        l => [
            () => { St(ref l.X, 1, Rlx); l.Registers[1] = Ld(ref l.X, Rlx); },
            () => St(ref l.X, 2, Rlx),
        ],
        (l, f) => $"{R(l, 1)} x={f[0]}");

    /// <summary>CoRW: a write after a read is ordered after the store the read read.</summary>
    public static LitmusTest CoRW() => new(
        "CoRW",
        l => [
            () => { l.Registers[1] = Ld(ref l.X, Rlx); St(ref l.X, 1, Rlx); },
            () => St(ref l.X, 2, Rlx),
        ],
        (l, f) => $"{R(l, 1)} x={f[0]}");

    /// <summary>CoWW: two writes of one thread are ordered; a reader never sees them backwards.</summary>
    public static LitmusTest CoWW() => new(
        "CoWW",
        l => [
            () => { St(ref l.X, 1, Rlx); St(ref l.X, 2, Rlx); },
            () => { l.Registers[1] = Ld(ref l.X, Rlx); l.Registers[2] = Ld(ref l.X, Rlx); },
        ],
        (l, f) => $"{R(l, 2)} x={f[0]}");

    /// <summary>Write-to-read causality: T2 reads T1's write then writes a flag; T3 reads the flag then T1's location.</summary>
    public static LitmusTest Wrc(MemoryOrder flagStore, MemoryOrder flagLoad) => new(
        $"WRC ({flagStore}/{flagLoad})",
        l => [
            () => St(ref l.X, 1, Rlx),
            () => { l.Registers[1] = Ld(ref l.X, Rlx); St(ref l.Y, 1, flagStore); },
            () => { l.Registers[2] = Ld(ref l.Y, flagLoad); l.Registers[3] = Ld(ref l.X, Rlx); },
        ],
        (l, _) => R(l, 3));

    /// <summary>ISA2: a chain of two message passes: T1 → T2 through y, T2 → T3 through z; T3 reads T1's x.</summary>
    public static LitmusTest Isa2(MemoryOrder store, MemoryOrder load) => new(
        $"ISA2 ({store}/{load})",
        l => [
            () => { St(ref l.X, 1, Rlx); St(ref l.Y, 1, store); },
            () => { l.Registers[1] = Ld(ref l.Y, load); St(ref l.Z, 1, store); },
            () => { l.Registers[2] = Ld(ref l.Z, load); l.Registers[3] = Ld(ref l.X, Rlx); },
        ],
        (l, _) => R(l, 3));

    /// <summary>
    /// The watermark walk's frontier, as issue 12 tried it (bug log, acqrel-frontier): x is <c>current_task_index</c>,
    /// y, z, w the completion flags of tasks 1, 2, 3. T1 is the orchestrator and, in its order, the completers of tasks 2
    /// and 3 (it publishes task 2, task 2 completes and its walk reads task 1's flag; it publishes task 3, task 3
    /// completes and reads task 1's flag). T2 completes task 1, probes the next flag (task 2's) and, on a 1, reads the
    /// frontier. The stall is r1 = r2 = 0, r3 = 1, r4 = 1: both newer walks stopped at task 1, and task 1's walk, past
    /// task 2, finds the frontier below task 3, which completed. RC11 allows it with a release/acquire frontier and
    /// forbids it with a seq_cst one (herd7, rc11.cat).
    /// </summary>
    public static LitmusTest FrontierProbe(MemoryOrder store, MemoryOrder load) => new(
        $"frontier probe ({store}/{load})",
        l => [
            () =>
            {
                St(ref l.X, 1, store); St(ref l.Z, 1, Sc); l.Registers[1] = Ld(ref l.Y, Sc);
                St(ref l.X, 2, store); St(ref l.W, 1, Sc); l.Registers[2] = Ld(ref l.Y, Sc);
            },
            () => { St(ref l.Y, 1, Sc); l.Registers[3] = Ld(ref l.Z, Sc); l.Registers[4] = Ld(ref l.X, load); },
        ],
        (l, _) => R(l, 4));
}
