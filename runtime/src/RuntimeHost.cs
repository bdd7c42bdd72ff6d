using System.Diagnostics;
using Wireless.Device;
using Wireless.Gate;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Ring;
using Wireless.Scheduling;
using Wireless.Verification;
using Wireless.Workloads;

namespace Wireless;

/// <summary>
/// What both reference runtimes share: the task ring, the wiring queue, the affinity gate, the simulated device and
/// the launch of a run. A runtime (<see cref="WirelessRuntime{TMem}"/>, <see cref="WiredRuntime{TMem}"/>) adds its
/// readiness protocol, its scheduler threads and its orchestrator.
/// </summary>
/// <remarks>
/// A run launches the configured AICPU threads; each passes the <see cref="AffinityGate{TMem}"/> (or, with
/// <see cref="LaunchMode.Assigned"/>, takes its launch index as exec index); the survivor with the last exec index runs
/// the orchestrator, the others run scheduler loops. The run ends when the orchestrator is
/// done and every task completed, or when an error is latched (then every thread stops and the result carries stall
/// diagnostics). The runtime can run again afterwards. Not thread-safe: one run at a time.
/// </remarks>
public abstract class RuntimeHost<TMem> : ITaskRuntime where TMem : struct, ISharedMemory
{
    private readonly RuntimeConfig _config;
    private readonly TaskRing _ring;
    private readonly SpscQueue<TMem> _wiring;
    private readonly AffinityGate<TMem> _gate;
    private readonly int[] _claimedExec;

    private protected RuntimeHost(RuntimeConfig config)
    {
        _config = config.Validate();
        if (config.Bugs != Bug.None && !TMem.AllowsBugs)
            throw new ArgumentException($"seeded-bug variants ({config.Bugs}) need an instantiation that allows them (FastMemoryWithBugs or the checker's), not {typeof(TMem).Name}");
        _ring = new TaskRing(config);
        _wiring = new SpscQueue<TMem>(config.WiringQueueCapacity);
        _gate = new AffinityGate<TMem>(config.Bugs);
        _claimedExec = GC.AllocateArray<int>(config.WantedThreads, pinned: true);
    }

    /// <summary>"wireless" or "wired".</summary>
    public abstract string Name { get; }

    private protected SpscQueue<TMem> Wiring => _wiring;

    private protected abstract RunStatus<TMem> Status { get; }

    private protected abstract ReadyQueues<TMem> Ready { get; }

    private protected abstract IOrchestratorDriver Orchestrator { get; }

    private protected abstract IStallSource StallSource { get; }

    /// <summary>
    /// Resets the protocol's shared state for a new run; of the per-slot state, that of the first
    /// <paramref name="usedSlots"/> local ids from the configured first one (what the previous run used).
    /// </summary>
    private protected abstract void ResetProtocol(int usedSlots);

    /// <summary>Registers the protocol's shared arrays (the ring included) for checker traces.</summary>
    private protected abstract void RegisterProtocol(MemoryMap map);

    /// <summary>Scheduler thread <paramref name="index"/> of a new run.</summary>
    private protected abstract IScheduler CreateScheduler(int index, SimDevice<TMem> device);

    public RuntimeConfig Config => _config;

    private MemoryMap _map = new();
    /// <summary>Local ids the last run handed out (their slots need a reset before the next run); none before the first.</summary>
    private int _usedSlots;
    private IScheduler[] _schedulers = [];

    /// <summary>Names a shared location of this runtime's current run by address (checked builds, for traces), or null.</summary>
    public string? DescribeAddress(nint address) => _map.Describe(address);

    internal TaskRing Ring => _ring;

    /// <summary>Runs <paramref name="workload"/> with fresh device memory and a fresh execution record.</summary>
    public RunResult Run(Workload workload)
        => Run(workload, new DeviceMemory(workload.Globals, _config.HeapElements), new ExecutionRecord(workload.TaskCount));

    /// <summary>Runs <paramref name="workload"/> reusing <paramref name="memory"/> and <paramref name="record"/>.</summary>
    public RunResult Run(Workload workload, DeviceMemory memory, ExecutionRecord record)
    {
        _ring.Reset(_config.FirstLocalId, _usedSlots);
        ResetProtocol(_usedSlots);
        _wiring.Reset();
        Orchestrator.Reset(memory, workload.TaskCount);
        Array.Clear(_claimedExec);
        memory.ResetGlobals();
        record.Clear();
        var device = new SimDevice<TMem>(_config, _ring, memory, record);
        if (TMem.IsChecked)
        {
            // Names of the shared locations, for checker traces only (an unchecked run has no one to ask).
            _map = new MemoryMap();
            RegisterProtocol(_map);
            _wiring.Register(_map, "wiring_queue");
            _gate.Register(_map);
            device.Register(_map);
            _map.Add("claimed_exec", _claimedExec);
            _map.Add("heap", memory.Heap);
            _map.Add("global", memory.Global);
            _map.Add("digests", record.Digests);
            _map.Add("run_counts", record.RunCounts);
        }
        var schedulers = new IScheduler[_config.Schedulers];
        for (var i = 0; i < schedulers.Length; i++) schedulers[i] = CreateScheduler(i, device);
        _schedulers = schedulers;

        var cpus = _config.EffectiveLaunchCpuIds;
        var passes = new GatePass[cpus.Count];
        var cores = new List<IRuntimeThread>();
        if (_config.Cores == CoreDriver.Threaded)
        {
            for (var c = 0; c < device.Cores.Length; c++)
            {
                var core = c;
                cores.Add(TMem.StartThread($"core-{core}", () => device.RunCoreThread(core, Status.Fail)));
            }
        }

        var gateDeadline = _config.TimeoutMilliseconds > 0 ? TMem.NowNanoseconds() + _config.TimeoutMilliseconds * 1_000_000L : long.MaxValue;
        var started = Stopwatch.GetTimestamp();
        var threads = new IRuntimeThread[cpus.Count];
        for (var i = 0; i < threads.Length; i++)
        {
            var index = i;
            threads[i] = TMem.StartThread($"aicpu-{index}", () => Launch(index, cpus, passes, workload, schedulers, gateDeadline));
        }
        foreach (var t in threads) t.Join();
        var elapsed = Stopwatch.GetElapsedTime(started);
        _usedSlots = LocalId.Distance(_config.FirstLocalId, Orchestrator.NextLocalId);
        if (cores.Count > 0) device.Shutdown();
        foreach (var c in cores) c.Join();

        var error = Status.ErrorMessage;
        var stall = error is null ? null : DescribeStall();
        return new RunResult
        {
            Workload = workload.Name,
            Tasks = LocalId.Distance(_config.FirstLocalId, Orchestrator.NextLocalId),
            Elapsed = elapsed,
            Error = error,
            StallDiagnostics = stall,
            Record = record,
            FinalGlobals = memory.Global,
            Profiles = schedulers.Select(s => s.Profile).ToArray(),
            OrchestratorProfile = Orchestrator.Profile,
            GatePasses = passes,
        };
    }

    /// <summary>
    /// Where every incomplete task of the current run is and what it waits on (stall diagnostics). Exact once the
    /// run's threads stopped; a checker also calls it on a run it stopped.
    /// </summary>
    public string DescribeStall()
    {
        var report = new StallReport();
        foreach (var s in _schedulers) s.Describe(report);
        Ready.Describe(report);
        report.Build(_ring, Orchestrator.NextLocalId, Orchestrator.WaitingFor, StallSource);
        return report.Text;
    }

    /// <summary>The body of one launched AICPU thread: pass the gate, then run the role its exec index names.</summary>
    private void Launch(int index, IReadOnlyList<int> cpus, GatePass[] passes, Workload workload, IScheduler[] schedulers, long gateDeadline)
    {
        try
        {
            var pass = _config.Launch == LaunchMode.Assigned
                ? new GatePass(Survives: true, ExecIndex: index)
                : _gate.Pass(cpus[index], cpus.Count, _config.WantedThreads, () => GateAborted(gateDeadline, cpus.Count));
            passes[index] = pass;
            TMem.Observe(SpecEvent.GatePassed, index, pass.ExecIndex);
            if (!pass.Survives) return;
            if ((uint)pass.ExecIndex >= (uint)_config.WantedThreads
                || TMem.Exchange(ref _claimedExec[pass.ExecIndex], 1, MemoryOrder.AcqRel, SpecAction.Gate) != 0)
            {
                Status.Fail($"the affinity gate gave exec index {pass.ExecIndex} to more than one thread or out of range");
                return;
            }
            if (pass.ExecIndex != _config.WantedThreads - 1)
            {
                schedulers[pass.ExecIndex].Run();
                return;
            }
            try
            {
                Orchestrator.Run(workload);
            }
            catch (Exception e) when (e is not (RuntimeErrorException or OrchestrationAbortedException))
            {
                Status.Fail($"the orchestration program threw {e.GetType().Name}: {e.Message}");
            }
        }
        catch (OrchestrationAbortedException)
        {
        }
        catch (RuntimeErrorException e)
        {
            Status.Fail(e.Message);
        }
        catch (Exception e)
        {
            Status.Fail($"AICPU thread {index} failed: {e}");
        }
    }

    private bool GateAborted(long deadline, int launched)
    {
        if (Status.Aborted()) return true;
        // No deadline (the checker's runs): the clock is not read, so a waiting thread's polls do not depend on time.
        if (deadline == long.MaxValue || TMem.NowNanoseconds() < deadline) return false;
        Status.Fail($"affinity gate deadlock: the {launched} launched threads did not all get through within {_config.TimeoutMilliseconds} ms");
        return true;
    }
}
