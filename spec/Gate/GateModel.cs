using System.Numerics;
using System.Text;
using Wireless.Spec.Checking;
using Wireless.Spec.Model;

namespace Wireless.Spec.Gate;

/// <summary>
/// The CPU-mask affinity gate (spec/SPEC.md §2, Gate; runtime: <c>AffinityGate</c>) as a transition system: every
/// launched thread sets its CPU's bit, takes a ticket on its CPU, arrives, waits for every arrival, ranks itself
/// (threads on higher CPUs plus its ticket), survives if its rank is below <c>wanted</c>, and departs; the last to
/// depart resets the gate. The same threads then pass it a second time. Seeded bugs: the seed's popcount barrier on a
/// 16-bit mask (narrow-cpu-mask) or a 64-bit one (popcount-barrier), and no reset (gate-no-reset).
/// </summary>
/// <remarks>
/// Design: one step per atomic access of the runtime's gate; waiting is blocking (no step until the condition holds),
/// so a thread stuck at the barrier is a deadlock (G1). When the last thread of a launch decides, its step checks G2
/// (exactly <c>wanted</c> survive, exec indices 0..wanted−1) and G3 (they are on the highest CPUs); the second
/// launch's checks are G4. The per-CPU counts are kept for the configured CPU ids only (the others stay 0).
/// </remarks>
public sealed class GateModel : ITransitionSystem
{
    private const int NotDecided = 0xFF;

    private readonly GateConfig _config;
    private readonly int _launched;
    private readonly int[] _distinct;
    private readonly int[] _cpuIndex;
    private readonly State _cur;
    private readonly State _next;
    private readonly State _probe;
    private readonly byte[] _buffer;
    private ISuccessorSink? _sink;

    public GateModel(GateConfig config)
    {
        if (config.Variant is not (ModelVariant.None or ModelVariant.NarrowCpuMask or ModelVariant.PopcountBarrier or ModelVariant.GateNoReset))
            throw new ArgumentException($"variant {config.Variant} is a variant of the protocol model, not of the gate");
        if (config.Cpus.Count is < 1 or > 8 || config.Cpus.Any(c => c is < 0 or > 63))
            throw new ArgumentException("the gate model takes 1 to 8 threads on CPU ids 0..63");
        if (config.Wanted < 1 || config.Wanted > config.Cpus.Count)
            throw new ArgumentException($"wanted must be 1..{config.Cpus.Count}");
        _config = config;
        _launched = config.Cpus.Count;
        _distinct = [.. config.Cpus.Distinct().Order()];
        _cpuIndex = new int[64];
        Array.Fill(_cpuIndex, -1);
        for (var i = 0; i < _distinct.Length; i++) _cpuIndex[_distinct[i]] = i;
        _cur = new State(_launched, _distinct.Length);
        _next = new State(_launched, _distinct.Length);
        _probe = new State(_launched, _distinct.Length);
        _buffer = new byte[_cur.Size];
    }

    public string Name => _config.Name;

    public int StateSize => _cur.Size;

    public IReadOnlyList<Property> Properties { get; } = [Property.G1, Property.G2, Property.G3, Property.G4];

    public Property Liveness => Property.G1;

    private bool Seed => _config.Variant is ModelVariant.NarrowCpuMask or ModelVariant.PopcountBarrier;

    public void Initial(Span<byte> state)
    {
        _next.Clear();
        for (var t = 0; t < _launched; t++) _next.Threads[t].Pc = Seed ? GatePc.SeedOr : GatePc.Or;
        for (var l = 0; l < 2; l++)
            for (var t = 0; t < _launched; t++) _next.Results[l, t] = NotDecided;
        _next.Encode(state);
    }

    public void Expand(ReadOnlySpan<byte> state, ISuccessorSink sink)
    {
        _cur.Decode(state);
        _sink = sink;
        for (var t = 0; t < _launched; t++) ExpandThread(t);
        _sink = null;
    }

    private void ExpandThread(int t)
    {
        var th = _cur.Threads[t];
        var cpu = _config.Cpus[t];
        switch (th.Pc)
        {
            case GatePc.Or:
            {
                var bit = 1UL << cpu;
                _next.CopyFrom(_cur);
                _next.Mask |= bit;
                _next.Threads[t].Pc = GatePc.Ticket;
                Emit(t, Access.FetchOp, Location.GateMask, 0, (long)_cur.Mask, (long)_next.Mask);
                return;
            }
            case GatePc.Ticket:
            {
                var d = _cpuIndex[cpu];
                _next.CopyFrom(_cur);
                _next.Threads[t].Ticket = _cur.PerCpu[d];
                _next.PerCpu[d]++;
                _next.Threads[t].Pc = GatePc.Arrive;
                Emit(t, Access.FetchOp, Location.GatePerCpu, cpu, _cur.PerCpu[d], _next.PerCpu[d]);
                return;
            }
            case GatePc.Arrive:
            {
                _next.CopyFrom(_cur);
                _next.Arrived++;
                _next.Threads[t].Pc = GatePc.Wait;
                Emit(t, Access.FetchOp, Location.GateArrived, 0, _cur.Arrived, _next.Arrived);
                return;
            }
            case GatePc.Wait:
            {
                if (_cur.Arrived < _launched) return;
                _next.CopyFrom(_cur);
                _next.Threads[t].Pc = GatePc.Mask;
                Emit(t, Access.Load, Location.GateArrived, 0, _cur.Arrived, 0);
                return;
            }
            case GatePc.Mask:
            {
                _next.CopyFrom(_cur);
                ref var n = ref _next.Threads[t];
                n.Higher = cpu == 63 ? 0 : _cur.Mask >> cpu >> 1;
                n.Rank = n.Ticket;
                if (n.Higher == 0) Decide(ref n);
                else n.Pc = GatePc.Count;
                Emit(t, Access.Load, Location.GateMask, 0, (long)_cur.Mask, 0);
                return;
            }
            case GatePc.Count:
            {
                var c = cpu + 1 + BitOperations.TrailingZeroCount(th.Higher);
                var count = _cpuIndex[c] >= 0 ? _cur.PerCpu[_cpuIndex[c]] : 0;
                _next.CopyFrom(_cur);
                ref var n = ref _next.Threads[t];
                n.Rank += count;
                n.Higher &= n.Higher - 1;
                if (n.Higher == 0) Decide(ref n);
                Emit(t, Access.Load, Location.GatePerCpu, c, count, 0);
                return;
            }
            case GatePc.Depart:
            {
                _next.CopyFrom(_cur);
                _next.Departed++;
                ref var n = ref _next.Threads[t];
                var last = _cur.Departed == _launched - 1 && _config.Variant != ModelVariant.GateNoReset;
                if (last)
                {
                    n.Pc = GatePc.ResetMask;
                    Emit(t, Access.FetchOp, Location.GateDeparted, 0, _cur.Departed, _next.Departed);
                }
                else
                {
                    Finish(t, Access.FetchOp, Location.GateDeparted, 0, _cur.Departed, _next.Departed);
                }
                return;
            }
            case GatePc.ResetMask:
            {
                _next.CopyFrom(_cur);
                _next.Mask = 0;
                _next.Threads[t].Pc = GatePc.ResetCpu;
                Emit(t, Access.Store, Location.GateMask, 0, 0, 0);
                return;
            }
            case GatePc.ResetCpu:
            {
                _next.CopyFrom(_cur);
                ref var n = ref _next.Threads[t];
                _next.PerCpu[n.ResetIndex] = 0;
                var reset = _distinct[n.ResetIndex];
                if (++n.ResetIndex == _distinct.Length)
                {
                    n.ResetIndex = 0;
                    n.Pc = GatePc.ResetDeparted;
                }
                Emit(t, Access.Store, Location.GatePerCpu, reset, 0, 0);
                return;
            }
            case GatePc.ResetDeparted:
            {
                _next.CopyFrom(_cur);
                _next.Departed = 0;
                _next.Threads[t].Pc = GatePc.ResetArrived;
                Emit(t, Access.Store, Location.GateDeparted, 0, 0, 0);
                return;
            }
            case GatePc.ResetArrived:
            {
                _next.CopyFrom(_cur);
                _next.Arrived = 0;
                Finish(t, Access.Store, Location.GateArrived, 0, 0, 0);
                return;
            }
            case GatePc.SeedOr:
            {
                // The seed: fetch_or(1 << cpu) on a uint16_t (narrow-cpu-mask: the shift wraps at 32 and the bit is
                // truncated to 16 bits) or on a 64-bit mask (popcount-barrier).
                var bit = _config.Variant == ModelVariant.NarrowCpuMask ? (ulong)(ushort)(1 << cpu) : 1UL << cpu;
                _next.CopyFrom(_cur);
                _next.Mask |= bit;
                _next.Threads[t].Pc = GatePc.SeedWait;
                Emit(t, Access.FetchOp, Location.GateMask, 0, (long)_cur.Mask, (long)_next.Mask);
                return;
            }
            case GatePc.SeedWait:
            {
                // Spin until popcount(mask) >= launched; survive iff popcount(mask >> cpu) <= wanted, exec index above − 1.
                if (BitOperations.PopCount(_cur.Mask) < _launched) return;
                var above = BitOperations.PopCount(_cur.Mask >> cpu);
                _next.CopyFrom(_cur);
                _next.Threads[t].Result = above <= _config.Wanted ? above - 1 : -1;
                Finish(t, Access.Load, Location.GateMask, 0, (long)_cur.Mask, 0);
                return;
            }
            case GatePc.Joined:
            {
                for (var u = 0; u < _launched; u++)
                    if (_cur.Results[0, u] == NotDecided) return;
                _next.CopyFrom(_cur);
                ref var n = ref _next.Threads[t];
                n = default;
                n.Launch = 1;
                n.Pc = Seed ? GatePc.SeedOr : GatePc.Or;
                Emit(t, Access.Local, Location.None, 0, 0, 0);
                return;
            }
            case GatePc.Finished:
                return;
        }
    }

    /// <summary>The thread's pass: rank below wanted survives with exec index = rank. Then it departs.</summary>
    private void Decide(ref ThreadState n)
    {
        n.Result = n.Rank < _config.Wanted ? n.Rank : -1;
        n.Rank = 0;
        n.Ticket = 0;
        n.Pc = GatePc.Depart;
    }

    /// <summary>The thread is through this launch: record its result, check the launch if it was the last, go on.</summary>
    private void Finish(int t, Access access, Location location, int index, long read, long written)
    {
        ref var n = ref _next.Threads[t];
        var launch = n.Launch;
        _next.Results[launch, t] = n.Result < 0 ? 0 : n.Result + 1;
        var step = new Step(t, SpecAction.Gate, access, location, index, read, written, -1, default, 0);
        n = default;
        n.Launch = launch;
        n.Pc = launch == 0 ? GatePc.Joined : GatePc.Finished;
        if (LaunchViolates(launch, step)) return;
        _next.Encode(_buffer);
        _sink!.Add(step, _buffer);
    }

    private bool LaunchViolates(int launch, in Step step)
    {
        for (var u = 0; u < _launched; u++)
            if (_next.Results[launch, u] == NotDecided) return false;
        var survivors = Enumerable.Range(0, _launched).Where(u => _next.Results[launch, u] > 0).ToArray();
        var execs = survivors.Select(u => _next.Results[launch, u] - 1).Order().ToArray();
        var draw = $"launch {launch + 1} of {_launched} threads on CPUs [{string.Join(", ", _config.Cpus)}], {_config.Wanted} wanted";
        if (survivors.Length != _config.Wanted || !execs.SequenceEqual(Enumerable.Range(0, _config.Wanted)))
        {
            _sink!.Violation(step, launch == 0 ? Property.G2 : Property.G4,
                $"{draw}: {survivors.Length} survived with exec indices [{string.Join(", ", execs)}], expected {_config.Wanted} with 0..{_config.Wanted - 1}");
            return true;
        }
        var expected = _config.Cpus.OrderDescending().Take(_config.Wanted).Order().ToArray();
        var actual = survivors.Select(u => _config.Cpus[u]).Order().ToArray();
        if (actual.SequenceEqual(expected)) return false;
        _sink!.Violation(step, launch == 0 ? Property.G3 : Property.G4,
            $"{draw}: the survivors are on CPUs [{string.Join(", ", actual)}], expected the highest [{string.Join(", ", expected)}]");
        return true;
    }

    private void Emit(int t, Access access, Location location, int index, long read, long written)
    {
        _next.Encode(_buffer);
        _sink!.Add(new Step(t, SpecAction.Gate, access, location, index, read, written, -1, default, 0), _buffer);
    }

    public bool IsFinal(ReadOnlySpan<byte> state)
    {
        _probe.Decode(state);
        return _probe.Threads.All(t => t.Pc == GatePc.Finished);
    }

    public int FairnessPairs => _launched;

    public string FairnessPairName(int pair) => $"F1 {ThreadName(pair)} steps";

    public bool InP(int pair, ReadOnlySpan<byte> state) => true;

    public bool InQ(int pair, ReadOnlySpan<byte> state)
    {
        var probe = _probe;
        probe.Decode(state);
        var th = probe.Threads[pair];
        return th.Pc switch
        {
            GatePc.Finished => true,
            GatePc.Wait => probe.Arrived < _launched,
            GatePc.SeedWait => BitOperations.PopCount(probe.Mask) < _launched,
            GatePc.Joined => Enumerable.Range(0, _launched).Any(u => probe.Results[0, u] == NotDecided),
            _ => false,
        };
    }

    public bool EdgeInQ(int pair, byte tag) => Step.ThreadOf(tag) == pair;

    public string ThreadName(int thread) => $"cpu{_config.Cpus[thread]}#{thread}";

    public string DescribeStep(in Step step)
    {
        var location = step.Location switch
        {
            Location.GateMask => "cpu_mask",
            Location.GatePerCpu => $"per_cpu[{step.Index}]",
            Location.GateArrived => "arrived",
            Location.GateDeparted => "departed",
            _ => "",
        };
        return step.Access switch
        {
            Access.FetchOp => $"fetch-op {location}: read {Value(step, step.Read)}, wrote {Value(step, step.Written)}",
            Access.Load => $"load {location} = {Value(step, step.Read)}",
            Access.Store => $"store {location} := {Value(step, step.Written)}",
            _ => "joined: starts the second launch",
        };
    }

    private static string Value(in Step step, long value)
        => step.Location == Location.GateMask
            ? "0x" + ((ulong)value).ToString("x", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string DescribeState(ReadOnlySpan<byte> state)
    {
        var s = _probe;
        s.Decode(state);
        var b = new StringBuilder();
        b.Append($"  cpu_mask 0x{s.Mask:x}, arrived {s.Arrived}, departed {s.Departed}, per_cpu ");
        b.Append(string.Join(", ", _distinct.Select((c, i) => $"[{c}]={s.PerCpu[i]}")));
        for (var t = 0; t < _launched; t++)
        {
            var th = s.Threads[t];
            b.Append($"\n  {ThreadName(t)}: launch {th.Launch + 1}, {th.Pc}, ticket {th.Ticket}, rank {th.Rank}");
        }
        return b.ToString();
    }

    public string DescribeStuck(ReadOnlySpan<byte> state)
    {
        var s = _probe;
        s.Decode(state);
        var waiting = Enumerable.Range(0, _launched).Where(t => s.Threads[t].Pc is GatePc.Wait or GatePc.SeedWait).Select(ThreadName).ToArray();
        return waiting.Length == 0
            ? "no thread can move"
            : $"{string.Join(", ", waiting)} wait at the barrier forever: arrived {s.Arrived}, mask 0x{s.Mask:x} (popcount {BitOperations.PopCount(s.Mask)}), launched {_launched}";
    }

    /// <summary>A launched thread's private state.</summary>
    private struct ThreadState
    {
        public int Launch;
        public GatePc Pc;
        public int Ticket;
        public int Rank;
        public int Result;
        public int ResetIndex;
        public ulong Higher;
    }

    /// <summary>A decoded gate state: the gate's shared words, the threads, and each launch's results (ghost).</summary>
    private sealed class State(int launched, int cpus)
    {
        public ulong Mask;
        public int Arrived;
        public int Departed;
        public readonly int[] PerCpu = new int[cpus];
        public readonly ThreadState[] Threads = new ThreadState[launched];

        /// <summary>Per launch and thread: exec index + 1, 0 = left, <see cref="NotDecided"/>.</summary>
        public readonly int[,] Results = new int[2, launched];

        public int Size => 8 + 2 + cpus + launched * (6 + 8) + 2 * launched;

        public void Clear()
        {
            Mask = 0;
            Arrived = Departed = 0;
            Array.Clear(PerCpu);
            Array.Clear(Threads);
            Array.Clear(Results);
        }

        public void CopyFrom(State s)
        {
            Mask = s.Mask;
            Arrived = s.Arrived;
            Departed = s.Departed;
            s.PerCpu.CopyTo(PerCpu, 0);
            s.Threads.CopyTo(Threads, 0);
            Array.Copy(s.Results, Results, Results.Length);
        }

        public void Encode(Span<byte> b)
        {
            var p = 0;
            for (var i = 0; i < 8; i++) b[p++] = (byte)(Mask >> (8 * i));
            b[p++] = (byte)Arrived;
            b[p++] = (byte)Departed;
            foreach (var c in PerCpu) b[p++] = (byte)c;
            foreach (var t in Threads)
            {
                b[p++] = (byte)t.Launch;
                b[p++] = (byte)t.Pc;
                b[p++] = (byte)t.Ticket;
                b[p++] = (byte)t.Rank;
                b[p++] = (byte)(t.Result + 1);
                b[p++] = (byte)t.ResetIndex;
                for (var i = 0; i < 8; i++) b[p++] = (byte)(t.Higher >> (8 * i));
            }
            foreach (var r in Results) b[p++] = (byte)r;
        }

        public void Decode(ReadOnlySpan<byte> b)
        {
            var p = 0;
            Mask = 0;
            for (var i = 0; i < 8; i++) Mask |= (ulong)b[p++] << (8 * i);
            Arrived = b[p++];
            Departed = b[p++];
            for (var c = 0; c < PerCpu.Length; c++) PerCpu[c] = b[p++];
            for (var t = 0; t < Threads.Length; t++)
            {
                ref var th = ref Threads[t];
                th.Launch = b[p++];
                th.Pc = (GatePc)b[p++];
                th.Ticket = b[p++];
                th.Rank = b[p++];
                th.Result = b[p++] - 1;
                th.ResetIndex = b[p++];
                th.Higher = 0;
                for (var i = 0; i < 8; i++) th.Higher |= (ulong)b[p++] << (8 * i);
            }
            for (var l = 0; l < 2; l++)
                for (var t = 0; t < Threads.Length; t++) Results[l, t] = b[p++];
        }
    }
}
