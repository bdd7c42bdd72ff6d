using Wireless.Device;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Scheduling;
using Wireless.Wired;

namespace Wireless;

/// <summary>
/// The wired baseline: the fanout/refcount readiness design PR #1107 replaced (seed-design §3), on the same ring,
/// device, queues, gate and seam as <see cref="WirelessRuntime{TMem}"/>, so that the two compare like for like and
/// pass the same checks. See <see cref="WiredProtocol{TMem}"/>.
/// </summary>
public sealed class WiredRuntime<TMem> : RuntimeHost<TMem> where TMem : struct, ISharedMemory
{
    private readonly WiredProtocol<TMem> _protocol;
    private readonly Orchestrator<TMem, WiredOrchestratorHooks<TMem>> _orchestrator;

    public WiredRuntime(RuntimeConfig config) : base(config)
    {
        _protocol = new WiredProtocol<TMem>(Ring, config.FirstLocalId, config.Bugs);
        _orchestrator = new(config, Ring, _protocol.Status, new WiredOrchestratorHooks<TMem>(_protocol), Wiring);
    }

    public override string Name => "wired";

    private protected override RunStatus<TMem> Status => _protocol.Status;
    private protected override ReadyQueues<TMem> Ready => _protocol.Ready;
    private protected override IOrchestratorDriver Orchestrator => _orchestrator;
    private protected override IStallSource StallSource => _protocol;

    private protected override void ResetProtocol(int usedSlots) => _protocol.Reset(usedSlots);

    private protected override void RegisterProtocol(MemoryMap map) => _protocol.Register(map);

    private protected override IScheduler CreateScheduler(int index, SimDevice<TMem> device)
    {
        var hooks = new WiredSchedulerHooks<TMem>(_protocol, index == 0 ? Wiring : null);
        return new SchedulerThread<TMem, WiredSchedulerHooks<TMem>>(index, Config, Ring, _protocol.Ready, _protocol.Status, device, hooks);
    }
}
