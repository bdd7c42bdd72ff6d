using Wireless.Checking.MemoryModel;
using Wireless.Checking.Seam;

namespace Wireless.Checking.Exploration;

/// <summary>How to explore: the budget (iterations and wall-clock seconds, whichever ends first), the strategy,
/// the seed, the seeded-bug variant, the memory model, the conformance check and where to write traces.</summary>
public sealed record ExploreOptions
{
    public int Iterations { get; init; } = 1000;
    public int Seconds { get; init; } = 60;
    public string Strategy { get; init; } = "random";
    public uint Seed { get; init; } = 1;
    public Bug Variant { get; init; }
    /// <summary>An ordering variant (weakened orderings; needs the memory model).</summary>
    public OrderingVariant? Ordering { get; init; }
    /// <summary>Explore with the release/acquire memory model and race detection (else sequentially consistent).</summary>
    public bool MemoryModel { get; init; } = true;
    /// <summary>Replay each workload run's labelled actions against the protocol model (C1, spec/SPEC.md §7).</summary>
    public bool Conformance { get; init; } = true;
    /// <summary>The runtime under test: the wireless runtime or the wired baseline (<see cref="RuntimeKinds"/>).</summary>
    public string Runtime { get; init; } = RuntimeKinds.Wireless;
    public string TraceFolder { get; init; } = "coyote-traces";
    /// <summary>
    /// A folder shared by the parts of an exploration running at once, or null: a part that finds a bug in a scenario
    /// leaves a mark there, and the others stop exploring that scenario.
    /// </summary>
    public string? StopFolder { get; init; }
    /// <summary>Added to trace file names (a part of a sharded exploration), or null.</summary>
    public string? TraceTag { get; init; }
    /// <summary>The idle-poll reduction (spec/SPEC.md §9): block idle pollers (default), verify its premise, or off.</summary>
    public IdleReduction Idle { get; init; } = IdleReduction.Block;

    /// <summary>The bounded strategy's preemption bound: it searches K = 0, 1, ... up to this many (iterative deepening).</summary>
    public int Preemptions { get; init; } = 2;

    /// <summary>
    /// A scheduling point before every plain access to shared memory as well as before ordered ones; null: on for the
    /// bounded strategy, off for the sampling ones.
    /// </summary>
    public bool? PlainPoints { get; init; }

    /// <summary>Whether plain accesses get scheduling points in this exploration (<see cref="PlainPoints"/> resolved).</summary>
    public bool PlainPointsInForce => PlainPoints ?? IsBounded;

    /// <summary>The preemption-bounded exhaustive search (<see cref="Bounded.BoundedSearch"/>) rather than sampling.</summary>
    public bool IsBounded => Strategy == Bounded;

    public const string Bounded = "bounded";

    public static IReadOnlyList<string> Strategies { get; } = ["random", "pct", "probabilistic", "portfolio", Bounded];

    /// <summary>Throws <see cref="ArgumentException"/> for options that do not go together.</summary>
    public void Validate()
    {
        if (Ordering is not null && !MemoryModel)
            throw new ArgumentException($"the ordering variant '{Ordering.Name}' is only visible with --memory-model on");
        if (Runtime != RuntimeKinds.Wireless && Ordering is not null)
            throw new ArgumentException($"the ordering variants are of the wireless runtime; explore the {Runtime} runtime without '{Ordering.Name}'");
        BugCatalog.CheckRuntime(Variant, Runtime);
        if (IsBounded && MemoryModel)
            throw new ArgumentException("the bounded strategy enumerates schedules of sequentially consistent executions (the memory model's read choices are not enumerated): use --memory-model off");
        if (Preemptions is < 0 or > 10) throw new ArgumentException($"--preemptions must be between 0 and 10 (got {Preemptions})");
    }

    /// <summary>Steps a fair execution may spin without progress before it is a liveness bug.</summary>
    public const uint FairLivenessThreshold = 3000;
    /// <summary>Steps a priority-based strategy runs unfairly (a high-priority spinning thread may starve others).</summary>
    public const uint MaxUnfairSteps = 6_000;
    public const uint MaxFairSteps = 60_000;

    /// <summary>
    /// The liveness threshold for a strategy. Random and probabilistic schedules are fair from the first step. PCT and
    /// the portfolio run up to <see cref="MaxUnfairSteps"/> steps unfairly first, during which starvation is not a
    /// bug, so their threshold starts beyond that prefix.
    /// </summary>
    public static uint LivenessThresholdFor(string strategy)
        => strategy is "random" or "probabilistic" or Bounded ? FairLivenessThreshold : MaxUnfairSteps + FairLivenessThreshold;
}
