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
/// The reference runtime: the wireless scheduler of PR #1107 on one ring, on a simulated device, with real threads.
/// Instantiate with <see cref="FastMemory"/> for speed; a checker instantiates it with its own seam.
/// </summary>
/// <remarks>
/// A run launches the configured AICPU threads; each passes the <see cref="AffinityGate{TMem}"/>; the survivor with
/// the last exec index runs the orchestrator, the others run scheduler loops. The run ends when the orchestrator is
/// done and every task completed, or when an error is latched (then every thread stops and the result carries stall
/// diagnostics). The runtime can run again afterwards. Not thread-safe: one run at a time.
/// </remarks>
public sealed class WirelessRuntime<TMem> where TMem : struct, ISharedMemory
{
    private readonly RuntimeConfig _config;
    private readonly TaskRing _ring;
    private readonly WirelessProtocol<TMem> _protocol;
    private readonly SpscQueue<TMem> _wiring;
    private readonly Orchestrator<TMem> _orchestrator;
    private readonly AffinityGate<TMem> _gate;
    private readonly int[] _claimedExec;

    public WirelessRuntime(RuntimeConfig config)
    {
        _config = config.Validate();
        if (config.Bugs != Bug.None && !TMem.AllowsBugs)
            throw new ArgumentException($"seeded-bug variants ({config.Bugs}) need an instantiation that allows them (FastMemoryWithBugs or the checker's), not {typeof(TMem).Name}");
        _ring = new TaskRing(config);
        _protocol = new WirelessProtocol<TMem>(_ring, config.Bugs);
        _wiring = new SpscQueue<TMem>(config.WiringQueueCapacity);
        _orchestrator = new Orchestrator<TMem>(config, _protocol, _wiring);
        _gate = new AffinityGate<TMem>(config.Bugs);
        _claimedExec = GC.AllocateArray<int>(config.WantedThreads, pinned: true);
    }

    public RuntimeConfig Config => _config;

    private MemoryMap _map = new();
    private SchedulerThread<TMem>[] _schedulers = [];

    /// <summary>Names a shared location of this runtime's current run by address (for checker traces), or null.</summary>
    public string? DescribeAddress(nint address) => _map.Describe(address);

    internal TaskRing Ring => _ring;

    /// <summary>Runs <paramref name="workload"/> with fresh device memory and a fresh execution record.</summary>
    public RunResult Run(Workload workload)
        => Run(workload, new DeviceMemory(workload.Globals, _config.HeapElements), new ExecutionRecord(workload.TaskCount));

    /// <summary>Runs <paramref name="workload"/> reusing <paramref name="memory"/> and <paramref name="record"/>.</summary>
    public RunResult Run(Workload workload, DeviceMemory memory, ExecutionRecord record)
    {
        _ring.Reset(_config.FirstLocalId);
        _protocol.Reset();
        _wiring.Reset();
        _orchestrator.Reset(memory, workload.TaskCount);
        Array.Clear(_claimedExec);
        memory.ResetGlobals();
        record.Clear();
        var device = new SimDevice<TMem>(_config, _ring, memory, record);
        _map = new MemoryMap();
        _protocol.Register(_map);
        _wiring.Register(_map, "wiring_queue");
        _gate.Register(_map);
        device.Register(_map);
        _map.Add("claimed_exec", _claimedExec);
        _map.Add("heap", memory.Heap);
        _map.Add("global", memory.Global);
        _map.Add("digests", record.Digests);
        _map.Add("run_counts", record.RunCounts);
        var schedulers = new SchedulerThread<TMem>[_config.Schedulers];
        for (var i = 0; i < schedulers.Length; i++) schedulers[i] = new SchedulerThread<TMem>(i, _config, _protocol, device, _wiring);
        _schedulers = schedulers;

        var cpus = _config.EffectiveLaunchCpuIds;
        var passes = new GatePass[cpus.Count];
        var cores = new List<IRuntimeThread>();
        if (_config.Cores == CoreDriver.Threaded)
        {
            for (var c = 0; c < device.Cores.Length; c++)
            {
                var core = c;
                cores.Add(TMem.StartThread($"core-{core}", () => device.RunCoreThread(core, _protocol.Fail)));
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
        // Release: cores that see it stop after their last step.
        TMem.Store(ref device.Shutdown[0], 1, MemoryOrder.Release, SpecAction.Idle);
        foreach (var c in cores) c.Join();

        var error = _protocol.ErrorMessage;
        var stall = error is null ? null : DescribeStall();
        return new RunResult
        {
            Workload = workload.Name,
            Tasks = LocalId.Distance(_config.FirstLocalId, _orchestrator.NextLocalId),
            Elapsed = elapsed,
            Error = error,
            StallDiagnostics = stall,
            Record = record,
            FinalGlobals = memory.Global,
            Profiles = schedulers.Select(s => s.Profile).ToArray(),
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
        foreach (var shape in new[] { Shape.AIC, Shape.AIV, Shape.MIX })
            foreach (var t in _protocol.ReadyQueue(shape).Snapshot()) report.InReadyQueue(t, shape);
        report.Build(_ring, _orchestrator.NextLocalId, _orchestrator.WaitingFor);
        return report.Text;
    }

    /// <summary>The body of one launched AICPU thread: pass the gate, then run the role its exec index names.</summary>
    private void Launch(int index, IReadOnlyList<int> cpus, GatePass[] passes, Workload workload, SchedulerThread<TMem>[] schedulers, long gateDeadline)
    {
        try
        {
            var pass = _gate.Pass(cpus[index], cpus.Count, _config.WantedThreads, () => GateAborted(gateDeadline, cpus.Count));
            passes[index] = pass;
            TMem.Observe(SpecEvent.GatePassed, index, pass.ExecIndex);
            if (!pass.Survives) return;
            if ((uint)pass.ExecIndex >= (uint)_config.WantedThreads
                || TMem.Exchange(ref _claimedExec[pass.ExecIndex], 1, MemoryOrder.AcqRel, SpecAction.Gate) != 0)
            {
                _protocol.Fail($"the affinity gate gave exec index {pass.ExecIndex} to more than one thread or out of range");
                return;
            }
            if (pass.ExecIndex != _config.WantedThreads - 1)
            {
                schedulers[pass.ExecIndex].Run();
                return;
            }
            try
            {
                _orchestrator.Run(workload);
            }
            catch (Exception e) when (e is not (RuntimeErrorException or OrchestrationAbortedException))
            {
                _protocol.Fail($"the orchestration program threw {e.GetType().Name}: {e.Message}");
            }
        }
        catch (OrchestrationAbortedException)
        {
        }
        catch (RuntimeErrorException e)
        {
            _protocol.Fail(e.Message);
        }
        catch (Exception e)
        {
            _protocol.Fail($"AICPU thread {index} failed: {e}");
        }
    }

    private bool GateAborted(long deadline, int launched)
    {
        if (_protocol.Aborted()) return true;
        if (TMem.NowNanoseconds() < deadline) return false;
        _protocol.Fail($"affinity gate deadlock: the {launched} launched threads did not all get through within {_config.TimeoutMilliseconds} ms");
        return true;
    }
}
