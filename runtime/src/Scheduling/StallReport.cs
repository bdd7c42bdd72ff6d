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
    internal void OnFanoutList(int task, int producer) => Add(task, $"on the fanout list of task#{producer}");

    private void Add(int task, string where)
    {
        if (!_where.TryGetValue(task, out var list)) _where[task] = list = [];
        list.Add(where);
    }

    public string Text { get; private set; } = "";

    internal void Build(TaskRing ring, int nextLocalId, string? orchestratorWaitingFor, IStallSource source)
    {
        ref var ctl = ref ring.Ctl;
        var alive = ctl.LastTaskAlive;
        var sb = new StringBuilder();
        sb.AppendLine($"stall diagnostics: completed {ctl.CompletedTasks} tasks; watermark {ctl.CompletedWatermark}; last_task_alive {alive}; next local id {nextLocalId}");
        if (orchestratorWaitingFor is not null) sb.AppendLine($"  the orchestrator waits for {orchestratorWaitingFor}");
        if (LocalId.Before(alive, nextLocalId))
        {
            var slot = ring.SlotOf(alive);
            sb.AppendLine($"  the oldest live slot holds task#{alive}: {(source.IsComplete(slot) ? "complete" : "incomplete")}, {source.HoldReason(slot)}");
        }
        source.CollectWaits(this, alive, nextLocalId);
        var shown = 0;
        for (var id = alive; LocalId.Before(id, nextLocalId); id = LocalId.Next(id))
        {
            var slot = ring.SlotOf(id);
            if (source.IsComplete(slot)) continue;
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
                if (!source.IsComplete(ring.SlotOf(p))) unmet.Add(p);
            }
            var where = _where.TryGetValue(id, out var list) ? string.Join(", ", list) : "not on any queue";
            var waits = unmet.Count == 0 ? "all producers complete" : "waits on " + string.Join(", ", unmet.Select(p => $"task#{p}"));
            sb.AppendLine($"  {ring.NameOf(slot)}: {where}; {waits}");
        }
        if (shown == 0) sb.AppendLine("  every submitted task completed");
        Text = sb.ToString();
    }
}

/// <summary>What a readiness protocol tells a stall report about its slots.</summary>
internal interface IStallSource
{
    bool IsComplete(int slot);

    /// <summary>Why the slot at <c>last_task_alive</c> is still held.</summary>
    string HoldReason(int slot);

    /// <summary>Adds who waits on whom (wake lists, fanout lists) among the tasks in flight.</summary>
    void CollectWaits(StallReport report, int alive, int next);
}
