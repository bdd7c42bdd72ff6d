using Wireless.Device;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Scheduling;

namespace Wireless;

/// <summary>
/// The reference runtime: the wireless scheduler of PR #1107 on one ring, on a simulated device, with real threads.
/// Instantiate with <see cref="FastMemory"/> for speed; a checker instantiates it with its own seam.
/// </summary>
/// <remarks>
/// A run launches the configured AICPU threads; each passes the affinity gate; the survivor with the last exec index
/// runs the orchestrator, the others run scheduler loops. The run ends when the orchestrator is done and every task
/// completed, or when an error is latched (then every thread stops and the result carries stall diagnostics). The
/// runtime can run again afterwards. Not thread-safe: one run at a time.
/// </remarks>
public sealed class WirelessRuntime<TMem> : RuntimeHost<TMem> where TMem : struct, ISharedMemory
{
    private readonly WirelessProtocol<TMem> _protocol;
    private readonly Orchestrator<TMem, WirelessOrchestratorHooks<TMem>> _orchestrator;
    /// <summary>Scheduler thread 0's pending FIFO, allocated once: each run's thread 0 resets it.</summary>
    private readonly PendingFifo _pending;

    public WirelessRuntime(RuntimeConfig config) : base(config)
    {
        _protocol = new WirelessProtocol<TMem>(Ring, config.Bugs);
        _orchestrator = new(config, Ring, _protocol.Status, new WirelessOrchestratorHooks<TMem>(_protocol), Wiring);
        _pending = new PendingFifo(config.Window);
    }

    public override string Name => "wireless";

    private protected override RunStatus<TMem> Status => _protocol.Status;
    private protected override ReadyQueues<TMem> Ready => _protocol.Ready;
    private protected override IOrchestratorDriver Orchestrator => _orchestrator;
    private protected override IStallSource StallSource => _protocol;

    private protected override void ResetProtocol(int usedSlots) => _protocol.Reset();

    private protected override void RegisterProtocol(MemoryMap map) => _protocol.Register(map);

    private protected override IScheduler CreateScheduler(int index, SimDevice<TMem> device)
    {
        var hooks = new WirelessSchedulerHooks<TMem>(_protocol, index == 0 ? Wiring : null, index == 0 ? _pending : null, Config.PollBudget);
        return new SchedulerThread<TMem, WirelessSchedulerHooks<TMem>>(index, Config, Ring, _protocol.Ready, _protocol.Status, device, hooks);
    }
}
