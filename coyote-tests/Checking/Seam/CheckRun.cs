using System.Runtime.CompilerServices;
using Wireless.Memory;
using Wireless.Checking.Monitors;

namespace Wireless.Checking.Seam;

/// <summary>
/// The state of one Coyote iteration: the step counter (the logical clock), the specification monitor fed by the
/// runtime's protocol events, the liveness monitor, and, when replaying, the recorded interleaving. Iterations run
/// one at a time, so a static current instance is safe; <see cref="Begin"/> replaces it at the start of each.
/// </summary>
public sealed class CheckRun
{
    private static CheckRun? s_current;

    private readonly List<TraceStep>? _steps;
    private readonly Func<nint, string?> _describe;
    private long _steps_count;

    private readonly Func<int, string>? _roleOf;

    private CheckRun(SpecMonitor monitor, bool record, Func<nint, string?> describe, Func<int, string>? roleOf)
    {
        _roleOf = roleOf;
        Monitor = monitor;
        _steps = record ? new List<TraceStep>() : null;
        _describe = describe;
    }

    public static CheckRun Current => s_current ?? throw new InvalidOperationException("no check run in progress");

    public SpecMonitor Monitor { get; }

    /// <summary>The recorded interleaving (only when recording).</summary>
    public IReadOnlyList<TraceStep> Steps => _steps ?? [];

    public long StepCount => _steps_count;

    /// <summary>Logical time for the runtime's clock: one nanosecond per shared access.</summary>
    public static long LogicalTime => s_current?._steps_count ?? 0;

    /// <param name="roleOf">Names a thread's role from its exec index once it passed the gate ("sched-0", "orch").</param>
    public static CheckRun Begin(SpecMonitor monitor, bool record, Func<nint, string?> describe, Func<int, string>? roleOf = null)
        => s_current = new CheckRun(monitor, record, describe, roleOf);

    public static unsafe void Access<T>(SpecAction action, AccessKind kind, MemoryOrder order, ref T location, long value, long old = 0)
    {
        var run = s_current;
        if (run is null) return;
        run._steps_count++;
        if (run._steps is null) return;
        var address = (nint)Unsafe.AsPointer(ref location);
        var what = $"{Describe(kind)} {Describe(order)}";
        var shown = kind switch
        {
            AccessKind.Load => $"read {value}",
            AccessKind.Store => $"wrote {value}",
            AccessKind.CasSuccess => $"CAS ok, wrote {value}",
            AccessKind.CasFailure => $"CAS failed, read {value}",
            AccessKind.Exchange => $"read {old}, wrote {value}",
            _ => $"read {old}, wrote {value}",
        };
        run._steps.Add(new TraceStep(run._steps.Count + 1, CheckedThread.CurrentName, action, what, run._describe(address) ?? $"0x{address:x}", shown));
    }

    public static void Spin() => s_current?.Monitor.OnSpin();

    public static void Observe(SpecEvent evt, int id, long value)
    {
        var run = s_current;
        if (run is null) return;
        run._steps?.Add(new TraceStep(run._steps.Count + 1, CheckedThread.CurrentName, null, "event", evt.ToString(), EventValue(evt, id, value)));
        if (evt == SpecEvent.GatePassed && value >= 0 && run._roleOf is { } roleOf) CheckedThread.RenameCurrent(roleOf((int)value));
        run.Monitor.Observe(evt, id, value);
    }

    private static string EventValue(SpecEvent evt, int id, long value) => evt switch
    {
        SpecEvent.TaskPublished or SpecEvent.TaskCompleted or SpecEvent.TaskCompletedInline or SpecEvent.KernelStarted
            => $"task#{id} (#{value} in submission order)",
        SpecEvent.TaskDispatched => $"task#{id} to core {value}",
        SpecEvent.WatermarkAdvanced => $"watermark = {id}",
        SpecEvent.SlotReclaimed => $"task#{id}; last_task_alive = {value}",
        SpecEvent.OrchestratorBlocked or SpecEvent.OrchestratorUnblocked => $"allocating task#{id}",
        SpecEvent.GatePassed => value >= 0 ? $"launched thread {id} survives with exec index {value}" : $"launched thread {id} leaves",
        SpecEvent.OrchestrationDone => $"{value} tasks submitted",
        _ => $"id {id}, value {value}",
    };

    private static string Describe(AccessKind kind) => kind switch
    {
        AccessKind.Load => "load",
        AccessKind.Store => "store",
        AccessKind.CasSuccess or AccessKind.CasFailure => "cas",
        AccessKind.Exchange => "exchange",
        AccessKind.FetchAdd => "fetch_add",
        _ => "fetch_or",
    };

    private static string Describe(MemoryOrder order) => order switch
    {
        MemoryOrder.NonAtomic => "plain",
        MemoryOrder.Relaxed => "relaxed",
        MemoryOrder.Acquire => "acquire",
        MemoryOrder.Release => "release",
        MemoryOrder.AcqRel => "acq_rel",
        _ => "seq_cst",
    };
}
