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

    public double IterationsPerSecond => Iterations / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
