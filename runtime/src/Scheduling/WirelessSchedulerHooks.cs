using Wireless.Memory;

namespace Wireless.Scheduling;

/// <summary>
/// The wireless protocol's per-thread hooks: thread 0 drains the wiring queue into its private pending FIFO and
/// classifies pending tasks; every thread completes tasks by the wireless rules (<see cref="WirelessProtocol{TMem}"/>).
/// </summary>
internal struct WirelessSchedulerHooks<TMem>(WirelessProtocol<TMem> protocol, SpscQueue<TMem>? wiring, PendingFifo? pending, int pollBudget)
    : ISchedulerHooks where TMem : struct, ISharedMemory
{
    /// <summary>DrainWiring: moves up to a batch of newly published tasks to the pending FIFO.</summary>
    public readonly bool DrainWiring()
    {
        var moved = 0;
        while (moved < RuntimeConfig.DrainBatch && wiring!.TryPop(out var task))
        {
            pending!.Push(task);
            moved++;
        }
        return moved > 0;
    }

    /// <summary>Classify up to the poll budget of pending tasks from the head of the FIFO.</summary>
    public readonly bool PollPending(out int visited, out bool everyTask)
    {
        var before = pending!.Count;
        visited = Math.Min(before, pollBudget);
        everyTask = visited == before;
        for (var i = 0; i < visited; i++) protocol.Classify(pending.Pop(), pending);
        return pending.Count < before;
    }

    public readonly bool FinishSubtask(int slot, int subtasks)
        // AcqRel: the last subtask's completer must see the other subtasks' effects before publishing completion.
        => TMem.FetchAdd(ref protocol.Ring.Slot(slot).CompletedSubtasks, 1, MemoryOrder.AcqRel, SpecAction.PollCore) + 1 == subtasks;

    public readonly void Complete(int localId) => protocol.OnTaskComplete(localId);

    public readonly bool OnIdle() => false;

    public readonly void Describe(StallReport report)
    {
        if (pending is not null) foreach (var t in pending.Snapshot()) report.InPendingFifo(t);
        if (wiring is not null) foreach (var t in wiring.Snapshot()) report.InWiringQueue(t);
    }

    public readonly void Reset() => pending?.Reset();
}
