using System.Diagnostics;
using Wireless.Device;
using Wireless.Memory;
using Wireless.Ring;

namespace Wireless.Scheduling;

/// <summary>A scheduler thread as the runtime launches it.</summary>
internal interface IScheduler
{
    SchedulerProfile Profile { get; }
    void Run();
    void Describe(StallReport report);
}

/// <summary>
/// One scheduler thread's main loop (the seed's <c>resolve_and_dispatch</c>, with thread 0's wiring role). Every
/// iteration: complete what the owned cores finished; on thread 0, drain the wiring queue and route the new tasks;
/// dispatch ready tasks to owned cores; otherwise do idle work, check for the end of the run, errors and the
/// no-progress timeout. The readiness protocol (wireless or wired) plugs in through <typeparamref name="THooks"/>.
/// </summary>
/// <remarks>
/// Design: only this thread dispatches to and polls its cores, so <see cref="CoreTrack"/>s, the hooks' state (the
/// pending FIFO, the release batch) and the held MIX task are private. Shared state is reached through the protocol,
/// the ready queues and the cores' registers. A MIX task needs a whole idle cluster; a thread that pops one holds it
/// and reserves a cluster (no new work goes to it) until the cluster drains, so MIX tasks cannot starve behind AIC/AIV
/// work.
/// </remarks>
internal sealed class SchedulerThread<TMem, THooks> : IScheduler
    where TMem : struct, ISharedMemory
    where THooks : struct, ISchedulerHooks
{
    private readonly int _index;
    private readonly TaskRing _ring;
    private readonly ReadyQueues<TMem> _ready;
    private readonly RunStatus<TMem> _status;
    private readonly SimDevice<TMem> _device;
    private readonly bool _wires;
    private THooks _hooks;
    private readonly CoreTrack[] _cores;
    /// <summary>The tasks of a batch pop (<see cref="DispatchShape"/>), one place per owned core.</summary>
    private readonly int[] _popped;
    private readonly int[] _clusters;
    private readonly bool _inlineCores;
    private readonly bool _timedInlineCores;
    private readonly bool _profile;
    private readonly long _timeoutNs;
    private readonly Action<string> _fail;
    private readonly Bug _bugs;
    private bool _holdsMix;
    private int _heldMix;
    private int _reservedCluster = -1;
    /// <summary>Per shape, the ready queue's dequeue position this thread last saw (<see cref="ReadyQueue{TMem}.TryPop(ref int, out int)"/>).</summary>
    private readonly int[] _readyPosition = new int[3];
    /// <summary>Tasks this thread completed and has not yet added to <see cref="RingControl.CompletedTasks"/>.</summary>
    private int _uncounted;

    /// <summary>
    /// Completions are added to the shared count in batches of this many, and whenever the thread finds nothing to do:
    /// an atomic add per completion would be a locked instruction on a line every scheduler thread writes.
    /// Only the exit check, the no-progress timeout and diagnostics read the count.
    /// </summary>
    private const int CountBatch = 64;

    public SchedulerThread(int index, RuntimeConfig config, TaskRing ring, ReadyQueues<TMem> ready, RunStatus<TMem> status, SimDevice<TMem> device, THooks hooks)
    {
        _index = index;
        _ring = ring;
        _ready = ready;
        _status = status;
        _device = device;
        _wires = index == 0;
        _hooks = hooks;
        _clusters = Enumerable.Range(0, config.Clusters).Where(c => c % config.Schedulers == index).ToArray();
        _cores = new CoreTrack[_clusters.Length * 3];
        _popped = new int[_cores.Length];
        _inlineCores = config.Cores == CoreDriver.Inline;
        _timedInlineCores = _inlineCores && config.Device == DeviceMode.Timed;
        _profile = config.Profile;
        _timeoutNs = config.TimeoutMilliseconds * 1_000_000L;
        _fail = status.Fail;
        _bugs = config.Bugs;
        Profile = new SchedulerProfile { ThreadIndex = index };
        Reset();
    }

    public SchedulerProfile Profile { get; }
    public int Index => _index;

    public void Reset()
    {
        for (var i = 0; i < _cores.Length; i++)
        {
            var core = _clusters[i / 3] * 3 + i % 3;
            _cores[i] = new CoreTrack { Core = core, Kind = core % 3 == 0 ? Shape.AIC : Shape.AIV, NextSequence = 1 };
        }
        _hooks.Reset();
        _holdsMix = false;
        _reservedCluster = -1;
        _uncounted = 0;
        Array.Clear(_readyPosition);
        Profile.Clear();
    }

    public void Run()
    {
        var idle = 0;
        var lastSeenProgress = -1L;
        var lastProgressAt = 0L;
        long progressCount = 0;
        while (true)
        {
            Profile.Iterations++;
            var t0 = _profile ? Stopwatch.GetTimestamp() : 0;
            var progress = PollCores();
            if (_profile) t0 = Lap(SchedulerPhase.Completion, t0);
            var settled = true;
            if (_wires)
            {
                progress |= _hooks.DrainWiring();
                if (_profile) t0 = Lap(SchedulerPhase.WiringDrain, t0);
                progress |= PollPending(out settled);
                if (_profile) t0 = Lap(SchedulerPhase.PendingPoll, t0);
            }
            progress |= Dispatch();
            if (_profile) t0 = Lap(SchedulerPhase.Dispatch, t0);

            if (progress || _hooks.OnIdle())
            {
                idle = 0;
                progressCount++;
                continue;
            }

            CountCompletions();
            if (_status.Aborted() || RunIsOver()) return;
            // An iteration that left pending tasks unvisited has not settled (the next one looks at others): it polls on
            // without the idle hint, which tells a checker that repeating the iteration would read the same locations.
            // Waiting for its own cores (a timed kernel), a thread polls on at once; waiting for new work (action Idle), the
            // fast build backs off, since what it polls then are lines other threads write.
            if (settled) TMem.SpinHint(++idle, AnyCoreBusy() ? SpecAction.PollCore : SpecAction.Idle);
            else idle++;
            if (_profile) Lap(SchedulerPhase.Idle, t0);

            if (_timeoutNs > 0 && (idle & 1023) == 0)
            {
                var now = TMem.NowNanoseconds();
                var seen = progressCount + TMem.Load(ref _ring.Ctl.CompletedTasks, MemoryOrder.Relaxed, SpecAction.Idle);
                if (seen != lastSeenProgress)
                {
                    lastSeenProgress = seen;
                    lastProgressAt = now;
                }
                else if (now - lastProgressAt > _timeoutNs)
                {
                    _fail($"no progress for {_timeoutNs / 1_000_000} ms (scheduler thread {_index} timed out)");
                    return;
                }
            }
        }
    }

    private bool AnyCoreBusy()
    {
        foreach (var track in _cores)
            if (!track.IsIdle) return true;
        return false;
    }

    private long Lap(SchedulerPhase phase, long start)
    {
        var now = Stopwatch.GetTimestamp();
        Profile.Add(phase, now - start);
        return now;
    }

    /// <summary>
    /// The run is over when the orchestrator is done and every task it submitted completed. More completions than tasks
    /// means a task completed twice: an error, not a wait that would end in the no-progress timeout.
    /// </summary>
    private bool RunIsOver()
    {
        ref var ctl = ref _ring.Ctl;
        // Acquire: pairs with the orchestrator's release; TotalTasks (written before it) is then visible.
        if (TMem.Load(ref ctl.OrchestratorDone, MemoryOrder.Acquire, SpecAction.Idle) == 0) return false;
        var total = TMem.Load(ref ctl.TotalTasks, MemoryOrder.NonAtomic, SpecAction.Idle);
        var completed = TMem.Load(ref ctl.CompletedTasks, MemoryOrder.Acquire, SpecAction.Idle);
        if (completed <= total) return completed == total;
        _fail($"{completed} completions of {total} submitted tasks: a task completed more than once");
        return true;
    }

    // ---- Completion -------------------------------------------------------------------------------------------

    /// <summary>PollCore: advances inline cores, reads each busy core's COND and completes what finished.</summary>
    private bool PollCores()
    {
        var progress = false;
        var now = _timedInlineCores ? TMem.NowNanoseconds() : 0;
        for (var i = 0; i < _cores.Length; i++)
        {
            ref var track = ref _cores[i];
            if (track.IsIdle) continue;
            if (_inlineCores)
            {
                var core = _device.Cores[track.Core];
                for (var steps = 0; steps < 4 && core.Advance(now, _fail); steps++) { }
            }
            progress |= Decide(ref track);
        }
        return progress;
    }

    /// <summary>
    /// The seed's <c>decide_slot_transition</c>: the core is serial, so a register naming the pending task means the
    /// running one finished; FIN of the running task with nothing pending leaves the core idle.
    /// </summary>
    private bool Decide(ref CoreTrack track)
    {
        // Acquire: pairs with the core's release of COND; the kernel's outputs are then visible to us, and through
        // our completion release to the task's consumers.
        var cond = TMem.Load(ref _device.Registers[track.Core].Cond, MemoryOrder.Acquire, SpecAction.PollCore);
        var seq = CoreRegisters.SequenceOf(cond);
        var fin = CoreRegisters.IsFin(cond);
        if (track.PendingSequence != 0 && seq == track.PendingSequence)
        {
            FinishSubtask(track.RunningTask);
            if (fin)
            {
                FinishSubtask(track.PendingTask);
                track.RunningSequence = 0;
            }
            else
            {
                track.RunningSequence = track.PendingSequence;
                track.RunningTask = track.PendingTask;
                track.RunningPart = track.PendingPart;
                track.RunningAcked = true;
            }
            track.PendingSequence = 0;
            return true;
        }
        if (seq != track.RunningSequence) return false;
        if (!fin)
        {
            track.RunningAcked = true;
            return false;
        }
        FinishSubtask(track.RunningTask);
        track.RunningSequence = track.PendingSequence;
        track.RunningTask = track.PendingTask;
        track.RunningPart = track.PendingPart;
        track.RunningAcked = false;
        track.PendingSequence = 0;
        return true;
    }

    private void FinishSubtask(int task)
    {
        var slot = _ring.SlotOf(task);
        TMem.AccessBuffer(ref _ring.Descriptor(slot), 1, write: false, SpecAction.PollCore);
        var subtasks = _ring.Descriptor(slot).Subtasks;
        if (subtasks > 1 && !_hooks.FinishSubtask(slot, subtasks)) return;
        Profile.TasksCompleted++;
        _hooks.Complete(task);
        if (++_uncounted == CountBatch) CountCompletions();
    }

    /// <summary>Adds this thread's uncounted completions to the shared count.</summary>
    private void CountCompletions()
    {
        if (_uncounted == 0) return;
        // Relaxed: a counter for the exit check and the timeout only; no data is published through it.
        TMem.FetchAdd(ref _ring.Ctl.CompletedTasks, _uncounted, MemoryOrder.Relaxed, SpecAction.Complete);
        _uncounted = 0;
    }

    /// <summary>Thread 0: routes waiting tasks; progress if any left the pending FIFO.</summary>
    private bool PollPending(out bool everyTask)
    {
        var routed = _hooks.PollPending(out var visited, out everyTask);
        Profile.Classified += visited;
        return routed;
    }

    // ---- Dispatch ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Gives each free core (idle, or able to take a preloaded task) a task of its shape: per shape, one batch pop of
    /// up to as many tasks as it has free cores, handed to them in core order. A queue is popped once per pass.
    /// </summary>
    private bool Dispatch()
    {
        var progress = DispatchMix();
        progress |= DispatchShape(Shape.AIC);
        progress |= DispatchShape(Shape.AIV);
        return progress;
    }

    private bool DispatchShape(Shape shape)
    {
        var free = 0;
        for (var i = 0; i < _cores.Length; i++)
            if (IsFree(i, shape)) free++;
        if (free == 0) return false;
        var tasks = _ready[shape].TryPopMany(ref _readyPosition[(int)shape], _popped.AsSpan(0, free));
        for (int i = 0, next = 0; next < tasks; i++)
            if (IsFree(i, shape)) Write(ref _cores[i], _popped[next++], part: 0);
        return tasks > 0;
    }

    /// <summary>Whether core <paramref name="i"/> is of <paramref name="shape"/> and can take a task now.</summary>
    private bool IsFree(int i, Shape shape)
    {
        ref var track = ref _cores[i];
        return track.Kind == shape && i / 3 != _reservedCluster && (track.IsIdle || track.CanPreload);
    }

    /// <summary>
    /// Whether a MIX task is held. Every int is a valid local id (ids wrap), so "none" is a flag, not a reserved id;
    /// the variant <c>mix-hold-sentinel</c> tests against <c>int.MinValue</c> instead, which forgets a MIX task whose
    /// id is exactly that value (spec/BUGLOG.md).
    /// </summary>
    private bool HoldsMix => _holdsMix && !(TMem.AllowsBugs && (_bugs & Bug.MixHoldSentinel) != 0 && _heldMix == int.MinValue);

    /// <summary>MIX tasks take a whole idle cluster; one popped while none is idle is held and a cluster reserved.</summary>
    private bool DispatchMix()
    {
        if (!HoldsMix)
        {
            if (!_ready[Shape.MIX].TryPop(ref _readyPosition[(int)Shape.MIX], out var task)) return false;
            _heldMix = task;
            _holdsMix = true;
        }
        for (var c = 0; c < _clusters.Length; c++)
        {
            if (!_cores[3 * c].IsIdle || !_cores[3 * c + 1].IsIdle || !_cores[3 * c + 2].IsIdle) continue;
            for (var part = 0; part < 3; part++) Write(ref _cores[3 * c + part], _heldMix, part);
            _holdsMix = false;
            _reservedCluster = -1;
            return true;
        }
        if (_reservedCluster < 0) _reservedCluster = 0;
        return false;
    }

    /// <summary>Dispatch: writes the payload, then the sequence number to DATA_MAIN with release.</summary>
    private void Write(ref CoreTrack track, int task, int part)
    {
        var seq = track.NextSequence;
        track.NextSequence = seq == CoreRegisters.MaxSequence ? 1 : seq + 1;
        ref var regs = ref _device.Registers[track.Core];
        var odd = (seq & 1) != 0;
        TMem.Store(ref odd ? ref regs.PayloadTask1 : ref regs.PayloadTask0, task, MemoryOrder.NonAtomic, SpecAction.Dispatch);
        TMem.Store(ref odd ? ref regs.PayloadPart1 : ref regs.PayloadPart0, part, MemoryOrder.NonAtomic, SpecAction.Dispatch);
        // Release: the seed's wmb() before the MMIO write; publishes the payload and, transitively, everything
        // that made the task ready (its producers' outputs) to the core's acquire load.
        TMem.Store(ref regs.DataMain, seq, MemoryOrder.Release, SpecAction.Dispatch);
        TMem.Observe(SpecEvent.TaskDispatched, task, track.Core);
        Profile.TasksDispatched++;
        if (track.IsIdle)
        {
            track.RunningSequence = seq;
            track.RunningTask = task;
            track.RunningPart = part;
            track.RunningAcked = false;
        }
        else
        {
            track.PendingSequence = seq;
            track.PendingTask = task;
            track.PendingPart = part;
        }
    }

    // ---- Diagnostics ------------------------------------------------------------------------------------------

    /// <summary>Tasks on this thread's cores (running and pending), the held MIX task and the pending FIFO.</summary>
    public void Describe(StallReport report)
    {
        foreach (var track in _cores)
        {
            if (track.RunningSequence != 0) report.OnCore(track.RunningTask, track.Core, pending: false);
            if (track.PendingSequence != 0) report.OnCore(track.PendingTask, track.Core, pending: true);
        }
        if (HoldsMix) report.HeldMix(_heldMix, _index);
        _hooks.Describe(report);
    }
}
