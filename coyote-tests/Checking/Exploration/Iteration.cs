using System.Diagnostics;
using Wireless.Checking.Bounded;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Monitors;
using Wireless.Checking.Scenarios;
using Wireless.Checking.Seam;
using Wireless.Memory;
using Wireless.Verification;
using ModelConfig = Wireless.Spec.Model.ModelConfig;

namespace Wireless.Checking.Exploration;

/// <summary>
/// The body of one Coyote iteration of a workload scenario: run the checked runtime on the scenario's workload with
/// the specification monitors on (and, with <see cref="ExploreOptions.Conformance"/>, the conformance monitor: the run's labelled
/// actions must be a run of the protocol model), then check the end state: no runtime error, every task completed once
/// (S1), the model can complete too (C1), the output equals the sequential reference (S5).
/// </summary>
/// <remarks>
/// <see cref="ExploreOptions.Runtime"/> picks the runtime under test: the wireless runtime, or the wired baseline it
/// replaced (same ring, device, queues, gate and seam; its events feed the same monitors). The protocol model is of the
/// wireless design, so conformance is checked for the wireless runtime only. Of <paramref name="options"/> an iteration
/// uses the variant, the memory model, the conformance check and the idle-poll reduction; the budget and the strategy
/// are the explorer's.
/// </remarks>
public sealed class Iteration(Scenario scenario, ExploreOptions options, bool record)
{
    /// <summary>The most model states the conformance check explores for one observation before it is inconclusive.</summary>
    public const int ConformanceMaxStates = 2_000_000;

    private readonly RuntimeConfig _config = scenario.CheckedConfig(options.Variant);
    private ReferenceResult? _reference;
    private ModelConfig? _model;
    private ConformanceMonitor? _conformance;
    /// <summary>The conformance monitor every iteration reuses (its model's search structures are large).</summary>
    private ConformanceMonitor? _conformanceMonitor;

    /// <summary>
    /// Why the conformance check was asked for but left out (the model cannot represent the scenario), or null. Known
    /// once the first iteration ran.
    /// </summary>
    public string? ConformanceSkipped { get; private set; }

    /// <summary>True if the conformance check runs in this scenario's iterations (known once the first one ran).</summary>
    public bool ChecksConformance => _model is not null;

    /// <summary>The last iteration's recorded steps (when recording), read from its run: see <see cref="_earlier"/>.</summary>
    public IReadOnlyList<TraceStep> LastSteps => _lastRun?.Steps ?? [];

    /// <summary>What the last iteration's blocked threads wait for (<see cref="CheckRun.DescribeWaits"/>).</summary>
    public string LastWaits => _lastRun?.DescribeWaits() ?? "";

    /// <summary>Spin hints, over all iterations so far, at which the idle-poll reduction blocked a thread.</summary>
    public long IdleBlocks => _earlier.IdleBlocks + (_lastRun?.Idle.Blocks ?? 0);

    /// <summary>Accesses the ordering variant weakened, over all iterations so far.</summary>
    public long Weakened => _earlier.Weakened + (_lastRun?.Weakened ?? 0);

    /// <summary>Protocol labels the conformance check matched against the model, over all iterations so far.</summary>
    public long ConformanceLabels => _earlier.Labels + (_lastRun?.Conformance?.Matched ?? 0);

    /// <summary>
    /// The counts of the iterations before the last one. The last one's are read from its run directly: when Coyote
    /// stops an iteration (a bug), its finally blocks may run after the engine returned.
    /// </summary>
    private (long IdleBlocks, long Weakened, long Labels) _earlier;

    private CheckRun? _lastRun;

    /// <summary>Makes the bounded strategy's scheduler of each iteration, or null: Coyote's strategy schedules.</summary>
    public Func<BoundedScheduler>? Schedules { get; init; }

    /// <summary>Whether the last iteration ran to its end (false: it failed, or Coyote stopped it).</summary>
    public bool LastCompleted { get; private set; }

    /// <summary>The last iteration's bounded scheduler (its decisions), or null.</summary>
    public BoundedScheduler? LastSchedule { get; private set; }

    /// <summary>Fingerprints each iteration's execution graph (reset at its start).</summary>
    private readonly ExecutionHash _hash = new();

    /// <summary>The fingerprints of the execution graphs of the iterations so far.</summary>
    private readonly HashSet<ulong> _executions = [];

    /// <summary>
    /// Distinct execution graphs among the iterations so far: interleavings that differ in more than the order of
    /// independent accesses (<see cref="ExecutionHash"/>).
    /// </summary>
    public long DistinctExecutions => _executions.Count;

    /// <summary>The memory model every iteration reuses (reset at its start), or null without it.</summary>
    private WeakMemory? Model { get; } = options.MemoryModel ? new WeakMemory() : null;

    /// <summary>
    /// Where the incomplete tasks of the last iteration were when it stopped (empty for the gate scenario), and, after a
    /// conformance mismatch, the model states the run could have been in.
    /// </summary>
    public string DescribeLastState()
    {
        var state = _lastRuntime?.DescribeStall() ?? "";
        return _conformance?.Failure is { } failure ? $"{state.TrimEnd()}\nConformance (C1):\n{failure}" : state;
    }

    private RuntimeHost<CheckedMemory>? _lastRuntime;

    public void Run()
    {
        RetireLastRun();
        var bounded = LastSchedule = Schedules?.Invoke();
        LastCompleted = false;
        if (scenario.CustomBody is { } body)
        {
            var map = new MemoryMap();
            var gateRun = CheckRun.Begin(new SpecMonitor(new ProgramStructure(0), 0, _ => []), record, map.Describe, exec => $"exec-{exec}",
                Model, options.Ordering, idle: options.Idle, bounded: bounded, plainPoints: options.PlainPointsInForce, hash: _hash);
            // Known at once: when Coyote stops a run (a bug), the finally below may run after the engine returned.
            _lastRun = gateRun;
            // The bounded strategy runs outside Coyote's engine and reports a lack of progress itself (a deadlock, or its step bound).
            if (bounded is null) ProgressMonitor.Register();
            try
            {
                body(options.Variant, map);
                LastCompleted = true;
            }
            catch (StaleThreadException)
            {
                // Coyote stopped this iteration and another run began (see CheckRun.CurrentOrNull): nothing more to do.
            }
            finally
            {
                if (Finished(gateRun)) ProgressMonitor.NotifyFinished();
            }
            return;
        }

        var workload = scenario.Workload!();
        if (_reference is null)
        {
            // The reference runs outside the checked seam (it is sequential); computed once per exploration, and with
            // it the model configuration of the conformance check.
            _reference = new SequentialExecutor(_config).Run(workload);
            if (options.Conformance) BuildModel();
        }
        var host = (RuntimeHost<CheckedMemory>)RuntimeKinds.Create<CheckedMemory>(options.Runtime, _config);
        _lastRuntime = host;
        var ring = host.Ring;
        Func<int, int[]> fanin = id =>
        {
            var slot = ring.SlotOf(id);
            return ring.FaninStripe(slot)[..ring.Descriptor(slot).FaninCount].ToArray();
        };
        var monitor = new SpecMonitor(_reference.Structure, _config.FirstLocalId, fanin);
        _conformance = _model is null ? null : (_conformanceMonitor ??= new ConformanceMonitor(_model, _config, ConformanceMaxStates)).Begin(fanin);
        var orchestrator = _config.WantedThreads - 1;
        var run = CheckRun.Begin(monitor, record, host.DescribeAddress, exec => exec == orchestrator ? "orch" : $"sched-{exec}",
            Model, options.Ordering, _conformance, options.Idle, bounded, options.PlainPointsInForce, _hash);
        _lastRun = run;
        if (bounded is null) ProgressMonitor.Register();
        try
        {
            var result = host.Run(workload);
            ProgressMonitor.NotifyFinished();
            SpecMonitor.Check(result.Error is null, "E", $"the runtime reported an error: {result.Error}");
            monitor.CheckFinished();
            _conformance?.CheckFinished();
            var mismatch = Verifier.Compare(_reference, result.Record, result.FinalGlobals);
            SpecMonitor.Check(mismatch is null, "S5", $"the output differs from the sequential reference: {mismatch}");
            LastCompleted = true;
        }
        catch (StaleThreadException)
        {
            // Coyote stopped this iteration and another run began (see CheckRun.CurrentOrNull): nothing more to do.
        }
        finally
        {
            Finished(run);
        }
    }

    /// <summary>Runtime threads of earlier iterations that were still running when the next one began.</summary>
    private readonly List<Thread> _stragglers = [];

    /// <summary>
    /// Called once Coyote's engine returned: waits, at most <see cref="StragglerTimeout"/>, until every runtime thread of this
    /// exploration has stopped. Coyote ends an iteration (a bug, a verdict, its step bound) by interrupting its waiting
    /// threads, which then unwind outside its control, often after the engine returned (in about 40 % of the engine runs
    /// of VariantTests and BoundedTests, each gone within 3 ms). The next engine (the replay of the bug just found, the
    /// next scenario) must not share the process with them: the seam stops them at their next access
    /// (<see cref="CheckRun.CurrentOrNull"/>), but what they touch outside it (the progress monitor, Coyote's own state)
    /// it cannot guard. A thread still running at the timeout is left to that guard.
    /// </summary>
    public void AwaitStragglers()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StragglerTimeout.TotalSeconds * Stopwatch.Frequency);
        foreach (var thread in _stragglers.Concat(_lastRun?.OsThreads ?? []))
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero || !thread.Join(left)) return;
        }
        _stragglers.Clear();
    }

    private static readonly TimeSpan StragglerTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Adds the previous iteration's counts to the earlier ones; called first thing (its monitors are reused).</summary>
    private void RetireLastRun()
    {
        if (_lastRun is not { } previous) return;
        _stragglers.RemoveAll(t => !t.IsAlive);
        _stragglers.AddRange(previous.OsThreads.Where(t => t.IsAlive));
        _earlier = (_earlier.IdleBlocks + previous.Idle.Blocks, _earlier.Weakened + previous.Weakened, _earlier.Labels + (previous.Conformance?.Matched ?? 0));
        _lastRun = null;
    }

    /// <summary>
    /// The iteration's main thread leaves its run and records its fingerprint, unless a later run began (the thread
    /// outlived its iteration: the progress monitor and the fingerprints belong to the later one). False in that case.
    /// </summary>
    private bool Finished(CheckRun run)
    {
        CheckRun.Leave();
        if (!ReferenceEquals(CheckRun.CurrentOrNull, run)) return false;
        _executions.Add(_hash.Fingerprint());
        return true;
    }

    /// <summary>
    /// Why conformance is not checked under the memory model: the model is sequentially consistent, and a load of the
    /// weak model may read an older store (a flag poll that still sees "not completed" after the completion's label),
    /// so the order in which labels happen is no longer a run of the model although the runtime is right.
    /// </summary>
    public const string NotUnderMemoryModel =
        "the protocol model is sequentially consistent and a load under the memory model may read an older store, so the "
        + "labels' order is not a run of the model; conformance is checked with --memory-model off";

    /// <summary>
    /// Why no scenario of a run on <paramref name="runtime"/> with or without the memory model can be checked for
    /// conformance, or null if each can (unless the model cannot represent that scenario).
    /// </summary>
    public static string? WhyNoConformance(string runtime, bool memoryModel)
        => runtime != RuntimeKinds.Wireless ? $"the protocol model is of the wireless design, not of the {runtime} runtime"
            : memoryModel ? NotUnderMemoryModel
            : null;

    /// <summary>The model configuration of the scenario, or why there is none (<see cref="ConformanceSkipped"/>).</summary>
    private void BuildModel()
    {
        if (WhyNoConformance(options.Runtime, options.MemoryModel) is { } why)
        {
            ConformanceSkipped = why;
            return;
        }
        try
        {
            _model = ConformanceMonitor.ModelOf(scenario.Name, _reference!.Structure, _config);
        }
        catch (ArgumentException e)
        {
            ConformanceSkipped = e.Message;
        }
    }
}
