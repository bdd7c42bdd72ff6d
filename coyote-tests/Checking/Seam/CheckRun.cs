using Wireless.Checking.Bounded;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Monitors;
using Wireless.Memory;

namespace Wireless.Checking.Seam;

/// <summary>
/// The state of one Coyote iteration: the step counter (also the logical clock), the specification monitor and the
/// conformance monitor (when on) fed by the runtime's protocol events, the memory model (when on) with its race
/// detector and its threads, the ordering weakening of an ordering variant, and, when replaying, the recorded
/// interleaving. Iterations run one at a time, so a static current instance serves; <see cref="Begin"/> replaces it
/// at the start of each, and a thread left over from an earlier iteration is stopped (<see cref="CurrentOrNull"/>).
/// </summary>
public sealed class CheckRun
{
    private static CheckRun? s_current;

    private readonly List<TraceStep>? _steps;
    /// <summary>While recording: the step of the newest store to each location.</summary>
    private readonly Dictionary<nint, long>? _lastStore;
    private readonly Func<nint, string?> _describe;
    private readonly Func<int, string>? _roleOf;
    private readonly List<ModelThread> _threads = [];
    private readonly List<Thread> _osThreads = [];
    private long _step;

    private CheckRun(SpecMonitor monitor, ConformanceMonitor? conformance, bool record, Func<nint, string?> describe, Func<int, string>? roleOf,
        WeakMemory? model, OrderingVariant? weakening, IdleReduction idle, BoundedScheduler? bounded, bool plainPoints, ExecutionHash? hash)
    {
        Bounded = bounded;
        Hash = hash;
        hash?.Reset();
        bounded?.Begin(hash);
        PlainPoints = plainPoints;
        Idle = new IdleWaits(idle, describe, id => _threads[id].Name, bounded);
        Monitor = monitor;
        Conformance = conformance;
        _steps = record ? [] : null;
        _lastStore = record ? [] : null;
        _describe = describe;
        _roleOf = roleOf;
        Weakening = weakening;
        MainThread = new ModelThread(0, "test");
        MainThread.Clock[0] = 1;
        _threads.Add(MainThread);
        if (model is not null)
        {
            Model = model;
            model.Reset(() => _step, describe, id => _threads[id].Name);
        }
    }

    public static CheckRun Current => CurrentOrNull ?? throw new InvalidOperationException("no check run in progress");

    /// <summary>
    /// The current iteration's run, if any (the seam is also used outside iterations, e.g. by the reference). A thread
    /// of an earlier iteration that is still running (Coyote ended that iteration, with a bug or at its step bound,
    /// while the thread was between scheduling points or waiting to join) must not touch this iteration's run: it would
    /// advance its step counter, feed its monitors, change the bounded scheduler's states and make the iteration depend
    /// on real timing, so replay would diverge. Such a thread, a runtime thread or the earlier iteration's main thread,
    /// is stopped here (<see cref="StaleThreadException"/>, caught where the thread starts and in the iteration's body).
    /// </summary>
    public static CheckRun? CurrentOrNull
    {
        get
        {
            var run = s_current;
            if (CheckedThread.CurrentRun is { } own && !ReferenceEquals(own, run)) throw new StaleThreadException();
            return run;
        }
    }

    public SpecMonitor Monitor { get; }

    /// <summary>The conformance monitor (C1), or null when the run is not checked against the protocol model.</summary>
    public ConformanceMonitor? Conformance { get; }

    /// <summary>The memory model, or null for sequentially consistent exploration.</summary>
    public WeakMemory? Model { get; }

    public OrderingVariant? Weakening { get; }

    /// <summary>Accesses whose ordering the ordering variant weakened in this run (0: the variant's rules matched nothing).</summary>
    public long Weakened { get; set; }

    /// <summary>The bounded strategy's scheduler (it decides every scheduling point), or null: Coyote's strategy decides.</summary>
    internal BoundedScheduler? Bounded { get; }

    /// <summary>The fingerprint of this run's execution graph (to count distinct interleavings), or null.</summary>
    public ExecutionHash? Hash { get; }

    /// <summary>Whether plain accesses to shared memory get a scheduling point too (not only ordered ones).</summary>
    public bool PlainPoints { get; }

    /// <summary>
    /// The scheduling point before a shared access of the calling thread: the bounded scheduler's decision, or
    /// Coyote's.
    /// </summary>
    public void Interleave()
    {
        if (Bounded is { } bounded) bounded.Point(CheckedThread.Current.Id);
        else Microsoft.Coyote.Runtime.SchedulingPoint.Interleave();
    }

    /// <summary>The idle-poll reduction: which spinning threads are blocked until a store wakes them.</summary>
    internal IdleWaits Idle { get; }

    public ModelThread MainThread { get; }

    /// <summary>The recorded interleaving (only when recording).</summary>
    public IReadOnlyList<TraceStep> Steps => _steps ?? [];

    public long StepCount => _step;

    /// <summary>
    /// Logical time for the runtime's clock: one nanosecond per step. A thread that reads it is never blocked by the
    /// idle-poll reduction (time passes without a store).
    /// </summary>
    public static long LogicalTime
    {
        get
        {
            var run = CurrentOrNull;
            if (run is null) return 0;
            var id = CheckedThread.Current.Id;
            run.Idle.OnBusy(id, "read the clock");
            run.Hash?.OnOther(id, (ulong)run._step);
            return run._step;
        }
    }

    /// <summary>Begins a run; the calling thread becomes its main thread (<see cref="Leave"/> when the run is over).</summary>
    /// <param name="roleOf">Names a thread's role from its exec index once it passed the gate ("sched-0", "orch").</param>
    /// <param name="model">The memory model (reset for this run; one instance serves a whole exploration), or null for
    /// sequentially consistent exploration.</param>
    /// <param name="bounded">The bounded strategy's scheduler of this iteration, or null.</param>
    /// <param name="plainPoints">A scheduling point before every plain access to shared memory as well.</param>
    /// <param name="hash">Fingerprints the run's execution graph (reset here; one instance serves an exploration), or null.</param>
    public static CheckRun Begin(SpecMonitor monitor, bool record, Func<nint, string?> describe, Func<int, string>? roleOf = null,
        WeakMemory? model = null, OrderingVariant? weakening = null, ConformanceMonitor? conformance = null, IdleReduction idle = IdleReduction.Block,
        BoundedScheduler? bounded = null, bool plainPoints = false, ExecutionHash? hash = null)
    {
        var run = new CheckRun(monitor, conformance, record, describe, roleOf, model, weakening, idle, bounded, plainPoints, hash);
        CheckedThread.BindMain(run);
        return s_current = run;
    }

    /// <summary>The calling thread, the main thread of a run it began, leaves it (in a finally block: the run is over).</summary>
    public static void Leave() => CheckedThread.Unbind();

    /// <summary>The OS threads of this run's runtime threads.</summary>
    public IReadOnlyList<Thread> OsThreads => _osThreads;

    public void Started(Thread thread) => _osThreads.Add(thread);

    public string? Describe(nint address) => _describe(address);

    public ModelThread NewThread(ModelThread parent, string name)
    {
        var thread = WeakMemory.Fork(parent, _threads.Count, name);
        _threads.Add(thread);
        Hash?.OnThread(parent.Id, thread.Id);
        return thread;
    }

    /// <summary>Counts a step; returns its number.</summary>
    public long NextStep() => ++_step;

    /// <summary>
    /// Records an access in the trace (when recording). <paramref name="read"/>: it read the location, from the store the
    /// memory model chose (<paramref name="from"/>) or, without one, from the value in memory: the last store recorded
    /// as the newest (<paramref name="storedNewest"/>).
    /// </summary>
    public void Record(long step, SpecAction action, string what, nint address, string value, bool read = false, Message? from = null, bool storedNewest = false)
    {
        if (_steps is null || _lastStore is null) return;
        long? readFrom = null;
        if (read) readFrom = from is { } m ? (m.Thread < 0 ? null : m.Step) : _lastStore.TryGetValue(address, out var last) ? last : null;
        if (storedNewest) _lastStore[address] = step;
        _steps.Add(new TraceStep(step, CheckedThread.CurrentName, action, what, _describe(address) ?? $"0x{address:x}", value, readFrom));
    }

    public bool Recording => _steps is not null;

    /// <summary>"the initial value" or "the store at step 812 by sched-0".</summary>
    public string Origin(Message m) => m.Thread < 0 ? "initial value" : $"store at step {m.Step} by {_threads[m.Thread].Name}";

    /// <summary>
    /// The threads the idle-poll reduction holds blocked and the locations a store to which would wake each ("orch waits
    /// for a store to ring.last_task_alive or ring.error_code"), or "" if none: the diagnosis of a deadlock.
    /// </summary>
    public string DescribeWaits()
    {
        var waits = new List<string>();
        var idleCores = new List<string>();
        foreach (var (thread, locations) in Idle.Blocked())
        {
            var name = _threads[thread].Name;
            var names = locations.Select(l => Describe(l) ?? $"0x{l:x}").ToList();
            // A core waiting for its next task (or the exit signal) reads only its own registers: one line for all.
            if (name.StartsWith("core-", StringComparison.Ordinal) && names.All(n => n.StartsWith("core[", StringComparison.Ordinal)))
                idleCores.Add(name);
            else
                waits.Add($"{name} waits for a store to {string.Join(" or ", names)}");
        }
        if (idleCores.Count > 0) waits.Add($"{string.Join(", ", idleCores)} wait for a dispatch (core[i].data_main)");
        return string.Join("; ", waits);
    }

    /// <summary>Fails the iteration with a data race found by the memory model.</summary>
    public static void ReportRace(string? race)
    {
        if (race is not null) CheckFailure.Report(race);
    }

    /// <summary>
    /// A spin hint: the thread's view catches up with the newest stores (eventual visibility), then the idle-poll
    /// reduction blocks it or it yields.
    /// </summary>
    public static void Spin()
    {
        var run = CurrentOrNull;
        if (run is null)
        {
            Microsoft.Coyote.Runtime.SchedulingPoint.Yield();
            return;
        }
        var t = CheckedThread.Current;
        run.Model?.SpinCatchUp(t);
        run.Idle.AtSpinHint(t.Id);
    }

    public static void Observe(SpecEvent evt, int id, long value)
    {
        var run = CurrentOrNull;
        if (run is null) return;
        var step = run.NextStep();
        // A re-poll that still finds two unmet producers is the stutter of an idle loop; every other event is work.
        if (evt != SpecEvent.Classified || SpecEventValue.UnmetOf(value) < 2) run.Idle.OnBusy(CheckedThread.Current.Id, "reported a protocol event");
        run._steps?.Add(new TraceStep(step, CheckedThread.CurrentName, null, "event", evt.ToString(), EventValue(evt, id, value)));
        if (evt == SpecEvent.GatePassed && value >= 0 && run._roleOf is { } roleOf) CheckedThread.RenameCurrent(roleOf((int)value));
        // Conformance first: a run that left the model is reported as such (C1), even where the same event also breaks a
        // property the monitors check.
        run.Conformance?.Observe(evt, id, value, CheckedThread.Current.Id);
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
        SpecEvent.Stamped => $"producer task#{id}, last consumer task#{value}",
        SpecEvent.Unpinned => $"task#{id}",
        SpecEvent.Classified => SpecEventValue.UnmetOf(value) switch
        {
            0 => $"task#{id}: ready",
            1 => $"task#{id}: waits on task#{SpecEventValue.ProducerOf(value)}",
            _ => $"task#{id}: 2+ unmet, back to the pending FIFO",
        },
        SpecEvent.Registered => $"task#{id} on the wake list of task#{value}",
        SpecEvent.Readied => $"task#{id}",
        _ => $"id {id}, value {value}",
    };
}
