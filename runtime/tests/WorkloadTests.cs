using Wireless.Orchestration;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

public sealed class WorkloadTests
{
    private static readonly RuntimeConfig Config = new();

    // ---------------------------------------------------------------- recording harness

    /// <summary>How one task used one tensor region (heap regions as bound by the executor).</summary>
    private readonly record struct Access(MemorySpace Space, int Start, int Length, ArgDirection Direction);

    /// <summary>One submitted task as the recorder saw it; <see cref="Producers"/> are submission indices.</summary>
    private sealed record Recorded(int Index, Kernel Kernel, Shape Shape, ScopeMode Mode, int[] Producers, int ExplicitDeps,
        string? Name, Access[] Accesses, long DurationNs);

    /// <summary>
    /// An <see cref="IOrchestrator"/> that forwards to the sequential executor and, for each submission, runs the same
    /// dependency discovery on a private TensorMap to record the task's distinct producers.
    /// </summary>
    private sealed class Recorder : IOrchestrator
    {
        private readonly TensorMap _map = new(capacity: 0);
        private readonly ProducerSet _producers;
        private readonly Stack<ScopeMode> _modes = new();
        private IOrchestrator _inner = null!;
        private int _next;

        public Recorder(RuntimeConfig config) => _producers = new ProducerSet(config.MaxFanin);

        public List<Recorded> Tasks { get; } = [];
        public int ManualScopes { get; private set; }
        public int MaxDepth { get; private set; }

        public GlobalMemoryLayout Globals => _inner.Globals;

        public IOrchestrator Attach(IOrchestrator inner)
        {
            _inner = inner;
            _map.Clear();
            _modes.Clear();
            Tasks.Clear();
            ManualScopes = MaxDepth = _next = 0;
            return this;
        }

        public void BeginScope(ScopeMode mode = ScopeMode.Auto)
        {
            _modes.Push(mode);
            if (mode == ScopeMode.Manual) ManualScopes++;
            MaxDepth = Math.Max(MaxDepth, _modes.Count);
            _inner.BeginScope(mode);
        }

        public void EndScope()
        {
            _modes.Pop();
            _inner.EndScope();
        }

        public TaskBuilder NewTask(Kernel kernel, Shape shape) => _inner.NewTask(kernel, shape);

        public TaskId Submit(TaskBuilder task)
        {
            var self = _next;
            var mode = _modes.Count == 0 ? ScopeMode.Auto : _modes.Peek();
            DependencyDiscovery.Discover(task, self, 0, mode, _map, filterRetired: false, 0, _producers);
            var producers = _producers.Ids.ToArray();
            var id = _inner.Submit(task);
            Assert.Equal(self, id.LocalId);
            var inserted = 0;
            if (DependencyDiscovery.HasInserts(task, mode)) Assert.True(DependencyDiscovery.TryInsert(task, self, _map, ref inserted));
            var accesses = new Access[task.ArgCount];
            for (var i = 0; i < accesses.Length; i++)
            {
                var a = task.Args[i];
                accesses[i] = new Access(a.Space, a.Start, a.Length, a.Direction);
            }
            Tasks.Add(new Recorded(self, task.Kernel, task.Shape, mode, producers, task.DepCount, task.Name, accesses, task.DurationNs));
            _next++;
            return id;
        }

        public TaskId AllocTensors(ReadOnlySpan<int> lengths, Span<Tensor> outputs)
        {
            var id = _inner.AllocTensors(lengths, outputs);
            Assert.Equal(_next, id.LocalId);
            var accesses = new Access[lengths.Length];
            for (var i = 0; i < lengths.Length; i++) accesses[i] = new Access(outputs[i].Space, outputs[i].Start, outputs[i].Length, ArgDirection.Out);
            var mode = _modes.Count == 0 ? ScopeMode.Auto : _modes.Peek();
            Tasks.Add(new Recorded(_next, Kernel.Alloc, Shape.AIV, mode, [], 0, null, accesses, 0));
            _next++;
            return id;
        }
    }

    /// <summary>Runs <paramref name="inner"/>'s program through a <see cref="Recorder"/>, with the same global layout.</summary>
    private sealed class Intercepted : Workload
    {
        private readonly Workload _inner;
        private readonly Recorder _recorder;

        public Intercepted(Workload inner, Recorder recorder)
        {
            _inner = inner;
            _recorder = recorder;
            foreach (var (name, tensor) in inner.Globals.Tensors) Assert.Equal(tensor, Globals.Declare(name, tensor.Length));
        }

        public override string Name => _inner.Name;
        public override int TaskCount => _inner.TaskCount;
        public override void Orchestrate(IOrchestrator o) => _inner.Orchestrate(_recorder.Attach(o));
    }

    private static (List<Recorded> Tasks, Recorder Recorder, ReferenceResult Result) Record(Workload workload, RuntimeConfig? config = null)
    {
        config ??= Config;
        var recorder = new Recorder(config);
        var result = new SequentialExecutor(config).Run(new Intercepted(workload, recorder));
        return (recorder.Tasks, recorder, result);
    }

    /// <summary>
    /// Checks that the discovered edges order every conflicting pair of accesses (read-after-write, write-after-write,
    /// write-after-read on overlapping elements, and every read of a heap buffer after its producer), transitively.
    /// A heap buffer's history restarts when a new output is bound over it. <c>alloc_tensors</c> tasks are complete
    /// at submission, so nothing needs an edge to them.
    /// </summary>
    private static void AssertRaceFree(List<Recorded> tasks)
    {
        var n = tasks.Count;
        var words = (n + 63) / 64;
        var ancestors = new ulong[n][];
        var lastWriter = new Dictionary<(MemorySpace, int), int>();
        var readers = new Dictionary<(MemorySpace, int), List<int>>();
        bool Ordered(int earlier, int later)
            => earlier == later || tasks[earlier].Kernel == Kernel.Alloc || (ancestors[later][earlier / 64] & (1UL << (earlier % 64))) != 0;

        foreach (var t in tasks)
        {
            var anc = ancestors[t.Index] = new ulong[words];
            foreach (var p in t.Producers)
            {
                for (var w = 0; w < words; w++) anc[w] |= ancestors[p][w];
                anc[p / 64] |= 1UL << (p % 64);
            }
            foreach (var a in t.Accesses)
            {
                for (var e = a.Start; e < a.Start + a.Length; e++)
                {
                    var key = (a.Space, e);
                    if (a.Direction == ArgDirection.Out)
                    {
                        lastWriter[key] = t.Index; // a new buffer: its history starts here
                        readers.Remove(key);
                        continue;
                    }
                    if (lastWriter.TryGetValue(key, out var w) && !Ordered(w, t.Index))
                        Assert.Fail($"task {t.Index} ({t.Kernel}) accesses {a.Space}[{e}] last written by task {w} ({tasks[w].Kernel}) without an edge");
                    if (a.Direction is ArgDirection.InOut or ArgDirection.OutputExisting)
                    {
                        if (readers.TryGetValue(key, out var rs))
                            foreach (var r in rs)
                                if (!Ordered(r, t.Index))
                                    Assert.Fail($"task {t.Index} ({t.Kernel}) overwrites {a.Space}[{e}] read by task {r} ({tasks[r].Kernel}) without an edge");
                        lastWriter[key] = t.Index;
                        readers.Remove(key);
                    }
                    else
                    {
                        if (!readers.TryGetValue(key, out var rs)) readers[key] = rs = [];
                        rs.Add(t.Index);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- catalog, counts, determinism

    public static TheoryData<string, int> BuiltIns => new()
    {
        { "paged-attention-case1", 65_792 },
        { "paged-attention-case4", 1_040 },
        { "paged-attention-small1", 13 },
        { "paged-attention-manual-case1", 65_792 },
        { "paged-attention-manual-case2", 32_832 },
        { "pa-unroll-manual-case1", 1_280 },
        { "pa-unroll-manual-case2", 576 },
        { "bgemm-case0", 1_000 },
    };

    [Fact]
    public void Catalog_lists_the_eight_built_ins_in_order_with_descriptions()
    {
        Assert.Equal(
            ["paged-attention-case1", "paged-attention-case4", "paged-attention-small1", "paged-attention-manual-case1",
             "paged-attention-manual-case2", "pa-unroll-manual-case1", "pa-unroll-manual-case2", "bgemm-case0"],
            WorkloadCatalog.Names);
        Assert.All(WorkloadCatalog.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Description));
            Assert.DoesNotContain('\n', e.Description);
            Assert.Equal(e.Name, e.Create().Name);
        });
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Built_in_workloads_submit_exactly_their_task_count_and_are_deterministic(string name, int count)
    {
        var workload = WorkloadCatalog.Create(name);
        Assert.Equal(name, workload.Name);
        Assert.Equal(count, workload.TaskCount);
        var (tasks, _, a) = Record(workload); // the executor throws if the submitted count differs
        Assert.Equal(count, tasks.Count);
        var b = new SequentialExecutor(Config).Run(WorkloadCatalog.Create(name));
        // Every kernel ran once; alloc_tensors tasks are complete at submission and never run.
        for (var i = 0; i < count; i++) Assert.Equal(tasks[i].Kernel == Kernel.Alloc ? 0 : 1, a.Record.RunCounts[i]);
        Assert.Equal(a.Record.Digests, b.Record.Digests);
        Assert.Equal(a.FinalGlobals, b.FinalGlobals);
        // Running the same instance again gives the same result too.
        var c = new SequentialExecutor(Config).Run(workload);
        Assert.Equal(a.Record.Digests, c.Record.Digests);
    }

    /// <summary>
    /// A fingerprint of everything a workload's sequential reference run shows: the global layout, each task's kernel,
    /// shape, scope mode, producers, explicit dependencies, tensor accesses and duration, every digest and the final
    /// global memory.
    /// </summary>
    private static ulong ReferenceFingerprint(Workload workload)
    {
        var (tasks, _, result) = Record(workload);
        var acc = 0UL;
        foreach (var (name, tensor) in workload.Globals.Tensors)
        {
            foreach (var ch in name) acc = Mixing.Mix(acc, ch);
            acc = Mixing.Mix(Mixing.Mix(acc, (ulong)tensor.Start), (ulong)tensor.Length);
        }
        foreach (var t in tasks)
        {
            acc = Mixing.Mix(Mixing.Mix(Mixing.Mix(acc, (ulong)t.Kernel), (ulong)t.Shape), (ulong)t.Mode);
            foreach (var p in t.Producers.Order()) acc = Mixing.Mix(acc, (ulong)p);
            acc = Mixing.Mix(Mixing.Mix(acc, (ulong)t.ExplicitDeps), (ulong)t.DurationNs);
            foreach (var a in t.Accesses)
                acc = Mixing.Mix(Mixing.Mix(Mixing.Mix(Mixing.Mix(acc, (ulong)a.Space), (ulong)a.Start), (ulong)a.Length), (ulong)a.Direction);
        }
        foreach (var d in result.Record.Digests) acc = Mixing.Mix(acc, (ulong)d);
        foreach (var g in result.FinalGlobals) acc = Mixing.Mix(acc, (uint)g);
        return acc;
    }

    [Theory]
    [InlineData("paged-attention-case4", 0x4AEB_0822_C3A4_4734UL)]
    [InlineData("paged-attention-manual-case2", 0x57BD_0D62_AA1F_5610UL)]
    [InlineData("pa-unroll-manual-case2", 0x85FE_C815_90B3_0ABBUL)]
    public void Paged_attention_workloads_match_their_pinned_reference_fingerprint(string name, ulong fingerprint)
        => Assert.Equal(fingerprint, ReferenceFingerprint(WorkloadCatalog.Create(name)));

    [Fact]
    public void Built_in_workloads_run_in_a_small_window_and_heap()
    {
        // A scope may span at most the window, and pinned buffers must fit the heap: per-batch scopes are small
        // (the largest is a paged-attention-manual-case2 batch: 513 tasks).
        var config = Config with { Window = 1024, HeapElements = 1 << 15 };
        foreach (var name in WorkloadCatalog.Names) new SequentialExecutor(config).Run(WorkloadCatalog.Create(name));
    }

    /// <summary>An orchestrator that only hands out ids and binds outputs, to measure what a workload allocates.</summary>
    private sealed class NullOrchestrator(GlobalMemoryLayout globals) : IOrchestrator
    {
        private readonly TaskBuilder _builder = new(Config.MaxTensorArgs, Config.MaxScalars, Config.MaxFanin);
        private int _next;

        public GlobalMemoryLayout Globals => globals;
        public void BeginScope(ScopeMode mode = ScopeMode.Auto) { }
        public void EndScope() { }
        public TaskBuilder NewTask(Kernel kernel, Shape shape) => _builder.Reset(kernel, shape);

        public TaskId Submit(TaskBuilder task)
        {
            OutputLayout.Bind(task, 0, _next);
            return new TaskId(_next++);
        }

        public TaskId AllocTensors(ReadOnlySpan<int> lengths, Span<Tensor> outputs)
        {
            OutputLayout.Bind(lengths, outputs, 0, _next);
            return new TaskId(_next++);
        }
    }

    [Theory]
    [InlineData("paged-attention-case1", 0)]
    [InlineData("paged-attention-manual-case1", 0)]
    [InlineData("pa-unroll-manual-case2", 0)]
    [InlineData("bgemm-case0", 0)]
    [InlineData("random:5:50000", 2_048)]
    public void Orchestrate_allocates_nothing_per_task(string name, long perRunBytes)
    {
        var workload = WorkloadCatalog.Create(name);
        for (var i = 0; i < 3; i++) workload.Orchestrate(new NullOrchestrator(workload.Globals)); // warm up (JIT tiers)
        // The least of three runs: a JIT tier-up on this thread can allocate during one run, the program never does.
        var allocated = long.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var orchestrator = new NullOrchestrator(workload.Globals);
            var before = GC.GetAllocatedBytesForCurrentThread();
            workload.Orchestrate(orchestrator);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(allocated <= perRunBytes, $"{name}: Orchestrate allocated {allocated} bytes for {workload.TaskCount} tasks");
    }

    // ---------------------------------------------------------------- fanin profiles

    /// <summary>Checks the per-batch structure A, then per block/group QK, SF, PV, UP, and each task's exact producers.</summary>
    private static void AssertPagedAttentionProfile(List<Recorded> tasks, int batch, int groups, bool manual)
    {
        Assert.Equal(batch * (1 + 4 * groups), tasks.Count);
        var i = 0;
        for (var b = 0; b < batch; b++)
        {
            var a = tasks[i++];
            Assert.Equal(Kernel.Alloc, a.Kernel);
            Assert.Equal(manual ? ScopeMode.Manual : ScopeMode.Auto, a.Mode);
            var previousUp = -1;
            for (var g = 0; g < groups; g++)
            {
                var qk = tasks[i++];
                var sf = tasks[i++];
                var pv = tasks[i++];
                var up = tasks[i++];
                Assert.Equal((Kernel.QK, Shape.AIC), (qk.Kernel, qk.Shape));
                Assert.Equal((Kernel.SF, Shape.AIV), (sf.Kernel, sf.Shape));
                Assert.Equal((Kernel.PV, Shape.AIC), (pv.Kernel, pv.Shape));
                Assert.Equal((Kernel.UP, Shape.AIV), (up.Kernel, up.Shape));
                Assert.Empty(qk.Producers);
                Assert.Equal([qk.Index], sf.Producers);
                Assert.Equal([sf.Index], pv.Producers);
                var expectedUp = new List<int>();
                if (manual)
                {
                    expectedUp.Add(pv.Index);
                    if (g > 0) expectedUp.Add(previousUp);
                    if (g == groups - 1) expectedUp.Add(a.Index);
                }
                else
                {
                    expectedUp.AddRange([sf.Index, pv.Index, a.Index]);
                    if (g > 0) expectedUp.Add(previousUp);
                }
                Assert.Equal(expectedUp.Order(), up.Producers.Order());
                Assert.Equal(manual ? 1 : 0, sf.ExplicitDeps);
                previousUp = up.Index;
            }
        }
    }

    [Fact]
    public void Paged_attention_auto_has_fanin_QK0_SF1_PV1_UP3_then_4()
    {
        var (tasks, recorder, _) = Record(PagedAttention.Case4());
        AssertPagedAttentionProfile(tasks, batch: 16, groups: 16, manual: false);
        Assert.Equal(0, recorder.ManualScopes);
        Assert.Equal(2, recorder.MaxDepth);
        AssertRaceFree(tasks);

        (tasks, _, _) = Record(PagedAttention.Small1());
        AssertPagedAttentionProfile(tasks, batch: 1, groups: 3, manual: false);
        Assert.Equal([3, 4, 4], tasks.Where(t => t.Kernel == Kernel.UP).Select(t => t.Producers.Length));
    }

    [Fact]
    public void Paged_attention_case1_has_the_same_profile()
    {
        var (tasks, _, _) = Record(PagedAttention.Case1());
        AssertPagedAttentionProfile(tasks, batch: 256, groups: 64, manual: false);
    }

    [Fact]
    public void Paged_attention_auto_UP_exceeds_a_fanin_maximum_of_3()
    {
        var e = Assert.Throws<RuntimeErrorException>(() => new SequentialExecutor(Config with { MaxFanin = 3 }).Run(PagedAttention.Small1()));
        Assert.Contains("UP", e.Message);
        Assert.Contains("more than 3 distinct producers", e.Message);
        new SequentialExecutor(Config with { MaxFanin = 4 }).Run(PagedAttention.Case4());
    }

    [Fact]
    public void Paged_attention_manual_uses_explicit_deps_only()
    {
        var (tasks, recorder, _) = Record(PagedAttentionManual.Case2());
        AssertPagedAttentionProfile(tasks, batch: 64, groups: 128, manual: true);
        Assert.Equal(64, recorder.ManualScopes);
        Assert.Equal(1, recorder.MaxDepth);
        Assert.All(tasks.Where(t => t.Kernel != Kernel.Alloc), t => Assert.Equal(t.ExplicitDeps, t.Producers.Length));

        (tasks, _, _) = Record(PagedAttentionManual.Case1());
        AssertPagedAttentionProfile(tasks, batch: 256, groups: 64, manual: true);

        (tasks, _, _) = Record(new PagedAttentionManual("small", batch: 4, blocks: 8));
        AssertPagedAttentionProfile(tasks, batch: 4, groups: 8, manual: true);
        AssertRaceFree(tasks);

        // The manual variant never needs more than 3 producers (UP_last: PV, UP_{bn-1}, A).
        new SequentialExecutor(Config with { MaxFanin = 3 }).Run(PagedAttentionManual.Case2());
    }

    [Fact]
    public void Pa_unroll_manual_has_four_tasks_per_group()
    {
        var (tasks, _, _) = Record(PaUnrollManual.Case1());
        AssertPagedAttentionProfile(tasks, batch: 256, groups: 1, manual: true);
        Assert.All(tasks.Where(t => t.Kernel == Kernel.UP), t => Assert.Equal(2, t.Producers.Length));
        AssertRaceFree(tasks);

        (tasks, _, _) = Record(PaUnrollManual.Case2());
        AssertPagedAttentionProfile(tasks, batch: 64, groups: 2, manual: true);
        Assert.Equal([1, 3], tasks.Where(t => t.Kernel == Kernel.UP).Take(2).Select(t => t.Producers.Length));
        AssertRaceFree(tasks);
    }

    [Fact]
    public void Bgemm_has_fanin_GEMM0_ADD1_ADD2_and_independent_groups()
    {
        var (tasks, recorder, _) = Record(Bgemm.Case0());
        Assert.Equal(1_000, tasks.Count);
        Assert.Equal(0, recorder.ManualScopes);
        for (var g = 0; g < 250; g++)
        {
            var (gemm0, add0, gemm1, add1) = (tasks[4 * g], tasks[4 * g + 1], tasks[4 * g + 2], tasks[4 * g + 3]);
            Assert.Equal((Kernel.GEMM, Shape.AIC), (gemm0.Kernel, gemm0.Shape));
            Assert.Equal((Kernel.ADD, Shape.AIV), (add0.Kernel, add0.Shape));
            Assert.Empty(gemm0.Producers);
            Assert.Empty(gemm1.Producers);
            Assert.Equal([gemm0.Index], add0.Producers);
            Assert.Equal([add0.Index, gemm1.Index], add1.Producers.Order());
        }
        AssertRaceFree(tasks);
    }

    // ---------------------------------------------------------------- random DAGs

    [Theory]
    [InlineData(1L, 1)]
    [InlineData(2L, 7)]
    [InlineData(42L, 2_000)]
    [InlineData(-7L, 3_000)]
    [InlineData(123456789L, 5_000)]
    public void Random_dags_are_deterministic_race_free_and_within_the_fanin_maximum(long seed, int count)
    {
        var workload = WorkloadCatalog.Create($"random:{seed}:{count}");
        Assert.Equal($"random:{seed}:{count}", workload.Name);
        Assert.Equal(count, workload.TaskCount);
        var (tasks, recorder, a) = Record(workload);
        Assert.Equal(count, tasks.Count);
        Assert.All(tasks, t => Assert.True(t.Producers.Length <= 13, $"task {t.Index} has {t.Producers.Length} producers"));
        AssertRaceFree(tasks);
        var b = new SequentialExecutor(Config).Run(new RandomDag(seed, count));
        Assert.Equal(a.Record.Digests, b.Record.Digests);
        Assert.Equal(a.FinalGlobals, b.FinalGlobals);
        if (count >= 2_000)
        {
            // The mix the generator promises.
            Assert.Contains(tasks, t => t.Shape == Shape.MIX);
            Assert.True(tasks.Count(t => t.Shape == Shape.MIX) < count / 5);
            Assert.True(recorder.ManualScopes > 0);
            Assert.Contains(tasks, t => t.Kernel == Kernel.Alloc);
            Assert.Contains(tasks, t => t.Mode == ScopeMode.Auto && t.Producers.Length > t.ExplicitDeps); // creator/TensorMap edges
            Assert.Contains(tasks, t => t.Accesses.Any(x => x.Space == MemorySpace.Global && x.Length == 2 * RandomDag.CellElements));
            Assert.InRange(tasks.Max(t => t.Producers.Length), 3, 13);
        }
    }

    [Fact]
    public void Random_dags_differ_by_seed()
    {
        var a = new SequentialExecutor(Config).Run(new RandomDag(1, 500));
        var b = new SequentialExecutor(Config).Run(new RandomDag(2, 500));
        Assert.NotEqual(a.Record.Digests, b.Record.Digests);
    }

    [Theory]
    [InlineData("random:1", "random:<seed>:<tasks>")]
    [InlineData("random:x:10", "seed 'x' is not an integer")]
    [InlineData("random:1:ten", "task count 'ten' is not an integer")]
    [InlineData("random:1:0", "task count must be >= 1")]
    [InlineData("random:1:-5", "task count must be >= 1")]
    [InlineData("random:1:2:3", "random:<seed>:<tasks>")]
    public void Bad_random_specs_are_rejected_clearly(string spec, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => WorkloadCatalog.Create(spec));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unknown_workload_names_list_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => WorkloadCatalog.Create("paged-attention-case2"));
        Assert.Contains("paged-attention-case2", e.Message);
        foreach (var name in WorkloadCatalog.Names) Assert.Contains(name, e.Message);
        Assert.Contains("random:<seed>:<tasks>", e.Message);
    }

    // ---------------------------------------------------------------- JSON DAGs

    private static string ExamplePath => Path.Combine(AppContext.BaseDirectory, "examples", "diamond.json");

    [Fact]
    public void The_diamond_example_loads_and_runs()
    {
        var workload = WorkloadCatalog.Create(ExamplePath);
        Assert.IsType<JsonDag>(workload);
        Assert.Equal("diamond", workload.Name);
        Assert.Equal(4, workload.TaskCount);
        var (tasks, _, result) = Record(workload);
        Assert.Equal([Shape.AIC, Shape.AIV, Shape.AIV, Shape.MIX], tasks.Select(t => t.Shape));
        Assert.Equal(["tasks[0]", "tasks[1]", "tasks[2]", "tasks[3]"], tasks.Select(t => t.Name));
        Assert.Empty(tasks[0].Producers);
        Assert.Equal([0], tasks[1].Producers);
        Assert.Equal([0], tasks[2].Producers);
        Assert.Equal([1, 2], tasks[3].Producers.Order());
        Assert.All(result.Record.RunCounts, c => Assert.Equal(1, c));
        Assert.Equal(result.Record.Digests, new SequentialExecutor(Config).Run(JsonDag.Load(ExamplePath)).Record.Digests);
    }

    [Fact]
    public void Json_args_declare_tensors_and_the_TensorMap_finds_dependencies()
    {
        const string json = """
            { "tasks": [
                { "shape": "AIV", "name": "w", "args": [ { "tensor": "x", "offset": 0, "length": 4, "dir": "out" } ] },
                { "shape": "AIV", "args": [ { "tensor": "x", "offset": 2, "length": 1, "dir": "in" },
                                            { "tensor": "y", "length": 3, "dir": "inout" } ] },
                { "shape": "AIC", "deps": [1, 1, 0, 1], "args": [ { "tensor": "x", "offset": 0, "length": 8, "dir": "inout" } ] },
                { "shape": "aiv", "args": [ { "tensor": "y", "offset": 1, "length": 1, "dir": "IN" } ] }
            ] }
            """;
        var workload = JsonDag.Parse(json, "args-test.json");
        Assert.Equal("args-test", workload.Name);
        Assert.Equal(8, workload.Globals["x"].Length);
        Assert.Equal(3, workload.Globals["y"].Length);
        var (tasks, _, _) = Record(workload);
        Assert.Equal("w", tasks[0].Name);
        Assert.Empty(tasks[0].Producers);
        Assert.Equal([0], tasks[1].Producers);            // TensorMap: x[2] written by task 0
        Assert.Equal([0, 1], tasks[2].Producers.Order()); // deps deduplicated; x written by 0
        Assert.Equal(2, tasks[2].ExplicitDeps);
        Assert.Equal([1], tasks[3].Producers);            // y written (inout) by task 1
        AssertRaceFree(tasks);
    }

    [Fact]
    public void Json_faults_are_injected_and_name_the_task()
    {
        var workload = JsonDag.Parse("""{ "tasks": [ { "shape": "AIC" }, { "shape": "AIV", "name": "boom", "fault": "throw", "deps": [0] } ] }""", "f.json");
        var reference = new SequentialExecutor(Config).Run(workload);
        Assert.Equal(["task 'boom' (#1): Throw"], reference.InjectedFaults);
        var run = new WirelessRuntime<Wireless.Memory.FastMemory>(Config).Run(workload);
        Assert.Contains("the kernel of task 'boom' (#1) threw", run.Error);
        JsonDag.Parse("""{ "tasks": [ { "shape": "AIC", "fault": "hang" }, { "shape": "AIC", "fault": "none" } ] }""", "h.json");
    }

    [Fact]
    public void Json_fanin_overflow_names_the_task()
    {
        var deps = string.Join(", ", Enumerable.Range(0, 17));
        var tasks = string.Join(", ", Enumerable.Repeat("""{ "shape": "AIV" }""", 17));
        var workload = JsonDag.Parse($$"""{ "tasks": [ {{tasks}}, { "shape": "AIV", "name": "wide", "deps": [{{deps}}] } ] }""", "wide.json");
        var e = Assert.Throws<RuntimeErrorException>(() => new SequentialExecutor(Config).Run(workload));
        Assert.Contains("wide", e.Message);
    }

    public static TheoryData<string, string[]> BadJson => new()
    {
        { "{\n  \"tasks\": [\n    { \"shape\": \"AIC\" }\n    { \"shape\": \"AIV\" }\n  ]\n}", ["bad.json", "malformed JSON", "line 4, column 5"] },
        { "", ["malformed JSON", "line 1, column 1"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", } ] }", ["malformed JSON", "line 1"] },
        { "[1, 2]", ["top level must be an object"] },
        { "{ }", ["missing \"tasks\""] },
        { "{ \"tasks\": [] }", ["\"tasks\" is empty"] },
        { "{ \"tasks\": {} }", ["\"tasks\" must be an array"] },
        { "{ \"tasks\": [ 5 ] }", ["tasks[0] must be an object"] },
        { "{ \"tasks\": [ { \"kernel_ns\": 5 } ] }", ["tasks[0] has no \"shape\"", "AIC, AIV, MIX"] },
        { "{ \"tasks\": [ { \"shape\": \"GPU\" } ] }", ["tasks[0]", "unknown shape \"GPU\"", "AIC, AIV, MIX"] },
        { "{ \"tasks\": [ { \"shape\": 3 } ] }", ["unknown shape 3", "AIC, AIV, MIX"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\" }, { \"shape\": \"AIV\", \"deps\": [1] } ] }", ["tasks[1] depends on itself"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"deps\": [1] }, { \"shape\": \"AIV\" } ] }", ["tasks[0] depends on tasks[1], which comes later"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\" }, { \"shape\": \"AIV\", \"name\": \"consumer\", \"deps\": [7] } ] }",
            ["tasks[1] ('consumer')", "unknown task index 7", "2 tasks"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\" }, { \"shape\": \"AIV\", \"deps\": [-1] } ] }", ["tasks[1]", "unknown task index -1"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\" }, { \"shape\": \"AIV\", \"deps\": [\"0\"] } ] }", ["tasks[1]", "integer task indices", "\"0\""] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"deps\": 0 } ] }", ["\"deps\" must be an array"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"kernel_ns\": -5 } ] }", ["tasks[0]", "\"kernel_ns\" is negative (-5)"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"kernel_ns\": 1.5 } ] }", ["tasks[0]", "kernel_ns", "1.5"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"x\", \"length\": 4, \"dir\": \"rw\" } ] } ] }",
            ["tasks[0] args[0]", "unknown dir \"rw\"", "\"in\", \"out\", \"inout\""] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"x\", \"length\": 4 } ] } ] }", ["tasks[0] args[0] has no \"dir\""] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"x\", \"offset\": -1, \"length\": 4, \"dir\": \"in\" } ] } ] }",
            ["tasks[0] args[0]", "\"offset\" is negative (-1)"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"x\", \"length\": -4, \"dir\": \"in\" } ] } ] }",
            ["tasks[0] args[0]", "\"length\" is negative (-4)"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"x\", \"length\": 0, \"dir\": \"in\" } ] } ] }", ["\"length\" is 0"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"x\", \"dir\": \"in\" } ] } ] }", ["has no \"length\""] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"length\": 1, \"dir\": \"in\" } ] } ] }", ["has no \"tensor\""] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"\", \"length\": 1, \"dir\": \"in\" } ] } ] }", ["tensor must not be empty"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"x\", \"offset\": 2147483647, \"length\": 1, \"dir\": \"in\" } ] } ] }",
            ["tensor 'x'", "exceeds the largest supported tensor"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"fault\": \"crash\" } ] }", ["tasks[0]", "unknown fault \"crash\"", "\"throw\", \"hang\""] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"dep\": [0] } ] }", ["tasks[0]", "unknown property \"dep\"", "\"deps\""] },
        { "{ \"taks\": [ { \"shape\": \"AIC\" } ] }", ["the top-level object has unknown property \"taks\""] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"args\": [ { \"tensor\": \"x\", \"len\": 1, \"dir\": \"in\" } ] } ] }",
            ["tasks[0] args[0] has unknown property \"len\""] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"shape\": \"AIV\" } ] }", ["tasks[0] has property \"shape\" twice"] },
        { "{ \"name\": 5, \"tasks\": [ { \"shape\": \"AIC\" } ] }", ["\"name\" must be a string"] },
        { "{ \"tasks\": [ { \"shape\": \"AIC\", \"name\": \"\" } ] }", ["tasks[0].name must not be empty"] },
    };

    [Theory]
    [MemberData(nameof(BadJson))]
    public void Bad_json_gives_a_clear_error(string json, string[] expected)
    {
        var e = Assert.Throws<RuntimeErrorException>(() => JsonDag.Parse(json, "bad.json"));
        Assert.StartsWith("bad.json: ", e.Message);
        foreach (var part in expected) Assert.Contains(part, e.Message);
    }

    [Fact]
    public void A_missing_json_file_is_reported_with_its_path()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "no-such-file.json");
        var e = Assert.Throws<RuntimeErrorException>(() => WorkloadCatalog.Create(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("cannot read workload file", e.Message);
    }
}
