namespace Wireless.Spec.Model;

/// <summary>
/// A bounded configuration of the protocol model: the task graph and the orchestration program that submits it, the
/// window, the scheduler threads and the cores each owns. Build one with <see cref="ProgramBuilder"/>, which checks
/// what the runtime checks before it runs a program (producers are earlier tasks, a buffer is read only while its
/// scope is open, a scope fits in the window).
/// </summary>
/// <remarks>
/// Design: plain data. The model does not need the window to be a power of two (the runtime's slot mask does): slot =
/// local id mod <see cref="Window"/>. Local ids are 0, 1, …: wrap-around is the runtime's concern (serial-number
/// comparisons, tested there), not the protocol's.
/// </remarks>
public sealed record ModelConfig
{
    /// <summary>The most tasks a configuration may have (task sets are 64-bit masks).</summary>
    public const int MaxTasks = 64;

    /// <summary>The largest window (slot indices and wake-list heads are bytes).</summary>
    public const int MaxWindow = 64;

    /// <summary>The most scheduler threads.</summary>
    public const int MaxSchedulers = 4;

    public required string Name { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<TaskSpec> Tasks { get; init; }
    public required IReadOnlyList<ProgramOp> Program { get; init; }

    /// <summary>Slots in the task ring: at most this many tasks are allocated and not reclaimed.</summary>
    public required int Window { get; init; }

    /// <summary>Scheduler threads; thread 0 also drains the wiring queue and classifies.</summary>
    public int Schedulers { get; init; } = 2;

    /// <summary>Tasks each scheduler's cores can hold at once (dispatched, not yet completed).</summary>
    public int CoresPerScheduler { get; init; } = 1;

    /// <summary>The seeded bug, or <see cref="ModelVariant.None"/>.</summary>
    public ModelVariant Variant { get; init; }

    public int TaskCount => Tasks.Count;
}
