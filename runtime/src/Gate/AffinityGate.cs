using System.Numerics;
using System.Runtime.InteropServices;
using Wireless.Memory;

namespace Wireless.Gate;

/// <summary>
/// The CPU-mask affinity gate (seed §8, PR #1046): CANN launches more AICPU threads than the runtime wants; each
/// passes this gate once, and exactly <c>wanted</c> of them survive with distinct exec indices, the ones on the
/// highest CPU ids (the same AICPU cluster). Exec index = rank from the highest CPU: schedulers are 0 .. wanted−2,
/// the orchestrator is the last, wanted−1.
/// </summary>
/// <remarks>
/// Design: each thread sets its CPU's bit in a 64-bit mask (fetch_or), takes a ticket among threads on the same CPU
/// (fetch_add on a per-CPU count) and arrives (fetch_add). It waits until all launched threads arrived, then ranks
/// itself: the threads on CPUs above its own (the mask's higher bits name them, the counts say how many) plus its
/// ticket. The last thread to depart resets the gate for the next launch.
///
/// The seed gate differs in three ways, each a variant the checks catch: a 16-bit mask (<c>narrow-cpu-mask</c>:
/// CPU ids ≥ 16 are lost and the barrier never opens); a barrier on the mask's popcount, which counts distinct CPUs
/// and never reaches the number of launched threads when two share a CPU (<c>popcount-barrier</c>); no reset
/// (<c>gate-no-reset</c>). All state is reached through the seam; the rank reads need no ordering of their own
/// because every count is written by an RMW before its thread's arrival RMW, and arrivals form a release sequence
/// that the waiting acquire load synchronizes with.
/// </remarks>
public sealed class AffinityGate<TMem> where TMem : struct, ISharedMemory
{
    private readonly long[] _mask = GC.AllocateArray<long>(1, pinned: true);
    private readonly int[] _perCpu = GC.AllocateArray<int>(AffinityGateLimits.CpuIds, pinned: true);
    private readonly int[] _arrivals = GC.AllocateArray<int>(2, pinned: true); // [0] arrived, [1] departed
    private readonly Bug _bugs;

    public AffinityGate(Bug bugs = Bug.None) => _bugs = TMem.AllowsBugs ? bugs : Bug.None;

    private bool Has(Bug bug) => TMem.AllowsBugs && (_bugs & bug) != 0;

    /// <summary>Registers the gate's shared arrays for checker traces.</summary>
    public void Register(MemoryMap map)
    {
        map.Add("gate.cpu_mask", _mask);
        map.Add("gate.per_cpu", _perCpu);
        map.Add("gate.arrived_departed", _arrivals);
    }

    /// <summary>Passes the gate as one of <paramref name="launched"/> threads, keeping <paramref name="wanted"/>.</summary>
    /// <param name="abort">Polled while waiting; the wait gives up (the thread leaves) once it returns true.</param>
    public GatePass Pass(int cpu, int launched, int wanted, Func<bool>? abort = null)
    {
        if (cpu is < 0 or >= AffinityGateLimits.CpuIds)
            throw new ArgumentOutOfRangeException(nameof(cpu), $"CPU id {cpu} is out of range: the gate's mask has {AffinityGateLimits.CpuIds} bits (CPU ids 0..{AffinityGateLimits.CpuIds - 1})");
        if (Has(Bug.NarrowCpuMask) || Has(Bug.PopcountBarrier)) return SeedPass(cpu, launched, wanted, abort);

        ref var mask = ref _mask[0];
        ref var arrived = ref _arrivals[0];
        TMem.FetchOr(ref mask, 1L << cpu, MemoryOrder.AcqRel, SpecAction.Gate);
        var ticket = TMem.FetchAdd(ref _perCpu[cpu], 1, MemoryOrder.AcqRel, SpecAction.Gate);
        // AcqRel: our mask bit and ticket are published to every thread that acquires the final arrival count
        // (the arrival RMWs form a release sequence).
        TMem.FetchAdd(ref arrived, 1, MemoryOrder.AcqRel, SpecAction.Gate);
        var spins = 0;
        // Acquire: pairs with every arrival; once all are in, every bit and count is visible.
        while (TMem.Load(ref arrived, MemoryOrder.Acquire, SpecAction.Gate) < launched)
        {
            if (abort?.Invoke() == true)
            {
                // Giving up still departs, so the gate is reset once every launched thread has left.
                Depart(launched);
                return GatePass.Leave;
            }
            TMem.SpinHint(++spins, SpecAction.Gate);
        }

        var higher = (ulong)TMem.Load(ref mask, MemoryOrder.Relaxed, SpecAction.Gate) >> cpu >> 1;
        var rank = ticket;
        while (higher != 0)
        {
            var c = cpu + 1 + BitOperations.TrailingZeroCount(higher);
            rank += TMem.Load(ref _perCpu[c], MemoryOrder.Relaxed, SpecAction.Gate);
            higher &= higher - 1;
        }
        var pass = rank < wanted ? new GatePass(true, rank) : GatePass.Leave;
        Depart(launched);
        return pass;
    }

    /// <summary>The last of the launched threads to depart resets the gate for the next launch.</summary>
    private void Depart(int launched)
    {
        ref var departed = ref _arrivals[1];
        // AcqRel: the last to depart sees every other thread's reads done before it resets the gate.
        if (TMem.FetchAdd(ref departed, 1, MemoryOrder.AcqRel, SpecAction.Gate) != launched - 1 || Has(Bug.GateNoReset)) return;
        // Only CPUs whose bit is set took a ticket; every bit is visible (the departures form a release sequence
        // after each thread's fetch_or).
        var used = (ulong)TMem.Load(ref _mask[0], MemoryOrder.Relaxed, SpecAction.Gate);
        TMem.Store(ref _mask[0], 0, MemoryOrder.Relaxed, SpecAction.Gate);
        for (; used != 0; used &= used - 1)
            TMem.Store(ref _perCpu[BitOperations.TrailingZeroCount(used)], 0, MemoryOrder.Relaxed, SpecAction.Gate);
        TMem.Store(ref departed, 0, MemoryOrder.Relaxed, SpecAction.Gate);
        // Release: the next launch's arrivals (which happen after this launch's threads were joined) see a clean gate.
        TMem.Store(ref _arrivals[0], 0, MemoryOrder.Release, SpecAction.Gate);
    }

    /// <summary>
    /// The seed's gate: <c>fetch_or(1 &lt;&lt; cpu)</c> on a 16-bit (<c>narrow-cpu-mask</c>) or 64-bit
    /// (<c>popcount-barrier</c>) mask, spin until the mask's popcount reaches the launched count, survive iff
    /// <c>popcount(mask &gt;&gt; cpu) &lt;= wanted</c>. Never reset.
    /// </summary>
    private GatePass SeedPass(int cpu, int launched, int wanted, Func<bool>? abort)
    {
        ref var mask = ref _mask[0];
        var narrow = Has(Bug.NarrowCpuMask);
        // uint16_t: 1 << cpu is truncated to 16 bits (and the shift wraps at 32, like the UB on the device).
        var bit = narrow ? (long)(ushort)(1 << cpu) : 1L << cpu;
        TMem.FetchOr(ref mask, bit, MemoryOrder.Relaxed, SpecAction.Gate);
        var spins = 0;
        long seen;
        while (BitOperations.PopCount((ulong)(seen = TMem.Load(ref mask, MemoryOrder.Relaxed, SpecAction.Gate))) < launched)
        {
            if (abort?.Invoke() == true) return GatePass.Leave;
            TMem.SpinHint(++spins, SpecAction.Gate);
        }
        var above = BitOperations.PopCount((ulong)seen >> cpu);
        return above <= wanted ? new GatePass(true, above - 1) : GatePass.Leave;
    }
}
