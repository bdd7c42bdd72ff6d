using Wireless.Spec.Checking;

namespace Wireless.Spec.Model;

public sealed partial class WirelessModel
{
    // The safety properties of spec/SPEC.md §3, checked on the step that could break them, so on every reachable
    // state: each returns true (and reports the violation) if the step from _cur breaks its property.

    /// <summary>S1: a task reaches the ready queue at most once (it is not ready, on a core, or complete already).</summary>
    private bool ReadyPushViolates(in Step step, int t)
    {
        if (t < 0)
        {
            _sink.Violation(step, Property.S3, "a completer woke a waiter whose slot holds no task");
            return true;
        }
        var readied = Has(_cur.Ready, t) || _cur.IsCompleted(t);
        for (var i = 0; i < _schedulers && !readied; i++) readied = Has(_cur.Core[i], t);
        if (!readied) return false;
        _sink.Violation(step, Property.S1, $"task {t} was pushed on the ready queue a second time");
        return true;
    }

    /// <summary>S2: a task is dispatched only after every producer of its task graph completed.</summary>
    private bool DispatchViolates(in Step step, int t)
    {
        foreach (var d in _config.Tasks[t].Producers)
        {
            if (_cur.IsCompleted(d.Producer)) continue;
            _sink.Violation(step, Property.S2, $"task {t} was dispatched before its producer {d.Producer} completed");
            return true;
        }
        return false;
    }

    /// <summary>S3: a task is published naming no reclaimed producer, and reading no reclaimed buffer.</summary>
    private bool CheckPublish(in Step step, int t)
    {
        for (var p = 0; p < _tasks; p++)
        {
            if (p >= _cur.Retired) break;
            if (Has(_cur.Fanin[t], p))
            {
                _sink.Violation(step, Property.S3, $"task {t} was published naming task {p} as a fanin, but task {p}'s slot was already reclaimed");
                return true;
            }
            if (_config.Tasks[t].Reads(p))
            {
                _sink.Violation(step, Property.S3, $"task {t} was published reading a buffer of task {p}, which was already reclaimed");
                return true;
            }
        }
        return false;
    }

    /// <summary>S3: a slot is retired only when its task and every published consumer that names it or reads it completed.</summary>
    private bool ReclaimViolates(in Step step, int t)
    {
        if (!_cur.IsCompleted(t))
        {
            _sink.Violation(step, Property.S3, $"the slot of task {t} was reclaimed before task {t} completed");
            return true;
        }
        for (var c = t + 1; c < _tasks; c++)
        {
            if (!IsPublished(_cur, c) || _cur.IsCompleted(c)) continue;
            if (Has(_cur.Fanin[c], t))
            {
                _sink.Violation(step, Property.S3, $"the slot of task {t} was reclaimed while its consumer {c}, which names it as a fanin, had not completed");
                return true;
            }
            if (_config.Tasks[c].Reads(t))
            {
                _sink.Violation(step, Property.S3, $"the slot and buffers of task {t} were reclaimed while task {c}, which reads them, had not completed");
                return true;
            }
        }
        return false;
    }

    /// <summary>S4: the watermark only grows, and only over completed (hence allocated) tasks.</summary>
    private bool WatermarkViolates(in Step step, int current, int next)
    {
        if (next < current)
        {
            _sink.Violation(step, Property.S4, $"the watermark moved backwards from {current} to {next}");
            return true;
        }
        for (var t = current + 1; t <= next; t++)
        {
            if (t < _tasks && _cur.IsCompleted(t)) continue;
            _sink.Violation(step, Property.S4, t < _tasks
                ? $"the watermark passed task {t}, which has not completed"
                : $"the watermark passed local id {t}, which was never allocated");
            return true;
        }
        return false;
    }
}
