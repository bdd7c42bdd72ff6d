using Wireless.Spec.Checking;

namespace Wireless.Spec.Model;

public sealed partial class WirelessModel
{
    /// <summary>
    /// Complete (runtime: <c>PollCore</c> seeing FIN, then <c>OnTaskComplete</c>): scheduler <paramref name="i"/> takes
    /// finished task <paramref name="t"/> off its core and stores its completion flag (seq_cst); CloseWakeList and
    /// AdvanceWatermark follow.
    /// </summary>
    private void Complete(int i, int t)
    {
        var th = Thread(i);
        var slot = SlotOf(t);
        var step = At(th, SpecAction.Complete, Access.Store, Location.CompletionFlag, slot, 0, 1, t, Label.Completed(t, th), ActivityComplete);
        if (_cur.IsCompleted(t))
        {
            _sink.Violation(step, Property.S1, $"task {t} completed twice");
            return;
        }
        ref var n = ref Begin(th);
        _next.Core[i] &= ~Bit(t);
        _next.Flag[slot] = 1;
        _next.Completed |= Bit(t);
        n.Reset(Pc.CloseWakeList);
        n.Task = t;
        Emit(step);
    }

    /// <summary>CloseWakeList and AdvanceWatermark steps of scheduler <paramref name="i"/>.</summary>
    private void ExpandCompletion(int i)
    {
        var th = Thread(i);
        var f = _cur.Frames[th];
        switch (f.Pc)
        {
            case Pc.CloseWakeList:
            {
                // Exchange (acq_rel): detaches every waiter and closes the list; a later registration sees the sentinel.
                var slot = SlotOf(f.Task);
                var waiters = _cur.Head[slot];
                var closed = _variant == ModelVariant.NoSentinel ? WirelessState.Empty : WirelessState.Sentinel;
                ref var n = ref Begin(th);
                _next.Head[slot] = closed;
                if (waiters < _window)
                {
                    n.R0 = waiters;
                    n.Pc = Pc.WakeWaiter;
                }
                else
                {
                    StartWalk(ref n);
                }
                Emit(At(th, SpecAction.CloseWakeList, Access.Exchange, Location.WakeListHead, slot, waiters, closed, f.Task));
                return;
            }
            case Pc.WakeWaiter or Pc.WakeWaiterAgain:
            {
                // Read the waiter's link (plain) before pushing it: once ready it may run, complete and be reclaimed.
                var waiterSlot = f.R0;
                var link = f.Pc == Pc.WakeWaiter ? _cur.Next[waiterSlot] : f.R1;
                var waiter = TaskInSlot(_cur, waiterSlot);
                var step = At(th, SpecAction.ReadyPush, Access.Push, Location.NextInWakeList, waiterSlot, link, waiter, waiter, Label.Readied(waiter, th));
                if (ReadyPushViolates(step, waiter)) return;
                ref var n = ref Begin(th);
                _next.Ready |= Bit(waiter);
                _next.Next[waiterSlot] = WirelessState.Empty;
                if (f.Pc == Pc.WakeWaiter && _variant == ModelVariant.DoubleWake)
                {
                    n.Pc = Pc.WakeWaiterAgain;
                    n.R1 = link;
                }
                else if (link < _window)
                {
                    n.Pc = Pc.WakeWaiter;
                    n.R0 = link;
                    n.R1 = 0;
                }
                else
                {
                    StartWalk(ref n);
                }
                Emit(step);
                return;
            }
            case Pc.WalkLoad:
            {
                // Acquire: the completer that set it saw the flags it covers.
                ref var n = ref Begin(th);
                n.R0 = _cur.Watermark + 1;
                n.R1 = f.Task + 1;
                ContinueWalk(ref n);
                Emit(At(th, SpecAction.AdvanceWatermark, Access.Load, Location.Watermark, 0, _cur.Watermark, 0, f.Task));
                return;
            }
            case Pc.WalkFrontier:
            {
                // Acquire: every flag below the frontier belongs to a prepared task of this incarnation.
                ref var n = ref Begin(th);
                n.R1 = _cur.CurrentTaskIndex;
                n.R2 = 1;
                if (n.R0 >= n.R1) EndWalk(ref n);
                else n.Pc = Pc.WalkFlag;
                Emit(At(th, SpecAction.AdvanceWatermark, Access.Load, Location.CurrentTaskIndex, 0, _cur.CurrentTaskIndex, 0, f.Task));
                return;
            }
            case Pc.WalkFlag:
            {
                var slot = SlotOf(f.R0);
                var flag = _cur.Flag[slot];
                ref var n = ref Begin(th);
                if (flag == 0) EndWalk(ref n);
                else n.Pc = Pc.WalkCas;
                Emit(At(th, SpecAction.AdvanceWatermark, Access.Load, Location.CompletionFlag, slot, flag, 0, f.R0));
                return;
            }
            case Pc.WalkCas:
                WalkCas(th, f);
                return;
        }
    }

    /// <summary>
    /// AdvanceWatermark's CAS from w = R0 − 1 to R0 (the seeded bug plain-watermark stores instead). On failure w is the
    /// value read. Then the next iteration.
    /// </summary>
    private void WalkCas(int th, Frame f)
    {
        var next = f.R0;
        var expected = next - 1;
        var current = _cur.Watermark;
        var plain = _variant == ModelVariant.PlainWatermark;
        if (plain || current == expected)
        {
            var step = At(th, SpecAction.AdvanceWatermark, plain ? Access.Store : Access.CasOk, Location.Watermark, 0, current, next, next,
                Label.WatermarkAdvanced(next, th));
            if (WatermarkViolates(step, current, next)) return;
            ref var n = ref Begin(th);
            _next.Watermark = next;
            n.R0 = next + 1;
            n.R3++;
            ContinueWalk(ref n);
            Emit(step);
            return;
        }
        ref var m = ref Begin(th);
        m.R0 = current + 1;
        m.R3++;
        ContinueWalk(ref m);
        Emit(At(th, SpecAction.AdvanceWatermark, Access.CasFailed, Location.Watermark, 0, current, 0, next));
    }

    private static void StartWalk(ref Frame n)
    {
        var t = n.Task;
        n.Reset(Pc.WalkLoad);
        n.Task = t;
    }

    /// <summary>
    /// The walk's loop condition (runtime: <c>AdvanceWatermark</c>): at most a window of iterations (R3); the next id
    /// R0 must be at or below the frontier R1 − 1, which starts at the completer's own id and is raised once to
    /// <c>current_task_index</c> − 1 (the seeded bug watermark-stall never raises it; unbounded-watermark has none).
    /// </summary>
    private void ContinueWalk(ref Frame n)
    {
        if (n.R3 >= _window)
        {
            EndWalk(ref n);
            return;
        }
        if (n.R0 >= n.R1 && _variant != ModelVariant.UnboundedWatermark)
        {
            if (n.R2 == 1 || _variant == ModelVariant.WatermarkStall) EndWalk(ref n);
            else n.Pc = Pc.WalkFrontier;
            return;
        }
        n.Pc = Pc.WalkFlag;
    }

    /// <summary>The walk is over: Reclaim.</summary>
    private static void EndWalk(ref Frame n) => n.Reset(Pc.ReclaimLock);
}
