using Wireless.Checking.MemoryModel;
using Wireless.Checking.Monitors;
using Wireless.Checking.Scenarios;
using Wireless.Checking.Seam;
using Wireless.Memory;
using Wireless.Verification;

namespace Wireless.Checking.Exploration;

/// <summary>
/// The body of one Coyote iteration of a workload scenario: run the checked runtime on the scenario's workload with
/// the specification monitors on, then check the end state: no runtime error, every task completed once (S1), the
/// output equals the sequential reference (S5).
/// </summary>
public sealed class Iteration(Scenario scenario, Bug bugs, bool record, bool memoryModel = false, OrderingVariant? ordering = null)
{
    private readonly RuntimeConfig _config = scenario.CheckedConfig(bugs);
    private ReferenceResult? _reference;

    /// <summary>The last iteration's recorded steps (when recording).</summary>
    public IReadOnlyList<TraceStep> LastSteps { get; private set; } = [];

    public long LastStepCount { get; private set; }

    /// <summary>Where the incomplete tasks of the last iteration were when it stopped (empty for the gate scenario).</summary>
    public string DescribeLastState() => _lastRuntime?.DescribeStall() ?? "";

    private WirelessRuntime<CheckedMemory>? _lastRuntime;

    public void Run()
    {
        if (scenario.CustomBody is { } body)
        {
            var map = new MemoryMap();
            var gateRun = CheckRun.Begin(new SpecMonitor(new ProgramStructure(0), 0, _ => []), record, map.Describe, exec => $"exec-{exec}", memoryModel, ordering);
            ProgressMonitor.Register();
            try
            {
                body(bugs, map);
            }
            finally
            {
                ProgressMonitor.NotifyFinished();
                LastSteps = gateRun.Steps;
                LastStepCount = gateRun.StepCount;
            }
            return;
        }

        var workload = scenario.Workload!();
        // The reference runs outside the checked seam (it is sequential); computed once per exploration.
        _reference ??= new SequentialExecutor(_config).Run(workload);
        var runtime = new WirelessRuntime<CheckedMemory>(_config);
        _lastRuntime = runtime;
        var ring = runtime.Ring;
        var monitor = new SpecMonitor(_reference.Structure, _config.FirstLocalId, id =>
        {
            var slot = ring.SlotOf(id);
            return ring.FaninStripe(slot)[..ring.Descriptor(slot).FaninCount].ToArray();
        });
        var orchestrator = _config.WantedThreads - 1;
        var run = CheckRun.Begin(monitor, record, runtime.DescribeAddress, exec => exec == orchestrator ? "orch" : $"sched-{exec}", memoryModel, ordering);
        ProgressMonitor.Register();
        try
        {
            var result = runtime.Run(workload);
            ProgressMonitor.NotifyFinished();
            SpecMonitor.Check(result.Error is null, "E", $"the runtime reported an error: {result.Error}");
            monitor.CheckFinished();
            var mismatch = Verifier.Compare(_reference, result.Record, result.FinalGlobals);
            SpecMonitor.Check(mismatch is null, "S5", $"the output differs from the sequential reference: {mismatch}");
        }
        finally
        {
            LastSteps = run.Steps;
            LastStepCount = run.StepCount;
        }
    }
}
