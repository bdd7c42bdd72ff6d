using Wireless.Checking.Scenarios;

namespace Wireless.Checking.Exploration;

/// <summary>
/// What exploring one scenario found: the budget used, the bug and its trace if any, the properties checked, and why
/// the conformance check was left out if it was asked for and the model cannot represent the scenario.
/// </summary>
public sealed record ScenarioOutcome(
    Scenario Scenario,
    int Iterations,
    long TotalSteps,
    int MaxSteps,
    TimeSpan Elapsed,
    string? Bug,
    string? TracePath,
    string Checks,
    string? ConformanceSkipped)
{
    /// <summary>Spin hints at which the idle-poll reduction blocked a thread, over all iterations.</summary>
    public long IdleBlocks { get; init; }

    /// <summary>Time the garbage collector paused the process while exploring (all threads).</summary>
    public TimeSpan GcPause { get; init; }

    /// <summary>Bytes allocated while exploring (all threads).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>The share of the exploration's wall time spent in GC pauses.</summary>
    public double GcPauseShare => GcPause.TotalSeconds / Math.Max(Elapsed.TotalSeconds, 1e-9);

    public double IterationsPerSecond => Iterations / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
