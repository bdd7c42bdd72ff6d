namespace Wireless.Spec.Checking;

/// <summary>How to explore.</summary>
public sealed record ExploreOptions
{
    /// <summary>Stop at the first violation (the shortest, by breadth-first order) instead of exploring everything.</summary>
    public bool StopAtFirstViolation { get; init; } = true;

    /// <summary>Refuse to go beyond this many states: the check then reports that the configuration is too big.</summary>
    public int MaxStates { get; init; } = 100_000_000;

    /// <summary>Receives progress lines during long explorations (null: silent).</summary>
    public TextWriter? Progress { get; init; }
}
