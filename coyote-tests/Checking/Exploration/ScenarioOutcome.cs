using Wireless.Checking.Scenarios;

namespace Wireless.Checking.Exploration;

/// <summary>What exploring one scenario found.</summary>
public sealed record ScenarioOutcome(
    Scenario Scenario,
    int Iterations,
    long TotalSteps,
    int MaxSteps,
    TimeSpan Elapsed,
    string? Bug,
    string? TracePath)
{
    public double IterationsPerSecond => Iterations / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
