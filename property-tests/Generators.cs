using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>
/// Every generator and shrinker of the properties, in one place: task graphs, runtime configurations, Coyote cases,
/// CPU-id assignments for the gate. Graph shapes are built from motifs (chains, diamonds, fan-in at the fanin
/// maximum, fan-out, scopes with heap outputs, clusters of partially and fully overlapping tensor regions, random
/// tasks with late dependencies) and then made valid by <see cref="GraphValidity"/>. Shrinking removes tasks, then
/// simplifies the configuration, then strips dependencies, arguments, outputs and options one at a time; every
/// candidate is valid and strictly smaller, so shrinking ends on a short, readable program.
/// </summary>
public static class Generators
{
    // ---- Configurations -------------------------------------------------------------------------------------

    /// <summary>Valid configurations for real-thread runs: small and default windows, 1-3 schedulers, both devices, ids near the wrap.</summary>
    public static Gen<GraphConfig> RealThreadConfig { get; } =
        from window in Gen.Frequency((3, Gen.Constant(2)), (3, Gen.Constant(4)), (3, Gen.Constant(8)), (2, Gen.Constant(16)), (1, Gen.Constant(64)), (1, Gen.Constant(16384)))
        from schedulers in Gen.Choose(1, 3)
        from extraClusters in Gen.Choose(0, 2)
        from timed in Gen.Elements(false, true)
        from first in FirstLocalId
        from maxFanin in Gen.Elements(2, 3, 4, 6, 16)
        from heap in Gen.Elements(64, 128, 256, 4096)
        from cpus in LaunchCpus(schedulers + 1)
        select new GraphConfig
        {
            Window = window, Schedulers = schedulers, Clusters = schedulers + extraClusters,
            Device = timed ? DeviceMode.Timed : DeviceMode.Zero, FirstLocalId = first, MaxFanin = maxFanin,
            HeapElements = heap, LaunchCpuIds = cpus,
        };

    /// <summary>Valid configurations for Coyote: few threads (every core is a controlled thread), small windows.</summary>
    public static Gen<GraphConfig> CoyoteConfig { get; } =
        from window in Gen.Elements(2, 4, 8, 16)
        from schedulers in Gen.Choose(1, 2)
        from first in FirstLocalId
        from maxFanin in Gen.Elements(2, 3, 4, 16)
        from heap in Gen.Elements(64, 256)
        from cpus in Gen.Frequency((3, Gen.Constant(ImmutableArray<int>.Empty)), (1, CpuIds(schedulers + 1)))
        select new GraphConfig
        {
            Window = window, Schedulers = schedulers, Clusters = schedulers, Device = DeviceMode.Zero, FirstLocalId = first,
            MaxFanin = maxFanin, HeapElements = heap, LaunchCpuIds = cpus,
        };

    /// <summary>The first local id: 0, just below the signed wrap, just below the unsigned wrap, or anywhere.</summary>
    public static Gen<int> FirstLocalId { get; } = Gen.Frequency(
        (3, Gen.Constant(0)),
        (2, Gen.Choose(0, 40).Select(k => int.MaxValue - k)),
        (2, Gen.Choose(1, 40).Select(k => -k)),
        (1, Gen.Choose(0, int.MaxValue - 1)));

    /// <summary>The default launch (empty) or <paramref name="wanted"/> to <paramref name="wanted"/>+3 threads on generated CPU ids.</summary>
    private static Gen<ImmutableArray<int>> LaunchCpus(int wanted)
        => Gen.Frequency((1, Gen.Constant(ImmutableArray<int>.Empty)), (1, Gen.Choose(0, 3).SelectMany(extra => CpuIds(wanted + extra))));

    // ---- CPU-id assignments (the gate) ----------------------------------------------------------------------

    /// <summary>
    /// <paramref name="count"/> CPU ids in 0..63, repeats allowed: half of the assignments crowd the threads onto up
    /// to four neighbouring CPUs (repeats are then common, as under over-subscription), half spread them.
    /// </summary>
    public static Gen<ImmutableArray<int>> CpuIds(int count)
        => Gen.Frequency(
                (1, Gen.Choose(0, 60).SelectMany(low => Gen.ArrayOf(Gen.Choose(low, low + 3), count))),
                (1, Gen.ArrayOf(Gen.Choose(0, AffinityGateLimits.CpuIds - 1), count)))
            .Select(ids => ids.ToImmutableArray());

    /// <summary>1 to 10 launched threads on generated CPU ids, keeping 1 to all of them.</summary>
    public static Arbitrary<GateCase> GateCases { get; } = Arb.From(
        from launched in Gen.Choose(1, 10)
        from cpus in CpuIds(launched)
        from wanted in Gen.Choose(1, launched)
        select new GateCase(cpus, wanted),
        ShrinkGate);

    private static IEnumerable<GateCase> ShrinkGate(GateCase c)
    {
        for (var i = 0; i < c.Cpus.Length; i++)
            if (c.Cpus.Length > 1)
                yield return new GateCase(c.Cpus.RemoveAt(i), Math.Min(c.Wanted, c.Cpus.Length - 1));
        if (c.Wanted > 1) yield return c with { Wanted = c.Wanted - 1 };
        for (var i = 0; i < c.Cpus.Length; i++)
        {
            if (c.Cpus[i] == 0) continue;
            yield return c with { Cpus = c.Cpus.SetItem(i, 0) };
            if (c.Cpus[i] > 1) yield return c with { Cpus = c.Cpus.SetItem(i, c.Cpus[i] / 2) };
            yield return c with { Cpus = c.Cpus.SetItem(i, c.Cpus[i] - 1) };
        }
    }

    /// <summary>A CPU id the 64-bit gate cannot take: 64 and above, or negative.</summary>
    public static Arbitrary<int> BadCpuIds { get; } = Arb.From(
        Gen.Frequency((3, Gen.Choose(AffinityGateLimits.CpuIds, 200)), (1, Gen.Choose(201, int.MaxValue - 1)), (1, Gen.Choose(1, 1000).Select(k => -k))),
        id => id > AffinityGateLimits.CpuIds ? [AffinityGateLimits.CpuIds] : id < -1 ? [-1] : []);

    // ---- Bad input ------------------------------------------------------------------------------------------

    /// <summary>
    /// A malformed program: a small valid program (window at most 64, so a scope can outgrow it), cut after a
    /// generated position, then one malformation. Shrinks the program and the position; the malformation stays.
    /// </summary>
    public static Arbitrary<BadProgram> BadPrograms { get; } = Arb.From(
        from c in Cases(RealThreadConfig.Select(c => c with { Window = Math.Min(c.Window, 64) }), maxTasks: 8)
        from kind in Gen.Elements(Enum.GetValues<Malformation>())
        from position in Gen.Choose(0, c.Graph.Count)
        select new BadProgram(c, kind, position),
        ShrinkBadProgram);

    private static IEnumerable<BadProgram> ShrinkBadProgram(BadProgram p)
    {
        if (p.Position > 0) yield return p with { Position = 0 };
        if (p.Position > 1) yield return p with { Position = p.Position - 1 };
        foreach (var c in ShrinkCase(p.Base)) yield return p with { Base = c, Position = Math.Min(p.Position, c.Graph.Count) };
    }

    /// <summary>A valid configuration with one option broken: values just past the limit, far past it, and extreme.</summary>
    public static Arbitrary<BadConfig> BadConfigs { get; } = Arb.From(
        from c in RealThreadConfig
        from fault in Gen.Elements(Enum.GetValues<ConfigFault>())
        from value in BadValue(fault, c)
        select new BadConfig(c, fault, value),
        b => ShrinkBadValue(b));

    private static Gen<int> BadValue(ConfigFault fault, GraphConfig c) => fault switch
    {
        ConfigFault.WindowNotAPowerOfTwo or ConfigFault.WiringQueueNotAPowerOfTwo
            => Gen.Choose(3, 100_000).Where(v => !System.Numerics.BitOperations.IsPow2(v)),
        ConfigFault.WindowBelowTwo => Gen.Elements(1, 0, -1, -2, -8, -1024, int.MinValue),
        ConfigFault.NoScheduler or ConfigFault.NoFanin or ConfigFault.NoTensorArguments or ConfigFault.NoTensorMapEntries
            => Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 1000).Select(v => -v)), (1, Gen.Constant(int.MinValue))),
        ConfigFault.FewerClustersThanSchedulers => Gen.Choose(-3, c.Schedulers - 1),
        ConfigFault.HeapTooSmall => Gen.Frequency((3, Gen.Choose(0, 15)), (1, Gen.Choose(1, 1000).Select(v => -v))),
        ConfigFault.NegativeTimeout => Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(2, 100_000).Select(v => -v))),
        ConfigFault.CpuIdOutOfRange => Gen.Frequency((3, Gen.Choose(AffinityGateLimits.CpuIds, 200)), (1, Gen.Choose(1, 1000).Select(v => -v))),
        _ => Gen.Choose(0, c.Schedulers),
    };

    private static IEnumerable<BadConfig> ShrinkBadValue(BadConfig b)
    {
        var simpler = b.Base with { LaunchCpuIds = [], FirstLocalId = 0, Device = DeviceMode.Zero };
        if (simpler != b.Base) yield return b with { Base = simpler };
    }

    // ---- Task graphs ----------------------------------------------------------------------------------------

    /// <summary>Graph cases for real threads: up to <paramref name="maxTasks"/> tasks, growing with FsCheck's size.</summary>
    public static Arbitrary<GraphCase> RealThreadCases(int maxTasks = 40) => Arb.From(Cases(RealThreadConfig, maxTasks), ShrinkCase);

    /// <summary>Graph cases for Coyote, each with its own exploration seed (kept while shrinking).</summary>
    public static Arbitrary<CoyoteCase> CoyoteCases(int maxTasks = 10) => Arb.From(
        from c in Cases(CoyoteConfig, maxTasks)
        from seed in Gen.Choose(1, int.MaxValue - 1)
        select new CoyoteCase(c, (uint)seed),
        c => ShrinkCase(c.Case).Select(s => c with { Case = s }));

    private static Gen<GraphCase> Cases(Gen<GraphConfig> configs, int maxTasks)
        => from config in configs
           from tasks in Gen.Sized(size => Gen.Choose(1, Math.Clamp(size, 1, maxTasks)))
           from seed in Gen.Choose(0, int.MaxValue - 1)
           select GraphCase.Make(new GraphBuilder(config, (ulong)seed).Build(tasks), config);

    /// <summary>Shrinks a case: fewer tasks first (halves down to single tasks), then a simpler configuration, then simpler tasks.</summary>
    public static IEnumerable<GraphCase> ShrinkCase(GraphCase c)
    {
        var tasks = c.Graph.Tasks;
        var seen = new HashSet<string> { c.ToString() };
        foreach (var candidate in Candidates())
        {
            var normalized = GraphCase.Make(candidate.Graph, candidate.Config);
            if (!Smaller(normalized, c) || !seen.Add(normalized.ToString())) continue;
            yield return normalized;
        }

        IEnumerable<GraphCase> Candidates()
        {
            for (var chunk = tasks.Length / 2; chunk >= 1; chunk /= 2)
                for (var start = tasks.Length - chunk; start >= 0; start -= chunk)
                    yield return c with { Graph = RemoveTasks(c.Graph, start, chunk) };
            foreach (var config in SimplerConfigs(c.Config)) yield return c with { Config = config };
            for (var i = tasks.Length - 1; i >= 0; i--)
                foreach (var t in SimplerTasks(tasks[i]))
                    yield return c with { Graph = c.Graph with { Tasks = tasks.SetItem(i, t) } };
        }
    }

    private static bool Smaller(GraphCase candidate, GraphCase current)
    {
        var (a, b) = (candidate.Graph, current.Graph);
        if (a.Count != b.Count) return a.Count < b.Count;
        if (a.Weight != b.Weight) return a.Weight < b.Weight;
        return a.ToString() == b.ToString() && Complexity(candidate.Config) < Complexity(current.Config);
    }

    private static int Complexity(GraphConfig c)
        => System.Numerics.BitOperations.Log2((uint)c.Window) + c.Schedulers + c.Clusters + (c.Device == DeviceMode.Zero ? 0 : 1) + (c.FirstLocalId == 0 ? 0 : 1) + (c.LaunchCpuIds.IsDefaultOrEmpty ? 0 : 1);

    private static IEnumerable<GraphConfig> SimplerConfigs(GraphConfig c)
    {
        if (!c.LaunchCpuIds.IsDefaultOrEmpty) yield return c with { LaunchCpuIds = [] };
        if (c.Device != DeviceMode.Zero) yield return c with { Device = DeviceMode.Zero };
        if (c.FirstLocalId != 0) yield return c with { FirstLocalId = 0 };
        if (c.Schedulers > 1) yield return c with { Schedulers = c.Schedulers - 1 };
        if (c.Clusters > c.Schedulers) yield return c with { Clusters = c.Clusters - 1 };
        if (c.Window > 2) yield return c with { Window = c.Window / 2 };
    }

    private static IEnumerable<TaskSpec> SimplerTasks(TaskSpec t)
    {
        for (var k = t.Deps.Length - 1; k >= 0; k--) yield return t with { Deps = t.Deps.RemoveAt(k) };
        for (var k = t.Args.Length - 1; k >= 0; k--) yield return t with { Args = t.Args.RemoveAt(k) };
        for (var k = t.Inputs.Length - 1; k >= 0; k--) yield return t with { Inputs = t.Inputs.RemoveAt(k) };
        if (t.Outputs.Length > 0) yield return t with { Outputs = t.Outputs.RemoveAt(t.Outputs.Length - 1) };
        if (t.Scalar is not null) yield return t with { Scalar = null };
        if (t.DurationNs > 0) yield return t with { DurationNs = 0 };
        if (t.Shape != Shape.AIV && !t.IsAlloc) yield return t with { Shape = Shape.AIV };
        if (t.Scope >= 0 && t.Outputs.Length == 0 && t.Inputs.Length == 0) yield return t with { Scope = -1 };
    }

    /// <summary>The graph without tasks <c>[start, start + count)</c>; references to them are dropped, later indices renumbered.</summary>
    public static GraphSpec RemoveTasks(GraphSpec g, int start, int count)
    {
        int Map(int i) => i < start ? i : i - count;
        bool Kept(int i) => i < start || i >= start + count;
        var tasks = g.Tasks.Where((_, i) => Kept(i)).Select(t => t with
        {
            Deps = [.. t.Deps.Where(Kept).Select(Map)],
            Inputs = [.. t.Inputs.Where(h => Kept(h.Task)).Select(h => h with { Task = Map(h.Task) })],
        });
        return g with { Tasks = [.. tasks] };
    }

    /// <summary>
    /// Builds a graph of motifs from a generated seed (SplitMix64, so a case is a pure function of what FsCheck
    /// generated and replays exactly).
    /// </summary>
    private sealed class GraphBuilder(GraphConfig config, ulong seed)
    {
        private readonly List<TaskSpec> _tasks = [];
        private readonly List<ScopeMode> _scopes = [];
        private ulong _state = seed;

        public GraphSpec Build(int count)
        {
            while (_tasks.Count < count)
            {
                var room = count - _tasks.Count;
                switch (Next(100))
                {
                    case < 20: Add(RandomTask()); break;
                    case < 32: Chain(Math.Min(room, 2 + Next(4))); break;
                    case < 42: Diamond(); break;
                    case < 52: FanIn(Math.Min(room - 1, config.MaxFanin)); break;
                    case < 62: FanOut(Math.Min(room - 1, 2 + Next(4))); break;
                    case < 84: ScopeBlock(Math.Min(room, 2 + Next(Math.Min(config.Window, 8)))); break;
                    default: OverlapCluster(Math.Min(room, 2 + Next(4))); break;
                }
            }
            return new GraphSpec([.. _tasks.Take(count)], [.. _scopes]);
        }

        private int Next(int bound) => (int)(NextULong() % (ulong)bound);

        private bool Percent(int p) => Next(100) < p;

        private ulong NextULong()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private int Last => _tasks.Count - 1;

        private void Add(TaskSpec t) => _tasks.Add(t);

        private TaskSpec Plain(int scope = -1) => new()
        {
            Shape = Next(100) switch { < 40 => Shape.AIC, < 80 => Shape.AIV, _ => Shape.MIX },
            Scope = scope,
            DurationNs = Percent(40) ? 100 + Next(20_000) : 0,
            Scalar = Percent(30) ? Next(1_000_000) : null,
        };

        private ExternalArg Region(ArgDirection direction)
        {
            var (name, length) = GraphWorkload.Tensors[Next(GraphWorkload.Tensors.Count)];
            var offset = 4 * Next(length / 4);
            var size = Math.Min(length - offset, 4 << Next(4));
            return new ExternalArg(name, offset, size, direction);
        }

        private ArgDirection AnyDirection() => Next(3) switch { 0 => ArgDirection.In, 1 => ArgDirection.InOut, _ => ArgDirection.OutputExisting };

        /// <summary>0-2 dependencies anywhere back (late dependencies on tasks that may be reclaimed), 0-2 regions.</summary>
        private TaskSpec RandomTask(int scope = -1)
        {
            var deps = _tasks.Count == 0 ? [] : Enumerable.Range(0, Next(3)).Select(_ => Next(_tasks.Count)).ToImmutableArray();
            var args = Enumerable.Range(0, Next(3)).Select(_ => Region(AnyDirection())).ToImmutableArray();
            return Plain(scope) with { Deps = deps, Args = args };
        }

        /// <summary>Each task after the previous: by an explicit dependency or by updating the same region.</summary>
        private void Chain(int length)
        {
            var region = Region(ArgDirection.InOut);
            var explicitly = Percent(50);
            for (var i = 0; i < length; i++)
            {
                var t = Plain();
                if (explicitly) t = t with { Deps = _tasks.Count > 0 && i > 0 ? [Last] : [] };
                else t = t with { Args = [region] };
                Add(t);
            }
        }

        /// <summary>A → B, C → D, with data edges through heap outputs in a scope or with explicit dependencies.</summary>
        private void Diamond()
        {
            if (Percent(50))
            {
                var scope = NewScope();
                var a = _tasks.Count;
                Add(Plain(scope) with { Outputs = [8] });
                Add(Plain(scope) with { Inputs = [new HeapInput(a, 0, 0, 8)], Outputs = [4] });
                Add(Plain(scope) with { Inputs = [new HeapInput(a, 0, 4, 4)], Outputs = [4] });
                Add(Plain(scope) with { Inputs = [new HeapInput(a + 1, 0, 0, 4), new HeapInput(a + 2, 0, 0, 4)], Args = [Region(ArgDirection.InOut)] });
            }
            else
            {
                var a = _tasks.Count;
                Add(Plain());
                Add(Plain() with { Deps = [a] });
                Add(Plain() with { Deps = [a] });
                Add(Plain() with { Deps = [a + 1, a + 2] });
            }
        }

        /// <summary><paramref name="width"/> sources, then a sink depending on all of them (the fanin maximum when there is room).</summary>
        private void FanIn(int width)
        {
            if (width < 1)
            {
                Add(RandomTask());
                return;
            }
            var first = _tasks.Count;
            for (var i = 0; i < width; i++) Add(Plain());
            Add(Plain() with { Deps = [.. Enumerable.Range(first, width)] });
        }

        /// <summary>One source, then <paramref name="width"/> consumers registering on its wake list.</summary>
        private void FanOut(int width)
        {
            var source = _tasks.Count;
            Add(Plain() with { Args = Percent(50) ? [Region(ArgDirection.OutputExisting)] : [] });
            for (var i = 0; i < width; i++) Add(Plain() with { Deps = [source] });
        }

        /// <summary>An auto (or manual) scope: maybe an alloc first, tasks producing heap outputs and reading earlier ones.</summary>
        private void ScopeBlock(int length)
        {
            var scope = NewScope(Percent(25) ? ScopeMode.Manual : ScopeMode.Auto);
            var produced = new List<(int Task, int Output, int Length)>();
            for (var i = 0; i < length; i++)
            {
                if (i == 0 && Percent(30))
                {
                    var buffers = Enumerable.Range(0, 1 + Next(2)).Select(_ => 1 + Next(16)).ToImmutableArray();
                    Add(new TaskSpec { IsAlloc = true, Shape = Shape.AIC, Scope = scope, Outputs = buffers });
                    for (var k = 0; k < buffers.Length; k++) produced.Add((Last, k, buffers[k]));
                    continue;
                }
                var t = RandomTask(scope);
                if (produced.Count > 0)
                {
                    var inputs = new List<HeapInput>();
                    for (var k = Next(3); k > 0; k--)
                    {
                        var (task, output, size) = produced[Next(produced.Count)];
                        var viewLength = 1 + Next(size);
                        inputs.Add(new HeapInput(task, output, Next(size - viewLength + 1), viewLength));
                    }
                    t = t with { Inputs = [.. inputs] };
                }
                if (Percent(60)) t = t with { Outputs = [.. Enumerable.Range(0, 1 + Next(2)).Select(_ => 1 + Next(16))] };
                Add(t);
                for (var k = 0; k < t.Outputs.Length; k++) produced.Add((Last, k, t.Outputs[k]));
            }
        }

        /// <summary>Tasks reading and writing regions of one tensor that overlap partially and fully.</summary>
        private void OverlapCluster(int length)
        {
            var (name, size) = GraphWorkload.Tensors[Next(GraphWorkload.Tensors.Count)];
            for (var i = 0; i < length; i++)
            {
                var offset = Next(size / 2);
                var region = new ExternalArg(name, offset, Math.Min(size - offset, 1 + Next(size)), AnyDirection());
                Add(Plain() with { Args = Percent(30) ? [region, Region(AnyDirection())] : [region] });
            }
        }

        private int NewScope(ScopeMode mode = ScopeMode.Auto)
        {
            _scopes.Add(mode);
            return _scopes.Count - 1;
        }
    }
}
