using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Wireless.Orchestration;

/// <summary>The steps of the orchestrator's submit path, timed by <see cref="OrchestratorProfile"/>.</summary>
public enum OrchestratorPhase
{
    /// <summary>The orchestration program's own code between runtime calls (building tasks, views, loops).</summary>
    Program,
    /// <summary>Allocate: a local id, its slot and a heap block, without the back-pressure waits.</summary>
    Allocate,
    /// <summary>Allocate waiting for reclamation (the window or the heap was full).</summary>
    BackPressure,
    /// <summary>Dependency discovery: explicit deps, owner handles, TensorMap lookups.</summary>
    Discover,
    /// <summary>StampLastConsumer (wireless) or the claim of each producer (wired).</summary>
    Link,
    /// <summary>PrepareTask: descriptor, stripes, the protocol's slot state, the prepared frontier.</summary>
    Prepare,
    /// <summary>TensorMap inserts.</summary>
    TensorMap,
    /// <summary>PublishTask: the wiring-queue push.</summary>
    Publish,
    /// <summary>AllocTensors: initialised buffers, the task complete at once.</summary>
    AllocTensors,
    /// <summary>EndScope: unpins (wireless) or scope releases (wired), then reclamation.</summary>
    EndScope,
}

/// <summary>
/// Per-phase cumulative time (Stopwatch ticks) and entry counts of the orchestrator thread, the counterpart of the
/// schedulers' <see cref="Scheduling.SchedulerProfile"/>. Written only by the orchestrator; read after the run.
/// </summary>
/// <remarks>
/// Laps: each call of <see cref="Lap"/> charges the time since the previous lap to a phase, so the phases add up to
/// the orchestrator's whole run. Off (<see cref="Enabled"/> false), a lap reads no clock.
/// </remarks>
public sealed class OrchestratorProfile
{
    private static readonly int Phases = Enum.GetValues<OrchestratorPhase>().Length;

    private long _last;

    public long[] Ticks { get; } = new long[Phases];
    public long[] Entries { get; } = new long[Phases];
    public bool Enabled { get; init; }
    /// <summary>Tasks submitted (AllocTensors included).</summary>
    public long Tasks { get; set; }

    /// <summary>Starts the clock of the first lap.</summary>
    public void Start()
    {
        if (Enabled) _last = Stopwatch.GetTimestamp();
    }

    /// <summary>Charges the time since the previous lap to <paramref name="phase"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Lap(OrchestratorPhase phase)
    {
        if (!Enabled) return;
        var now = Stopwatch.GetTimestamp();
        Ticks[(int)phase] += now - _last;
        Entries[(int)phase]++;
        _last = now;
    }

    /// <summary>
    /// How often the orchestrator read the clock: once at <see cref="Start"/> and once per lap (0 when it was not
    /// timed), as <see cref="Scheduling.SchedulerProfile.ClockReads"/> counts the schedulers' reads.
    /// </summary>
    public long ClockReads => Entries.Sum() is var laps and > 0 ? laps + 1 : 0;

    public TimeSpan Time(OrchestratorPhase phase) => Stopwatch.GetElapsedTime(0, Ticks[(int)phase]);

    /// <summary>The sum of the phases: the orchestrator's whole run while profiling.</summary>
    public TimeSpan Total => Stopwatch.GetElapsedTime(0, Ticks.Sum());
}
