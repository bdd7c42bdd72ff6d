namespace Wireless.Checking.Exploration;

/// <summary>
/// What exploring one scenario found: the budget used, the bug and its trace if any, the properties checked, and why
/// the conformance check was left out if it was asked for and the model cannot represent the scenario. Outcomes of
/// the parts of a sharded exploration <see cref="Merge"/> into one.
/// </summary>
/// <param name="Elapsed">Wall-clock time (of the slowest part, for a merged outcome).</param>
public sealed record ScenarioOutcome(
    string Name,
    int Iterations,
    long TotalSteps,
    int MaxSteps,
    TimeSpan Elapsed,
    string? Bug,
    string? TracePath,
    string Checks,
    string? ConformanceSkipped)
{
    /// <summary>
    /// Distinct execution graphs among the iterations (interleavings that differ in more than the order of independent
    /// accesses); for a merged outcome the sum over its parts, an upper bound (parts may repeat each other's).
    /// </summary>
    public long DistinctExecutions { get; init; }

    /// <summary>Spin hints at which the idle-poll reduction blocked a thread, over all iterations.</summary>
    public long IdleBlocks { get; init; }

    /// <summary>Accesses an ordering variant weakened, over all iterations (0 with one: its rules matched nothing).</summary>
    public long Weakened { get; init; }

    /// <summary>Protocol labels the conformance check matched against the model, over all iterations.</summary>
    public long ConformanceLabels { get; init; }

    /// <summary>Time the garbage collector paused the process while exploring (all threads; summed over parts).</summary>
    public TimeSpan GcPause { get; init; }

    /// <summary>Bytes allocated while exploring (all threads; summed over parts).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>The explorations merged into this outcome, each of which found at most one bug.</summary>
    public int Parts { get; init; } = 1;

    /// <summary>How many of the parts found a bug.</summary>
    public int Bugs { get; init; }

    /// <summary>The exploration time of every part together (equal to <see cref="Elapsed"/> for one part).</summary>
    public TimeSpan PartTime { get; init; }

    /// <summary>The bounded strategy's searches, one per preemption bound K = 0, 1, ... (null for a sampling strategy).</summary>
    public IReadOnlyList<BoundLevel>? Levels { get; init; }

    /// <summary>The largest preemption bound whose every schedule ran without a bug, or null.</summary>
    public int? ProvedBound => Levels?.LastOrDefault(l => l.Exhausted)?.Bound;

    /// <summary>The share of the parts' exploration time spent in GC pauses.</summary>
    public double GcPauseShare => GcPause.TotalSeconds / Math.Max((PartTime > TimeSpan.Zero ? PartTime : Elapsed).TotalSeconds, 1e-9);

    /// <summary>Iterations per second of wall-clock time (all parts together).</summary>
    public double IterationsPerSecond => Iterations / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>
    /// One outcome for a scenario explored in parallel parts: iterations, steps, allocations and GC pauses add up, the
    /// wall-clock time is the slowest part's, the reported bug is the first part's that found one.
    /// </summary>
    public static ScenarioOutcome Merge(IReadOnlyList<ScenarioOutcome> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("nothing to merge", nameof(parts));
        var buggy = parts.FirstOrDefault(p => p.Bug is not null);
        return parts[0] with
        {
            Iterations = parts.Sum(p => p.Iterations),
            TotalSteps = parts.Sum(p => p.TotalSteps),
            MaxSteps = parts.Max(p => p.MaxSteps),
            Elapsed = parts.Max(p => p.Elapsed),
            Bug = buggy?.Bug,
            TracePath = buggy?.TracePath,
            ConformanceSkipped = parts.Select(p => p.ConformanceSkipped).FirstOrDefault(c => c is not null),
            IdleBlocks = parts.Sum(p => p.IdleBlocks),
            DistinctExecutions = parts.Sum(p => p.DistinctExecutions),
            Weakened = parts.Sum(p => p.Weakened),
            ConformanceLabels = parts.Sum(p => p.ConformanceLabels),
            GcPause = TimeSpan.FromTicks(parts.Sum(p => p.GcPause.Ticks)),
            AllocatedBytes = parts.Sum(p => p.AllocatedBytes),
            Parts = parts.Sum(p => p.Parts),
            Bugs = parts.Sum(p => p.Bugs),
            PartTime = TimeSpan.FromTicks(parts.Sum(p => (p.PartTime > TimeSpan.Zero ? p.PartTime : p.Elapsed).Ticks)),
        };
    }
}

/// <summary>
/// One search of the bounded strategy: the preemption bound, the schedules run, the time taken, whether every schedule
/// within the bound ran, and if not, how many untried branches were left on its depth-first stack (a lower bound on
/// the schedules left).
/// </summary>
public sealed record BoundLevel(int Bound, long Schedules, TimeSpan Elapsed, bool Exhausted, long OpenBranches);
