using Wireless.Memory;
using Wireless.Scheduling;

namespace Wireless.Wired;

/// <summary>
/// The wired protocol's per-thread hooks: thread 0 wires every task it drains from the wiring queue at once (no pending
/// FIFO); every thread completes tasks by the wired rules and batches their releases, which it runs when the batch is
/// full or the thread is idle (the seed's deferred-release buffer of 256).
/// </summary>
internal struct WiredSchedulerHooks<TMem>(WiredProtocol<TMem> protocol, SpscQueue<TMem>? wiring) : ISchedulerHooks
    where TMem : struct, ISharedMemory
{
    private const int BatchCapacity = 256;

    private readonly int[] _batch = new int[BatchCapacity];
    private int _batched;

    /// <summary>DrainWiring (<c>drain_wiring_queue</c>): wires up to a batch of newly published tasks.</summary>
    public readonly bool DrainWiring()
    {
        var wired = 0;
        while (wired < RuntimeConfig.DrainBatch && wiring!.TryPop(out var task))
        {
            protocol.Wire(task);
            wired++;
        }
        return wired > 0;
    }

    public readonly bool PollPending(out int visited, out bool everyTask)
    {
        visited = 0;
        everyTask = true;
        return false;
    }

    public readonly bool FinishSubtask(int slot, int subtasks) => protocol.FinishSubtask(slot, subtasks);

    public void Complete(int localId)
    {
        protocol.OnTaskComplete(localId);
        _batch[_batched++] = localId;
        if (_batched == BatchCapacity) Flush();
    }

    public bool OnIdle()
    {
        if (_batched == 0) return false;
        Flush();
        return true;
    }

    public readonly void Describe(StallReport report)
    {
        if (wiring is not null) foreach (var t in wiring.Snapshot()) report.InWiringQueue(t);
    }

    public void Reset() => _batched = 0;

    private void Flush()
    {
        for (var i = 0; i < _batched; i++) protocol.Release(_batch[i]);
        _batched = 0;
    }
}
