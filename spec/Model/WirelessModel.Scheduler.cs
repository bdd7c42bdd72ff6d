using Wireless.Spec.Checking;

namespace Wireless.Spec.Model;

public sealed partial class WirelessModel
{
    /// <summary>
    /// Scheduler <paramref name="i"/>'s next steps (runtime: <c>SchedulerThread.Run</c>). At its loop top it may start any
    /// activity with work: Complete a task on its cores, and on thread 0 DrainWiring and Classify, and Dispatch a ready
    /// task to a free core. Inside an activity it runs that activity's steps in order.
    /// </summary>
    private void ExpandScheduler(int i)
    {
        var th = Thread(i);
        var f = _cur.Frames[th];
        switch (f.Pc)
        {
            case Pc.Idle:
                StartActivities(i);
                return;
            case Pc.ClassifyLoad:
                ClassifyLoad(i);
                return;
            case Pc.ClassifyPush:
            {
                var step = At(th, SpecAction.ReadyPush, Access.Push, Location.ReadyQueue, 0, 0, f.Task, f.Task, Label.Readied(f.Task, th));
                if (ReadyPushViolates(step, f.Task)) return;
                ref var n = ref Begin(th);
                _next.Ready |= Bit(f.Task);
                n.Reset(Pc.Idle);
                Emit(step);
                return;
            }
            case Pc.RegisterLoad:
            {
                // Relaxed: only a first guess for the CAS.
                var head = _cur.Head[SlotOf(f.R0)];
                ref var n = ref Begin(th);
                if (head == WirelessState.Sentinel)
                {
                    // The producer completed meanwhile; the task's other fanins were met when it was classified.
                    var t = n.Task;
                    n.Reset(Pc.ClassifyPush);
                    n.Task = t;
                }
                else
                {
                    n.R1 = head;
                    n.Pc = Pc.RegisterCas;
                }
                Emit(At(th, SpecAction.RegisterWake, Access.Load, Location.WakeListHead, SlotOf(f.R0), head, 0, f.R0));
                return;
            }
            case Pc.RegisterCas:
            {
                // next_in_wake_list := head (plain), then CAS the producer's head from head to our slot (acq_rel).
                var pslot = SlotOf(f.R0);
                var mine = SlotOf(f.Task);
                var head = _cur.Head[pslot];
                ref var n = ref Begin(th);
                if (head == f.R1)
                {
                    _next.Next[mine] = f.R1;
                    _next.Head[pslot] = mine;
                    var producer = f.R0;
                    n.Reset(Pc.Idle);
                    Emit(At(th, SpecAction.RegisterWake, Access.CasOk, Location.WakeListHead, pslot, head, mine, producer, Label.Registered(f.Task, producer, th)));
                    return;
                }
                if (head == WirelessState.Sentinel)
                {
                    var t = n.Task;
                    n.Reset(Pc.ClassifyPush);
                    n.Task = t;
                }
                else
                {
                    n.R1 = head;
                }
                Emit(At(th, SpecAction.RegisterWake, Access.CasFailed, Location.WakeListHead, pslot, head, 0, f.R0));
                return;
            }
            case Pc.CloseWakeList or Pc.WakeWaiter or Pc.WakeWaiterAgain or Pc.WalkLoad or Pc.WalkFrontier or Pc.WalkFlag or Pc.WalkCas:
                ExpandCompletion(i);
                return;
            default:
                ExpandReclaim(th);
                return;
        }
    }

    /// <summary>The activities scheduler <paramref name="i"/> can start at its loop top, one step each.</summary>
    private void StartActivities(int i)
    {
        var th = Thread(i);
        for (var cores = _cur.Core[i]; cores != 0; cores &= cores - 1)
            Complete(i, System.Numerics.BitOperations.TrailingZeroCount(cores));

        if (i == 0 && _cur.Wiring != 0)
        {
            // DrainWiring: pop the oldest published task (acquire on the queue head) into the pending FIFO.
            var t = System.Numerics.BitOperations.TrailingZeroCount(_cur.Wiring);
            Begin(th);
            _next.Wiring &= ~Bit(t);
            _next.PendingPushBack(t);
            Emit(At(th, SpecAction.DrainWiring, Access.Pop, Location.WiringQueue, 0, t, 0, t, activity: ActivityDrain));
        }

        if (i == 0 && _cur.PendingCount > 0) ClassifyStart();

        if (_cur.Ready != 0 && _cur.CoreLoad(i) < _config.CoresPerScheduler)
            for (var ready = _cur.Ready; ready != 0; ready &= ready - 1)
                Dispatch(i, System.Numerics.BitOperations.TrailingZeroCount(ready));
    }

    /// <summary>Dispatch: pop ready task <paramref name="t"/> and write it to a free core of scheduler <paramref name="i"/>.</summary>
    private void Dispatch(int i, int t)
    {
        var th = Thread(i);
        var step = At(th, SpecAction.Dispatch, Access.Pop, Location.ReadyQueue, 0, t, 0, t, Label.Dispatched(t, th), ActivityDispatch);
        if (DispatchViolates(step, t)) return;
        Begin(th);
        _next.Ready &= ~Bit(t);
        _next.Core[i] |= Bit(t);
        Emit(step);
    }

    /// <summary>
    /// Classify (thread 0): pop the head of the pending FIFO; a task without fanin is ready at once (a step of its own);
    /// otherwise the pop is folded into the first flag load.
    /// </summary>
    private void ClassifyStart()
    {
        var t = _cur.Pending[0];
        var count = ClassifiedCount(_cur, t);
        ref var n = ref Begin(Thread(0));
        _next.PendingPopFront();
        n.Reset(Pc.ClassifyLoad);
        n.Task = t;
        if (count > 0)
        {
            ClassifyLoadInto(ref n, ActivityClassify);
            return;
        }
        n.Pc = Pc.ClassifyPush;
        Emit(At(Thread(0), SpecAction.Classify, Access.Pop, Location.PendingFifo, 0, t, 0, t, Label.Classified(t, Label.ClassifiedReady, Thread(0)), ActivityClassify));
    }

    /// <summary>Classify: the next flag load of the task being classified.</summary>
    private void ClassifyLoad(int i)
    {
        ref var n = ref Begin(Thread(i));
        ClassifyLoadInto(ref n, 0);
    }

    /// <summary>
    /// One flag load of Classify (acquire): fanin entry R0 of task n.Task. After the last entry, or at the second unmet
    /// one, routes the task: no unmet → ReadyPush; one → RegisterWake on that producer; two or more → back to the FIFO.
    /// </summary>
    private void ClassifyLoadInto(ref Frame n, int activity)
    {
        var t = n.Task;
        var count = ClassifiedCount(_cur, t);
        var p = _fanin[n.R0];
        var pslot = SlotOf(p);
        var flag = _cur.Flag[pslot];
        if (flag == 0)
        {
            n.R1++;
            n.R2 = p + 1;
        }
        n.R0++;
        var label = Label.None;
        if (n.R1 == 2 || n.R0 == count)
        {
            var unmet = n.R1;
            var producer = n.R2 - 1;
            n.Reset(Pc.Idle);
            switch (unmet)
            {
                case 0:
                    n.Pc = Pc.ClassifyPush;
                    n.Task = t;
                    label = Label.Classified(t, Label.ClassifiedReady, Thread(0));
                    break;
                case 1:
                    n.Pc = Pc.RegisterLoad;
                    n.Task = t;
                    n.R0 = producer;
                    label = Label.Classified(t, producer, Thread(0));
                    break;
                default:
                    _next.PendingPushBack(t);
                    label = Label.Classified(t, Label.ClassifiedPending, Thread(0));
                    break;
            }
        }
        Emit(At(Thread(0), SpecAction.Classify, Access.Load, Location.CompletionFlag, pslot, flag, 0, p, label, activity));
    }

    /// <summary>The number of fanin entries Classify looks at (all, or all but the last in the seeded bug ignore-last-fanin); fills <c>_fanin</c>.</summary>
    private int ClassifiedCount(WirelessState s, int task)
    {
        var count = FaninOrder(s, task);
        return _variant == ModelVariant.IgnoreLastFanin && count > 0 ? count - 1 : count;
    }
}
