using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

/// <summary>
/// Bad configurations and bad programs. The runtime and the sequential reference must reject a bad program with the
/// same error; the runtime must report it (not hang), stop every thread, and stay usable for the next run.
/// </summary>
public sealed class BadInputTests
{
    private static readonly RuntimeConfig Small = new()
    {
        Window = 16,
        HeapElements = 1024,
        Schedulers = 1,
        Clusters = 2,
        TimeoutMilliseconds = 20_000,
    };

    /// <summary>A program given as a lambda.</summary>
    private sealed class Program : Workload
    {
        private readonly Action<IOrchestrator> _body;

        public Program(string name, int taskCount, Action<IOrchestrator> body, params (string Name, int Length)[] globals)
        {
            Name = name;
            TaskCount = taskCount;
            _body = body;
            foreach (var (n, length) in globals) Globals.Declare(n, length);
        }

        public override string Name { get; }
        public override int TaskCount { get; }
        public override void Orchestrate(IOrchestrator orchestrator) => _body(orchestrator);
    }

    private static TaskBuilder Aiv(IOrchestrator o, string? name = null) => o.NewTask(Kernel.Generic, Shape.AIV).Named(name);

    /// <summary>
    /// Both executors reject <paramref name="program"/> with the same message, which contains every fragment; the
    /// runtime reports it promptly and then runs a good workload.
    /// </summary>
    private static void AssertBothReject(RuntimeConfig config, Workload program, params string[] fragments)
    {
        var reference = Assert.Throws<RuntimeErrorException>(() => new SequentialExecutor(config).Run(program));
        foreach (var f in fragments) Assert.Contains(f, reference.Message);

        var runtime = new WirelessRuntime<FastMemory>(config);
        var result = runtime.Run(program);
        Assert.False(result.Succeeded, "the runtime accepted a program the reference rejects");
        Assert.Equal(reference.Message, result.Error);
        Assert.NotNull(result.StallDiagnostics);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"the error took {result.Elapsed} to report");
        AssertStillUsable(runtime, config);
    }

    /// <summary>The runtime runs a good workload correctly after a failed run.</summary>
    private static void AssertStillUsable(WirelessRuntime<FastMemory> runtime, RuntimeConfig config)
    {
        // Diamonds need 3 producers, 3 tensor arguments, a scalar and a window of 4; a chain needs only 1 producer and a scalar.
        var diamondsFit = config is { MaxFanin: >= 3, MaxTensorArgs: >= 3, MaxScalars: >= 1, Window: >= 4 };
        Workload good = diamondsFit ? new SmallDags.Diamonds(10) : new SmallDags.Chain(30);
        var expected = new SequentialExecutor(config).Run(good);
        var result = runtime.Run(good);
        Assert.True(result.Succeeded, $"the run after the failure failed: {result.Error}\n{result.StallDiagnostics}");
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
    }

    // ---- Configuration ----------------------------------------------------------------------------------------

    public static TheoryData<string, string> BadConfigs => new()
    {
        { "window 3", "window must be a power of two >= 2 (got 3)" },
        { "window 1", "window must be a power of two >= 2 (got 1)" },
        { "window 0", "window must be a power of two >= 2 (got 0)" },
        { "window -8", "window must be a power of two >= 2 (got -8)" },
        { "schedulers 0", "schedulers must be >= 1 (got 0)" },
        { "clusters below schedulers", "clusters must be >= schedulers so every scheduler owns a cluster (got 2 clusters for 3 schedulers)" },
        { "cpu 64", "CPU id 64 is out of range: the gate's mask has 64 bits (CPU ids 0..63)" },
        { "cpu -1", "CPU id -1 is out of range" },
        { "schedulers 62 on default CPUs", "schedulers must be <= 61 without launch CPU ids (got 62)" },
        { "too few launched", "2 launched threads cannot give 4 survivors (3 schedulers + 1 orchestrator)" },
        { "heap 8", "heap must hold at least 16 elements (got 8)" },
        { "fanin 0", "max fanin must be >= 1 (got 0)" },
        { "tensor args 0", "max tensor args must be >= 1 (got 0)" },
        { "wiring 3", "wiring queue capacity must be a power of two >= 2 (got 3)" },
        { "tensormap 0", "TensorMap capacity must be >= 1 (got 0)" },
        { "timeout -1", "timeout must be >= 0 ms (got -1)" },
        { "assigned launch with CPU ids", "launch CPU ids are the affinity gate's input: an assigned launch (no gate) takes none" },
    };

    private static RuntimeConfig BadConfig(string name) => name switch
    {
        "window 3" => Small with { Window = 3 },
        "window 1" => Small with { Window = 1 },
        "window 0" => Small with { Window = 0 },
        "window -8" => Small with { Window = -8 },
        "schedulers 0" => Small with { Schedulers = 0 },
        "clusters below schedulers" => Small with { Schedulers = 3, Clusters = 2 },
        "cpu 64" => Small with { LaunchCpuIds = [0, 1, 64] },
        "cpu -1" => Small with { LaunchCpuIds = [-1, 1, 2] },
        "schedulers 62 on default CPUs" => Small with { Schedulers = 62, Clusters = 62 },
        "too few launched" => Small with { Schedulers = 3, Clusters = 3, LaunchCpuIds = [5, 6] },
        "heap 8" => Small with { HeapElements = 8 },
        "fanin 0" => Small with { MaxFanin = 0 },
        "tensor args 0" => Small with { MaxTensorArgs = 0 },
        "wiring 3" => Small with { WiringQueueCapacity = 3 },
        "tensormap 0" => Small with { TensorMapCapacity = 0 },
        "timeout -1" => Small with { TimeoutMilliseconds = -1 },
        "assigned launch with CPU ids" => Small with { Launch = LaunchMode.Assigned, LaunchCpuIds = [0, 1] },
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void A_bad_configuration_is_rejected_by_both_executors_with_a_message_naming_it(string name, string message)
    {
        var config = BadConfig(name);
        var validate = Assert.Throws<ArgumentException>(() => config.Validate());
        Assert.Contains(message, validate.Message);
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => new WirelessRuntime<FastMemory>(config)).Message);
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => new SequentialExecutor(config)).Message);
    }

    [Fact]
    public void Seeded_bug_variants_on_the_production_instantiation_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new WirelessRuntime<FastMemory>(Small with { Bugs = Bug.DoubleWake }));
        Assert.Contains("need an instantiation that allows them", e.Message);
    }

    [Fact]
    public void The_smallest_good_configuration_is_accepted()
    {
        var config = new RuntimeConfig { Window = 2, HeapElements = 16, Schedulers = 1, Clusters = 1, LaunchCpuIds = [63, 0], TimeoutMilliseconds = 20_000 };
        Assert.Same(config, config.Validate());
        var chain = new SmallDags.Chain(20);
        var expected = new SequentialExecutor(config).Run(chain);
        var result = new WirelessRuntime<FastMemory>(config).Run(chain);
        Assert.True(result.Succeeded, result.Error);
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
    }

    // ---- Explicit dependencies --------------------------------------------------------------------------------

    [Fact]
    public void A_task_that_depends_on_itself_is_rejected()
    {
        var config = Small with { FirstLocalId = int.MaxValue };
        var program = new Program("self-dependency", 2, o =>
        {
            o.Submit(Aiv(o));
            o.Submit(Aiv(o, "selfish").Dep(new TaskId(int.MinValue)));   // its own id, just past the wrap
        });
        AssertBothReject(config, program, "task 'selfish' depends on itself");
    }

    [Fact]
    public void A_task_that_depends_on_a_later_task_is_rejected()
    {
        var config = Small with { FirstLocalId = 1000 };
        var program = new Program("forward-dependency", 2, o =>
        {
            o.Submit(Aiv(o));
            o.Submit(Aiv(o, "eager").Dep(new TaskId(1005)));
        });
        AssertBothReject(config, program, "task 'eager' depends on task#1005, which is not an earlier task of this run");
    }

    [Fact]
    public void A_task_that_depends_on_a_task_id_from_nowhere_is_rejected()
    {
        var config = Small with { FirstLocalId = 1000 };
        var program = new Program("unknown-dependency", 2, o =>
        {
            o.Submit(Aiv(o));
            o.Submit(Aiv(o, "lost").Dep(default));
        });
        AssertBothReject(config, program, "task 'lost' depends on task#0, which is not an earlier task of this run");
    }

    // ---- Fanin ------------------------------------------------------------------------------------------------

    [Fact]
    public void More_distinct_tensor_map_producers_than_the_fanin_maximum_is_rejected_naming_the_task()
    {
        // The writers have heap outputs in the open scope, so none can retire before the sink looks them up.
        var config = Small with { MaxFanin = 4 };
        var program = new Program("wide-fanin", 6, o =>
        {
            var t = o.Globals["t"];
            o.BeginScope();
            for (var i = 0; i < 5; i++)
            {
                var w = Aiv(o, $"writer-{i}").OutputExisting(t.View(8 * i, 8));
                w.Out(4);
                o.Submit(w);
            }
            o.Submit(Aiv(o, "sink").In(t));
            o.EndScope();
        }, ("t", 40));
        AssertBothReject(config, program, "task 'sink' has more than 4 distinct producers (the fanin maximum is 4)");
    }

    /// <summary>
    /// The fanin maximum bounds a task's live producers, as in the seed: the runtime's TensorMap lookup drops writers
    /// that already retired, so a program can pass the runtime's check in one run and fail it in another. The
    /// reference never retires anything, so it rejects such a program deterministically, and <c>run</c> runs it first.
    /// </summary>
    [Fact]
    public void A_fanin_overflow_among_already_retired_producers_is_rejected_by_the_reference_and_harmless_at_run_time()
    {
        // Window 2: the orchestrator gets the sink's slot only after every writer was reclaimed, so the runtime's
        // TensorMap lookup filters all of them out; the reference counts them.
        var config = Small with { MaxFanin = 4, Window = 2 };
        var program = new Program("wide-fanin-retired", 8, o =>
        {
            var t = o.Globals["t"];
            for (var i = 0; i < 5; i++) o.Submit(Aiv(o, $"writer-{i}").OutputExisting(t.View(8 * i, 8)));
            o.Submit(Aiv(o, "filler-0"));
            o.Submit(Aiv(o, "filler-1"));
            o.Submit(Aiv(o, "sink").In(t));
        }, ("t", 40));
        var e = Assert.Throws<RuntimeErrorException>(() => new SequentialExecutor(config).Run(program));
        Assert.Equal("task 'sink' has more than 4 distinct producers (the fanin maximum is 4)", e.Message);
        var result = new WirelessRuntime<FastMemory>(config).Run(program);
        Assert.True(result.Succeeded || result.Error == e.Message, result.Error);
    }

    [Fact]
    public void Explicit_dependencies_plus_a_creator_beyond_the_fanin_maximum_are_rejected_naming_the_task()
    {
        var config = Small with { MaxFanin = 3 };
        var program = new Program("deps-and-creator", 5, o =>
        {
            o.BeginScope();
            var deps = new TaskId[3];
            for (var i = 0; i < 3; i++) deps[i] = o.Submit(Aiv(o));
            var producer = Aiv(o);
            producer.Out(4);
            o.Submit(producer);
            var x = producer.Output(0);
            var sink = Aiv(o, "sink").In(x);
            foreach (var d in deps) sink.Dep(d);
            o.Submit(sink);
            o.EndScope();
        });
        AssertBothReject(config, program, "task 'sink' has more than 3 distinct producers");
    }

    [Fact]
    public void More_explicit_dependencies_than_the_fanin_maximum_are_rejected_naming_the_task()
    {
        var config = Small with { MaxFanin = 2 };
        var program = new Program("many-deps", 4, o =>
        {
            var a = o.Submit(Aiv(o));
            var b = o.Submit(Aiv(o));
            var c = o.Submit(Aiv(o));
            o.Submit(Aiv(o, "greedy").Dep(a).Dep(b).Dep(c));
        });
        AssertBothReject(config, program, "task 'greedy' has more than 2 explicit dependencies");
    }

    [Fact]
    public void More_scalars_than_the_maximum_are_rejected_naming_the_task()
    {
        var config = Small with { MaxScalars = 2 };
        var program = new Program("many-scalars", 1, o => o.Submit(Aiv(o, "chatty").Scalar(1).Scalar(2).Scalar(3)));
        AssertBothReject(config, program, "task 'chatty' has more than 2 scalar arguments");
    }

    [Fact]
    public void More_tensor_arguments_than_the_maximum_are_rejected_naming_the_task()
    {
        var config = Small with { MaxTensorArgs = 2 };
        var program = new Program("many-args", 1, o =>
        {
            var g = o.Globals["g"];
            o.Submit(Aiv(o, "hoarder").In(g.View(0, 1)).In(g.View(1, 1)).In(g.View(2, 1)));
        }, ("g", 4));
        AssertBothReject(config, program, "task 'hoarder' has more than 2 tensor arguments");
    }

    [Fact]
    public void A_tensor_outside_global_memory_is_rejected_naming_the_task()
    {
        var program = new Program("out-of-bounds", 1, o => o.Submit(Aiv(o, "stray").In(Tensor.External(1000, 8))), ("g", 8));
        AssertBothReject(Small, program, "task 'stray'");
    }

    [Fact]
    public void An_exception_thrown_by_the_orchestration_program_ends_the_run_with_its_message()
    {
        var program = new Program("throwing-program", 3, o =>
        {
            o.Submit(Aiv(o));
            throw new InvalidOperationException("the program gave up");
        });
        var reference = Assert.Throws<InvalidOperationException>(() => new SequentialExecutor(Small).Run(program));
        Assert.Equal("the program gave up", reference.Message);

        var runtime = new WirelessRuntime<FastMemory>(Small);
        var result = runtime.Run(program);
        Assert.False(result.Succeeded);
        Assert.Contains("the program gave up", result.Error);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"the error took {result.Elapsed} to report");
        AssertStillUsable(runtime, Small);
    }

    // ---- Heap and scopes --------------------------------------------------------------------------------------

    /// <summary>
    /// A heap read in a manual scope protected only by an ordering through another task: the owner's last consumer is
    /// B, so the owner can be reclaimed while C still reads its buffer. Only the reference sees the whole program, so
    /// it rejects it; with the dependency on the owner from the reader, or from any later task, it is accepted (the
    /// built-in manual paged attention covers protection by an earlier task's last consumer).
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void A_manual_scope_heap_read_needs_a_dependency_on_the_owner_from_the_reader_or_a_later_task(bool readerDepends, bool laterDepends)
    {
        var program = new Program("manual-read", laterDepends ? 4 : 3, o =>
        {
            o.BeginScope(ScopeMode.Manual);
            var a = Aiv(o, "a");
            a.Out(8);
            var aId = o.Submit(a);
            var buffer = a.Output(0);
            var bId = o.Submit(Aiv(o, "b").Dep(aId));
            var c = Aiv(o, "c").In(buffer).Dep(bId);
            if (readerDepends) c.Dep(aId);
            o.Submit(c);
            if (laterDepends) o.Submit(Aiv(o, "d").Dep(aId));
            o.EndScope();
        });
        if (readerDepends || laterDepends)
        {
            new SequentialExecutor(Small).Run(program);
            return;
        }
        var error = Assert.Throws<RuntimeErrorException>(() => new SequentialExecutor(Small).Run(program));
        Assert.Contains("task 'c' (#2) reads a heap buffer of task #0 in a manual scope, but the last consumer of #0 or of any earlier task is #1", error.Message);
    }

    [Fact]
    public void An_output_larger_than_the_heap_is_rejected()
    {
        var config = Small with { HeapElements = 256 };
        var program = new Program("huge-output", 1, o =>
        {
            var t = Aiv(o, "huge");
            t.Out(1000);
            o.Submit(t);
        });
        AssertBothReject(config, program, "task 'huge' needs 1008 heap elements for its outputs but the heap holds 256");
    }

    [Fact]
    public void An_alloc_tensors_buffer_of_length_zero_is_rejected()
    {
        var program = new Program("empty-alloc", 1, o =>
        {
            var outputs = new Tensor[1];
            o.AllocTensors([0], outputs);
        });
        AssertBothReject(Small, program, "alloc_tensors: buffer length must be positive (got 0)");
    }

    [Fact]
    public void A_scope_that_spans_more_than_the_window_is_reported_as_a_scope_deadlock_at_once()
    {
        var config = Small with { Window = 4, FirstLocalId = 500 };
        var program = new Program("scope-over-window", 5, o =>
        {
            o.BeginScope();
            for (var i = 0; i < 5; i++)
            {
                var t = Aiv(o, $"t{i}");
                t.Out(4);
                o.Submit(t);
            }
            o.EndScope();
        });
        AssertBothReject(config, program,
            "scope deadlock: task 't4' needs the slot of task#500, which an open scope pins; a scope may span at most the window (4 tasks)");
    }

    [Fact]
    public void A_scope_that_allocates_more_than_the_heap_is_reported_as_a_scope_deadlock_at_once()
    {
        var config = Small with { HeapElements = 64 };
        var program = new Program("scope-over-heap", 5, o =>
        {
            o.BeginScope();
            for (var i = 0; i < 5; i++)
            {
                var t = Aiv(o, $"t{i}");
                t.Out(16);
                o.Submit(t);
            }
            o.EndScope();
        });
        AssertBothReject(config, program, "scope deadlock: task 't4' needs heap that task#0's open scope pins", "exceed the heap (64 elements)");
    }

    [Fact]
    public void A_heap_tensor_used_after_its_scope_ended_is_rejected()
    {
        var program = new Program("use-after-scope", 2, o =>
        {
            o.BeginScope();
            var producer = Aiv(o, "producer");
            producer.Out(8);
            o.Submit(producer);
            var x = producer.Output(0);
            o.EndScope();
            o.Submit(Aiv(o, "late-reader").In(x));
        });
        AssertBothReject(Small, program, "task 'late-reader' uses a tensor of task#0 after the scope that created it ended");
    }

    [Fact]
    public void EndScope_without_BeginScope_is_rejected()
    {
        var program = new Program("unbalanced-scope", 1, o =>
        {
            o.Submit(Aiv(o));
            o.EndScope();
        });
        AssertBothReject(Small, program, "EndScope without a matching BeginScope");
    }

    // ---- Task count -------------------------------------------------------------------------------------------

    [Fact]
    public void Submitting_more_tasks_than_the_workload_declares_is_rejected()
    {
        var program = new Program("over-submit", 2, o =>
        {
            for (var i = 0; i < 3; i++) o.Submit(Aiv(o, $"t{i}"));
        });
        AssertBothReject(Small, program, "task 't2': the workload submits more tasks than the 2 it declares");
    }

    [Fact]
    public void Submitting_fewer_tasks_than_the_workload_declares_is_rejected()
    {
        var program = new Program("under-submit", 3, o =>
        {
            for (var i = 0; i < 2; i++) o.Submit(Aiv(o));
        });
        AssertBothReject(Small, program, "declares 3 tasks but submitted 2");
    }

    // ---- Faults (runtime only: the reference has no outcome for a faulty task) --------------------------------

    private static Program FaultyChain(KernelFault fault, string name) => new($"fault-{fault}", 3, o =>
    {
        var first = o.Submit(Aiv(o, "before"));
        var faulty = o.Submit(Aiv(o, name).WithFault(fault).Dep(first));
        o.Submit(Aiv(o, "after").Dep(faulty));
    });

    [Fact]
    public void The_reference_records_an_injected_fault_instead_of_running_the_task()
    {
        var reference = new SequentialExecutor(Small).Run(FaultyChain(KernelFault.Throw, "boom"));
        Assert.Equal(["task 'boom' (#1): Throw"], reference.InjectedFaults);
        Assert.Equal([1, 0, 1], reference.Record.RunCounts);
    }

    [Fact]
    public void A_kernel_that_throws_stops_the_run_with_an_error_naming_the_task()
    {
        var runtime = new WirelessRuntime<FastMemory>(Small);
        var result = runtime.Run(FaultyChain(KernelFault.Throw, "boom"));
        Assert.False(result.Succeeded);
        Assert.Contains("the kernel of task 'boom' (#1) threw on core", result.Error);
        Assert.Contains("injected kernel fault", result.Error);
        Assert.NotNull(result.StallDiagnostics);
        Assert.Matches(@"task 'boom' \(#1\): running on core \d+", result.StallDiagnostics);
        Assert.Contains("task 'after' (#2)", result.StallDiagnostics);
        Assert.Equal(0, result.Record.RunCounts[2]);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"the fault took {result.Elapsed} to report");
        AssertStillUsable(runtime, Small);
    }

    [Fact]
    public void A_kernel_that_hangs_times_out_with_stall_diagnostics_showing_it_on_a_core()
    {
        var config = Small with { TimeoutMilliseconds = 500 };
        var runtime = new WirelessRuntime<FastMemory>(config);
        var result = runtime.Run(FaultyChain(KernelFault.Hang, "stuck"));
        Assert.False(result.Succeeded);
        Assert.Contains("no progress for 500 ms", result.Error);
        Assert.NotNull(result.StallDiagnostics);
        Assert.Matches(@"task 'stuck' \(#1\): running on core \d+", result.StallDiagnostics);
        Assert.Contains("task 'after' (#2): on the wake list of task#1; waits on task#1", result.StallDiagnostics);
        Assert.Equal(1, result.Record.RunCounts[0]);
        Assert.Equal(0, result.Record.RunCounts[1]);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10), $"the timeout took {result.Elapsed}");
        AssertStillUsable(runtime, config);
    }

    // ---- TensorMap pool ---------------------------------------------------------------------------------------

    [Fact]
    public void A_tensor_map_pool_too_small_for_the_live_writers_is_reported_as_exhausted()
    {
        // writer-a's entry cannot be freed: its heap output keeps it pinned while the scope is open. writer-b needs
        // a second entry, and no completion can ever free one.
        var config = Small with { TensorMapCapacity = 1 };
        var program = new Program("tensormap-exhausted", 2, o =>
        {
            o.BeginScope();
            var a = Aiv(o, "writer-a").InOut(o.Globals["g1"]);
            a.Out(4);
            o.Submit(a);
            o.Submit(Aiv(o, "writer-b").InOut(o.Globals["g2"]));
            o.EndScope();
        }, ("g1", 8), ("g2", 8));

        // The pool is a runtime resource: the reference (unbounded pool) runs the program.
        new SequentialExecutor(config).Run(program);

        var runtime = new WirelessRuntime<FastMemory>(config);
        var result = runtime.Run(program);
        Assert.False(result.Succeeded);
        Assert.Contains("TensorMap pool exhausted", result.Error);
        Assert.Contains("capacity of 1 while submitting task 'writer-b'", result.Error);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(5), $"the error took {result.Elapsed} to report");
        AssertStillUsable(runtime, config);
    }
}
