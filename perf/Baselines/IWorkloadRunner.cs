using Wireless.Verification;

namespace Wireless.Perf.Baselines;

/// <summary>
/// One way to execute a workload, created once and run many times (a benchmark measures <see cref="Run"/>): one of
/// the two reference runtimes, the TPL baseline or the sequential bound. Device memory and the execution record
/// are allocated once and reused by every run.
/// </summary>
internal interface IWorkloadRunner
{
    /// <summary>One of <see cref="RunnerKinds.Names"/>.</summary>
    string Name { get; }

    /// <summary>Runs the workload once; throws if the run failed.</summary>
    void Run();

    /// <summary>Null if the last run's output equals <paramref name="expected"/>; otherwise the first difference.</summary>
    string? Verify(ReferenceResult expected);
}
