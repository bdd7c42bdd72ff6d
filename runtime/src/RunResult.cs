using Wireless.Gate;
using Wireless.Scheduling;
using Wireless.Verification;

namespace Wireless;

/// <summary>The outcome of one run of the runtime.</summary>
public sealed class RunResult
{
    public required string Workload { get; init; }
    public required int Tasks { get; init; }
    public required TimeSpan Elapsed { get; init; }
    /// <summary>The first error latched during the run (kernel fault, timeout, bad program), or null.</summary>
    public required string? Error { get; init; }
    /// <summary>Where every incomplete task was when the run stopped; set when the run failed.</summary>
    public required string? StallDiagnostics { get; init; }
    public required ExecutionRecord Record { get; init; }
    public required int[] FinalGlobals { get; init; }
    public required IReadOnlyList<SchedulerProfile> Profiles { get; init; }
    /// <summary>The orchestrator's time per submit-path phase (timed when the configuration asks for profiling).</summary>
    public required Orchestration.OrchestratorProfile OrchestratorProfile { get; init; }
    public required IReadOnlyList<GatePass> GatePasses { get; init; }

    public bool Succeeded => Error is null;
    public double TasksPerSecond => Tasks / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double NanosecondsPerTask => Elapsed.TotalNanoseconds / Math.Max(Tasks, 1);
}
