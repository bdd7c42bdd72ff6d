using System.Text;
using Wireless.Spec.Checking;

namespace Wireless.Spec.Model;

public sealed partial class WirelessModel
{
    public string ThreadName(int thread) => thread == 0 ? "orch" : $"sched-{thread - 1}";

    public string DescribeStep(in Step step)
    {
        var location = step.Location switch
        {
            Location.CompletionFlag => $"completion_flags[{step.Index}]",
            Location.WakeListHead => $"wake_list_head[{step.Index}]",
            Location.NextInWakeList => $"next_in_wake_list[{step.Index}]",
            Location.LastConsumer => $"last_consumer[{step.Index}]",
            Location.Watermark => "completed_watermark",
            Location.LastTaskAlive => "last_task_alive",
            Location.AdvanceLock => "advance_lock",
            Location.CurrentTaskIndex => "current_task_index",
            Location.WiringQueue => "the wiring queue",
            Location.PendingFifo => "the pending FIFO",
            Location.ReadyQueue => "the ready queue",
            _ => "",
        };
        var text = step.Access switch
        {
            Access.Load => $"load {location} = {Value(step.Location, step.Read)}",
            Access.Store => $"store {location} := {Value(step.Location, step.Written)}",
            Access.CasOk => $"CAS {location} {Value(step.Location, step.Read)} -> {Value(step.Location, step.Written)}",
            Access.CasFailed => $"CAS {location} failed, read {Value(step.Location, step.Read)}",
            Access.Exchange => $"exchange {location}: read {Value(step.Location, step.Read)}, wrote {Value(step.Location, step.Written)}",
            // A waiter of a detached wake list: its link is read (plain), then it is pushed.
            Access.Push when step.Location == Location.NextInWakeList
                => $"read {location} = {Link((int)step.Read)}, push waiter task {step.Task} on the ready queue",
            Access.Push => $"push task {step.Task} on {location}",
            Access.Pop => $"pop task {step.Task} from {location}",
            _ => "",
        };
        var context = step.Action switch
        {
            SpecAction.Allocate => $" (slot for task {step.Task}, window {_window})",
            SpecAction.Dispatch => $" to {ThreadName(step.Thread)}'s core",
            SpecAction.StampLastConsumer or SpecAction.EndScope or SpecAction.Reclaim when step.Location == Location.LastConsumer => $" (task {step.Task})",
            SpecAction.Classify or SpecAction.AdvanceWatermark when step.Location == Location.CompletionFlag => $" (task {step.Task})",
            SpecAction.RegisterWake => $" (producer {step.Task})",
            _ => "",
        };
        return step.Label.Kind == LabelKind.None ? text + context : $"{text}{context}   => {step.Label}";
    }

    private string Value(Location location, long value) => location switch
    {
        Location.LastConsumer => Word.Describe((int)value),
        Location.WakeListHead or Location.NextInWakeList => Link((int)value),
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Link(int value) => value switch
    {
        WirelessState.Empty => "empty",
        WirelessState.Sentinel => "SENTINEL",
        _ => $"slot {value}",
    };

    public string DescribeState(ReadOnlySpan<byte> state)
    {
        _probe.Decode(state);
        var s = _probe;
        var b = new StringBuilder();
        for (var slot = 0; slot < _window; slot++)
        {
            var task = TaskInSlot(s, slot);
            b.Append($"  slot {slot}: task {(task < 0 ? "-" : task.ToString(System.Globalization.CultureInfo.InvariantCulture))}, flag {s.Flag[slot]}, ")
             .Append($"wake list {Link(s.Head[slot])}, next {Link(s.Next[slot])}, last_consumer {Word.Describe(s.Word[slot])}\n");
        }
        b.Append($"  completed_watermark {s.Watermark}, last_task_alive {s.Alive}, advance_lock {s.Lock}, current_task_index {s.CurrentTaskIndex}\n");
        b.Append($"  wiring queue {Set(s.Wiring)}, pending FIFO [{string.Join(", ", s.Pending.Take(s.PendingCount))}], ready {Set(s.Ready)}\n");
        for (var i = 0; i < _schedulers; i++) b.Append($"  {ThreadName(Thread(i))}: {FrameText(s, Thread(i))}; on its cores {Set(s.Core[i])}\n");
        b.Append($"  orch: {FrameText(s, 0)}\n");
        b.Append($"  completed {Set(s.Completed)}, reclaimed: tasks below {s.Retired}");
        return b.ToString();
    }

    public string DescribeStuck(ReadOnlySpan<byte> state)
    {
        _probe.Decode(state);
        var s = _probe;
        var b = new StringBuilder();
        var o = s.Frames[0];
        if (o.Pc == Pc.Allocate)
        {
            var oldest = SlotOf(s.Alive);
            b.Append($"the orchestrator waits for a slot for task {o.Task} (window {_window}: needs last_task_alive > {o.Task - _window}, it is {s.Alive})\n")
             .Append($"the oldest live slot ({oldest}) holds task {s.Alive}: {(s.IsCompleted(s.Alive) ? "complete" : "not complete")}, ")
             .Append($"last_consumer {Word.Describe(s.Word[oldest])}, wake list {Link(s.Head[oldest])}, watermark {s.Watermark}\n");
        }
        else if (o.Pc == Pc.Terminated)
        {
            b.Append("the orchestrator has finished\n");
        }
        for (var t = 0; t < _tasks; t++)
        {
            if (s.IsCompleted(t)) continue;
            b.Append($"task {t} never completes: {Whereabouts(s, t)}\n");
        }
        return b.ToString().TrimEnd();
    }

    /// <summary>Where an incomplete task is stuck.</summary>
    private string Whereabouts(WirelessState s, int t)
    {
        if (!IsPublished(s, t)) return "not yet published";
        if (Has(s.Wiring, t)) return "on the wiring queue";
        if (s.Pending.Take(s.PendingCount).Contains(t)) return "in the pending FIFO";
        if (Has(s.Ready, t)) return "on the ready queue";
        for (var i = 0; i < _schedulers; i++)
            if (Has(s.Core[i], t)) return $"on a core of {ThreadName(Thread(i))}";
        var mine = SlotOf(t);
        for (var slot = 0; slot < _window; slot++)
        {
            for (int w = s.Head[slot], hops = 0; w < _window && hops <= _window; w = s.Next[w], hops++)
            {
                if (w != mine) continue;
                var producer = TaskInSlot(s, slot);
                var closed = producer >= 0 && s.IsCompleted(producer) ? " (which completed: its list was already taken)" : "";
                return $"waits on the wake list of slot {slot}, task {producer}{closed}";
            }
        }
        for (var th = 1; th <= _schedulers; th++)
            if (s.Frames[th].Pc != Pc.Idle && s.Frames[th].Task == t) return $"held by {ThreadName(th)} ({s.Frames[th].Pc})";
        return "lost: on no queue, list or core (a wake-up was lost)";
    }

    private string FrameText(WirelessState s, int th)
    {
        var f = s.Frames[th];
        return f.Pc == Pc.Idle ? "at its loop top" : $"{f.Pc} task {f.Task} [{f.R0}, {f.R1}, {f.R2}, {f.R3}]";
    }

    private static string Set(ulong set)
    {
        var items = new List<int>();
        for (var t = 0; set != 0; t++, set >>= 1)
            if ((set & 1) != 0) items.Add(t);
        return "{" + string.Join(", ", items) + "}";
    }
}
