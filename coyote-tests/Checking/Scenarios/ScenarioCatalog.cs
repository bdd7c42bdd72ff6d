using Wireless.Workloads;

namespace Wireless.Checking.Scenarios;

/// <summary>
/// The named exploration scenarios: small configurations (2 scheduler threads + the orchestrator, 2 clusters = 6
/// core threads, 4 launched AICPU threads of which the gate keeps 3) that each put one part of the protocol under
/// pressure. <see cref="FromJson"/> turns a DAG file of the <c>run</c> command into a scenario.
/// </summary>
public static class ScenarioCatalog
{
    /// <summary>The configuration every scenario starts from.</summary>
    public static RuntimeConfig Base { get; } = new()
    {
        Window = 8,
        Schedulers = 2,
        Clusters = 2,
        HeapElements = 256,
        LaunchCpuIds = [5, 9, 3, 12],
        // Far more than a scenario's tasks ever insert, and 32 KB instead of the 2 MB default a new runtime would
        // allocate in every iteration.
        TensorMapCapacity = 1024,
    };

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("chain", "6-task chain in a window of 2: every completion wakes the next task; constant slot reuse",
            () => new SmallDags.Chain(6), Base with { Window = 2 }),
        new("diamond", "two diamonds with data edges (AIC -> 2 AIV -> MIX) chained through an INOUT tensor",
            () => new SmallDags.Diamonds(2), Base),
        new("wide-fanin", "6 independent producers, one consumer at the fanin maximum of 6",
            () => new SmallDags.FanIn(6), Base with { MaxFanin = 6 }),
        new("fan-out", "one producer, 5 consumers registering on its wake list while it completes",
            () => new SmallDags.FanOut(5), Base),
        new("paged-attention-small1", "the built-in 13-task paged attention (scopes, alloc_tensors, TensorMap)",
            () => PagedAttention.Small1(), Base with { Window = 16, HeapElements = 1024 }),
        new("mini-bgemm", "bgemm with 3 groups (12 tasks): GEMM -> ADD chains through an INOUT tile",
            () => new Bgemm("mini-bgemm", 3, 2), Base with { HeapElements = 512 }),
        new("small-ring", "16 tasks in a window of 4: constant back-pressure and slot reuse",
            () => new SmallDags.Layers(4, 4), Base with { Window = 4 }),
        new("small-ring-inline", "small-ring with the cores inline in their schedulers: out-of-order completions under back-pressure with no core-thread steps between them",
            () => new SmallDags.Layers(4, 4), Base with { Window = 4 }) { Cores = CoreDriver.Inline },
        new("out-of-order", "7 independent AIC/AIV/MIX tasks finishing in any order, then a sink",
            () => new SmallDags.Independent(7), Base),
        new("id-wrap", "out-of-order with local ids crossing the int wrap: the MIX task #5 gets the id int.MinValue",
            () => new SmallDags.Independent(7), Base with { FirstLocalId = int.MaxValue - 4 }),
        new("late-deps", "late tasks depending on early ones that may be reclaimed as they are stamped",
            () => new SmallDags.LateDependencies(3), Base with { Window = 4 }),
        new("scoped-outputs", "buffers read again after their producer had no pending consumer; tiny heap",
            () => new SmallDags.ScopedOutputs(2), Base with { HeapElements = 64 }),
        new("pending-backlog", "a task with one unmet producer classified while the pending FIFO holds more tasks than the poll budget of 1",
            () => new SmallDags.PendingBacklog(4), Base with { PollBudget = 1 }),
        new("three-schedulers", "3 scheduler threads (each owning a cluster) and the orchestrator on layers of tasks in a window of 4",
            () => new SmallDags.Layers(3, 3), Base with { Window = 4, Schedulers = 3, Clusters = 3, LaunchCpuIds = [5, 9, 3, 12, 7] }),
        new("nested-scopes", "scopes nested two deep with alloc_tensors buffers read across the inner scope's end; 12 tasks, window 8",
            () => new SmallDags.NestedScopes(2), Base with { HeapElements = 64 }),
        new("wrap-reuse", "a chain in a window of 2 whose local ids cross the int wrap while its slots are reused",
            () => new SmallDags.Chain(6), Base with { Window = 2, FirstLocalId = int.MaxValue - 2 }),
        new("random-1", "random DAG, seed 1, 12 tasks", () => new RandomDag(1, 12), Base with { Window = 16, HeapElements = 1024 }),
        new("random-2", "random DAG, seed 2, 12 tasks", () => new RandomDag(2, 12), Base with { Window = 16, HeapElements = 1024 }),
        new("random-3", "random DAG, seed 3, 12 tasks", () => new RandomDag(3, 12), Base with { Window = 16, HeapElements = 1024 }),
        GateScenario.Create(),
    ];

    /// <summary>
    /// The configuration of the proof-sized protocol scenarios: 2 scheduler threads and the orchestrator, launched with
    /// their exec indexes assigned (<see cref="LaunchMode.Assigned"/>: the gate, which has proof scenarios of its own,
    /// does not run), 2 clusters whose cores run inline in their scheduler, so that a bounded search
    /// (<c>--strategy bounded</c>) can enumerate every schedule with few preemptions.
    /// </summary>
    public static RuntimeConfig ProofBase { get; } = Base with { Launch = LaunchMode.Assigned, LaunchCpuIds = null, Window = 2 };

    /// <summary>
    /// The proof-sized scenarios (spec/SPEC.md §9.2): the smallest configurations that still contain each hazard, for the
    /// bounded strategy to exhaust. <c>explore proofs</c> explores them all; with two worker processes each takes a
    /// consecutive run (the first three, the last three), so this order splits the K = 1 search about evenly (7,300
    /// schedules against 10,600: proof-wake-close 3,496, proof-scope-pin 3,636 and a gate's hundred and thirty, against
    /// the other gate's, proof-slot-reuse 4,176 and proof-late-close 6,184).
    /// </summary>
    public static IReadOnlyList<Scenario> Proofs { get; } =
    [
        new("proof-wake-close", "one producer, 2 consumers: registrations on its wake list race its close; window 4",
            () => new SmallDags.FanOut(2), ProofBase with { Window = 4 }) { Cores = CoreDriver.Inline },
        new("proof-scope-pin", "a scope's outputs read after their producer had no pending consumer; the pin released while a consumer is pending; window 8",
            () => new SmallDags.ScopedOutputs(1), ProofBase with { Window = 8 }) { Cores = CoreDriver.Inline },
        GateScenario.RepeatedCpu,
        GateScenario.RankedCpus,
        new("proof-slot-reuse", "3-task chain in a window of 2: a slot is reused while its previous task's completer may still be in its completion path",
            () => new SmallDags.Chain(3), ProofBase) { Cores = CoreDriver.Inline },
        new("proof-late-close", "4-task chain in a window of 2: a completer still closing its wake list while the watermark passes its task and the slot is reclaimed for the task after next",
            () => new SmallDags.Chain(4), ProofBase) { Cores = CoreDriver.Inline },
    ];

    /// <summary>A named scenario, or <c>random:&lt;seed&gt;:&lt;tasks&gt;</c> (a random DAG in a window of 16); null if neither.</summary>
    public static Scenario? Find(string name)
    {
        if (All.Concat(Proofs).FirstOrDefault(s => s.Name == name) is { } scenario) return scenario;
        if (!name.StartsWith("random:", StringComparison.Ordinal)) return null;
        var workload = WorkloadCatalog.Create(name);
        return new Scenario(name, $"random DAG {name} ({workload.TaskCount} tasks)", () => WorkloadCatalog.Create(name),
            Base with { Window = 16, HeapElements = 1024 });
    }

    /// <summary>A scenario for a DAG file of the <c>run</c> command.</summary>
    public static Scenario FromJson(string path) => FromJsonText(Path.GetFileName(path), File.ReadAllText(path), path);

    /// <summary>A scenario for a DAG given as JSON text (a trace carries the DAG it was found on).</summary>
    public static Scenario FromJsonText(string name, string json, string? source = null)
    {
        var dag = JsonDag.Parse(json, source ?? name);
        return new Scenario(name, $"DAG from {source ?? name} ({dag.TaskCount} tasks)", () => JsonDag.Parse(json, source ?? name),
            // A DAG of any size: the runtime's default TensorMap pool, not the small scenarios' one.
            Base with { HeapElements = 4096, TensorMapCapacity = new RuntimeConfig().TensorMapCapacity }) { DagJson = json };
    }
}
