using System.Diagnostics;

namespace Wireless.Scheduling;

/// <summary>The phases of a scheduler loop iteration, as the seed's scheduler profile splits them.</summary>
public enum SchedulerPhase
{
    /// <summary>Polling owned cores' COND registers and completing finished tasks.</summary>
    Completion,
    /// <summary>Thread 0: moving tasks from the SPSC wiring queue to the pending FIFO.</summary>
    WiringDrain,
    /// <summary>Thread 0: classifying pending tasks by their unmet fanins.</summary>
    PendingPoll,
    /// <summary>Popping ready tasks and writing them to idle or pending core slots.</summary>
    Dispatch,
    /// <summary>Iterations that found nothing to do.</summary>
    Idle,
}

/// <summary>
/// Per-phase cumulative time (Stopwatch ticks) and entry counts of one scheduler thread (the seed's
/// <c>SchedulerThreadProfile</c>). Written only by its thread; read after the run.
/// </summary>
public sealed class SchedulerProfile
{
    private const int Phases = 5;

    public long[] Ticks { get; } = new long[Phases];
    public long[] Entries { get; } = new long[Phases];
    public long Iterations { get; set; }
    public long TasksCompleted { get; set; }
    public long TasksDispatched { get; set; }
    public long Classified { get; set; }
    public int ThreadIndex { get; init; }

    /// <summary>
    /// How often the profiled loop read the clock: once as each iteration starts and once per phase entry (0 when
    /// the phases were not timed). What profiling costs is about this many <c>Stopwatch.GetTimestamp</c> calls.
    /// </summary>
    public long ClockReads => Entries.Sum() is var entries and > 0 ? Iterations + entries : 0;

    public void Add(SchedulerPhase phase, long ticks)
    {
        Ticks[(int)phase] += ticks;
        Entries[(int)phase]++;
    }

    public TimeSpan Time(SchedulerPhase phase) => Stopwatch.GetElapsedTime(0, Ticks[(int)phase]);

    public void Clear()
    {
        Array.Clear(Ticks);
        Array.Clear(Entries);
        Iterations = TasksCompleted = TasksDispatched = Classified = 0;
    }
}
