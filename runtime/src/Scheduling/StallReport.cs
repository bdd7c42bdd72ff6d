using System.Text;
using Wireless.Ring;

namespace Wireless.Scheduling;

/// <summary>
/// Stall diagnostics (seed §2.10 <c>classify_stall_reason</c>), built from a quiescent runtime after its threads
/// stopped: for every task in flight, whether it is running or pending on a core, ready, waiting on a wake list or
/// in the pending FIFO, and on which producers it still waits.
/// </summary>
public sealed class StallReport
{
    private readonly Dictionary<int, List<string>> _where = [];

    internal void OnCore(int task, int core, bool pending) => Add(task, pending ? $"pending on core {core}" : $"running on core {core}");
    internal void HeldMix(int task, int thread) => Add(task, $"held by scheduler {thread} for an idle cluster");
    internal void InPendingFifo(int task) => Add(task, "in thread 0's pending FIFO");
    internal void InWiringQueue(int task) => Add(task, "in the wiring queue");
    internal void InReadyQueue(int task, Shape shape) => Add(task, $"in the {shape} ready queue");
    internal void OnWakeList(int task, int producer) => Add(task, $"on the wake list of task#{producer}");

    private void Add(int task, string where)
    {
        if (!_where.TryGetValue(task, out var list)) _where[task] = list = [];
        list.Add(where);
    }

    public string Text { get; private set; } = "";

    internal void Build(TaskRing ring, int nextLocalId, string? orchestratorWaitingFor)
    {
        ref var ctl = ref ring.Ctl;
        var alive = ctl.LastTaskAlive;
        var sb = new StringBuilder();
        sb.AppendLine($"stall diagnostics: completed {ctl.CompletedTasks} tasks; watermark {ctl.CompletedWatermark}; last_task_alive {alive}; next local id {nextLocalId}");
        if (orchestratorWaitingFor is not null) sb.AppendLine($"  the orchestrator waits for {orchestratorWaitingFor}");
        if (LocalId.Before(alive, nextLocalId))
        {
            var word = ring.Slot(ring.SlotOf(alive)).LastConsumer;
            var held = LastConsumerWord.IsPinned(word) ? "pinned by an open scope"
                : $"last consumer task#{LastConsumerWord.LastConsumer(word)}{(LocalId.AtOrBefore(LastConsumerWord.LastConsumer(word), ctl.CompletedWatermark) ? " (covered by the watermark)" : " (not yet covered by the watermark)")}";
            sb.AppendLine($"  the oldest live slot holds task#{alive}: {(ring.CompletionFlags[ring.SlotOf(alive)] != 0 ? "complete" : "incomplete")}, {held}");
        }
        // Wake lists: walk every in-flight producer's list.
        for (var id = alive; LocalId.Before(id, nextLocalId); id = LocalId.Next(id))
        {
            var head = ring.Slot(ring.SlotOf(id)).WakeListHead;
            for (var w = head; w >= 0; w = ring.Slot(w).NextInWakeList) OnWakeList(ring.Descriptor(w).LocalId, id);
        }
        var shown = 0;
        for (var id = alive; LocalId.Before(id, nextLocalId); id = LocalId.Next(id))
        {
            var slot = ring.SlotOf(id);
            if (ring.CompletionFlags[slot] != 0) continue;
            if (++shown > 64)
            {
                sb.AppendLine("  ... (more incomplete tasks not shown)");
                break;
            }
            ref var d = ref ring.Descriptor(slot);
            var unmet = new List<int>();
            for (var i = 0; i < d.FaninCount; i++)
            {
                var p = ring.FaninStripe(slot)[i];
                if (ring.CompletionFlags[ring.SlotOf(p)] == 0) unmet.Add(p);
            }
            var where = _where.TryGetValue(id, out var list) ? string.Join(", ", list) : "not on any queue";
            var waits = unmet.Count == 0 ? "all producers complete" : "waits on " + string.Join(", ", unmet.Select(p => $"task#{p}"));
            sb.AppendLine($"  {ring.NameOf(slot)}: {where}; {waits}");
        }
        if (shown == 0) sb.AppendLine("  every submitted task completed");
        Text = sb.ToString();
    }
}
