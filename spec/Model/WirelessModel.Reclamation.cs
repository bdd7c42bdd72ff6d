using Wireless.Spec.Checking;

namespace Wireless.Spec.Model;

public sealed partial class WirelessModel
{
    /// <summary>
    /// Reclaim by thread <paramref name="th"/> (runtime: <c>TryReclaim</c>): try-lock <c>advance_lock</c>; load the
    /// watermark; while the slot of <c>last_task_alive</c> is covered, not pinned, not retired and its last consumer is
    /// covered, retire its word by CAS and reset its wake list; store <c>last_task_alive</c>; unlock; re-check and start
    /// again if the slot at <c>last_task_alive</c> became reclaimable (the seeded bug lost-reclamation does not).
    /// </summary>
    /// <remarks>
    /// A slot is reclaimable only once its wake list is closed (the sentinel): its task's completer stores the
    /// completion flag first and closes the list after, and between the two the watermark may already pass the task.
    /// Reclaiming then would let the late CloseWakeList close the list of the slot's next task, whose waiters would be
    /// readied before it completes (found by this model, spec/BUGLOG.md: reclaim-before-close). The completer reclaims
    /// after it closed the list, so waiting for the close loses no reclamation.
    /// </remarks>
    private void ExpandReclaim(int th)
    {
        var f = _cur.Frames[th];
        switch (f.Pc)
        {
            case Pc.ReclaimLock:
            {
                ref var n = ref Begin(th);
                if (_cur.Lock == 0)
                {
                    _next.Lock = 1;
                    n.Pc = Pc.ReclaimLoadWatermark;
                    Emit(At(th, SpecAction.Reclaim, Access.CasOk, Location.AdvanceLock, 0, 0, 1, -1));
                    return;
                }
                ReturnFromReclaim(th, ref n);
                Emit(At(th, SpecAction.Reclaim, Access.CasFailed, Location.AdvanceLock, 0, 1, 0, -1));
                return;
            }
            case Pc.ReclaimLoadWatermark:
            {
                // The watermark (acquire); last_task_alive is only written under the lock we hold, so reading it is folded in.
                ref var n = ref Begin(th);
                n.R0 = _cur.Watermark + 1;
                n.R1 = n.R2 = _cur.Alive;
                if (n.R1 <= _cur.Watermark) n.Pc = Pc.ReclaimLoadWord;
                else AfterRetireLoop(ref n);
                Emit(At(th, SpecAction.Reclaim, Access.Load, Location.Watermark, 0, _cur.Watermark, 0, -1));
                return;
            }
            case Pc.ReclaimLoadWord:
            {
                var slot = SlotOf(f.R1);
                var word = _cur.Word[slot];
                ref var n = ref Begin(th);
                if (CanRetire(word, f.R0 - 1))
                {
                    n.R3 = word;
                    n.Pc = _variant == ModelVariant.ReclaimBeforeClose ? Pc.ReclaimRetire : Pc.ReclaimLoadHead;
                }
                else
                {
                    AfterRetireLoop(ref n);
                }
                Emit(At(th, SpecAction.Reclaim, Access.Load, Location.LastConsumer, slot, word, 0, f.R1));
                return;
            }
            case Pc.ReclaimLoadHead:
            {
                // Acquire: pairs with the completer's exchange; once closed, the completer no longer touches the slot.
                var slot = SlotOf(f.R1);
                var head = _cur.Head[slot];
                ref var n = ref Begin(th);
                if (head == WirelessState.Sentinel) n.Pc = Pc.ReclaimRetire;
                else AfterRetireLoop(ref n);
                Emit(At(th, SpecAction.Reclaim, Access.Load, Location.WakeListHead, slot, head, 0, f.R1));
                return;
            }
            case Pc.ReclaimRetire:
            {
                var t = f.R1;
                var slot = SlotOf(t);
                var word = _cur.Word[slot];
                if (word == f.R3)
                {
                    // The linearization point of the reclamation: a stamp that comes later finds the word retired.
                    var step = At(th, SpecAction.Reclaim, Access.CasOk, Location.LastConsumer, slot, word, word | Word.Retired, t, Label.Reclaimed(t, th));
                    if (ReclaimViolates(step, t)) return;
                    ref var n = ref Begin(th);
                    _next.Word[slot] = word | Word.Retired;
                    _next.Retired = t + 1;
                    n.R3 = 0;
                    n.Pc = Pc.ReclaimResetHead;
                    Emit(step);
                    return;
                }
                // A stamp or an unpin came first: decide again.
                ref var m = ref Begin(th);
                m.R3 = 0;
                m.Pc = Pc.ReclaimLoadWord;
                Emit(At(th, SpecAction.Reclaim, Access.CasFailed, Location.LastConsumer, slot, word, 0, t));
                return;
            }
            case Pc.ReclaimResetHead:
            {
                var slot = SlotOf(f.R1);
                ref var n = ref Begin(th);
                _next.Head[slot] = WirelessState.Empty;
                n.R1++;
                if (n.R1 <= n.R0 - 1) n.Pc = Pc.ReclaimLoadWord;
                else AfterRetireLoop(ref n);
                Emit(At(th, SpecAction.Reclaim, Access.Store, Location.WakeListHead, slot, 0, WirelessState.Empty, f.R1));
                return;
            }
            case Pc.ReclaimStoreAlive:
            {
                // Release: publishes the slot resets to the orchestrator's Allocate.
                ref var n = ref Begin(th);
                _next.Alive = f.R1;
                n.Reset(Pc.ReclaimUnlock);
                Emit(At(th, SpecAction.Reclaim, Access.Store, Location.LastTaskAlive, 0, 0, f.R1, -1));
                return;
            }
            case Pc.ReclaimUnlock:
            {
                ref var n = ref Begin(th);
                _next.Lock = 0;
                if (_variant == ModelVariant.LostReclamation) ReturnFromReclaim(th, ref n);
                else n.Reset(Pc.RecheckAlive);
                Emit(At(th, SpecAction.Reclaim, Access.Exchange, Location.AdvanceLock, 0, 1, 0, -1));
                return;
            }
            case Pc.RecheckAlive:
            {
                ref var n = ref Begin(th);
                n.R1 = _cur.Alive;
                n.Pc = Pc.RecheckWatermark;
                Emit(At(th, SpecAction.Reclaim, Access.Load, Location.LastTaskAlive, 0, _cur.Alive, 0, -1));
                return;
            }
            case Pc.RecheckWatermark:
            {
                ref var n = ref Begin(th);
                if (f.R1 <= _cur.Watermark)
                {
                    n.R0 = _cur.Watermark + 1;
                    n.Pc = Pc.RecheckWord;
                }
                else
                {
                    ReturnFromReclaim(th, ref n);
                }
                Emit(At(th, SpecAction.Reclaim, Access.Load, Location.Watermark, 0, _cur.Watermark, 0, -1));
                return;
            }
            case Pc.RecheckWord:
            {
                var slot = SlotOf(f.R1);
                var word = _cur.Word[slot];
                ref var n = ref Begin(th);
                if (!CanRetire(word, f.R0 - 1)) ReturnFromReclaim(th, ref n);
                else if (_variant == ModelVariant.ReclaimBeforeClose) n.Reset(Pc.ReclaimLock);
                else
                {
                    n.R0 = 0;
                    n.Pc = Pc.RecheckHead;
                }
                Emit(At(th, SpecAction.Reclaim, Access.Load, Location.LastConsumer, slot, word, 0, f.R1));
                return;
            }
            case Pc.RecheckHead:
            {
                // Seq_cst: the load side of the store-buffering pair with a completer's close and failed try-lock.
                var slot = SlotOf(f.R1);
                var head = _cur.Head[slot];
                ref var n = ref Begin(th);
                if (head == WirelessState.Sentinel) n.Reset(Pc.ReclaimLock);
                else ReturnFromReclaim(th, ref n);
                Emit(At(th, SpecAction.Reclaim, Access.Load, Location.WakeListHead, slot, head, 0, f.R1));
                return;
            }
        }
    }

    /// <summary>True if a slot with word <paramref name="word"/> may be retired under watermark <paramref name="watermark"/>.</summary>
    private bool CanRetire(int word, int watermark)
        => !Word.IsRetired(word) && !Word.IsPinned(word)
           && (_variant == ModelVariant.ReclaimIgnoresConsumer || Word.Consumer(word) <= watermark);

    /// <summary>After the retire loop: store <c>last_task_alive</c> if it moved, then unlock.</summary>
    private static void AfterRetireLoop(ref Frame n)
    {
        var alive = n.R1;
        var moved = alive != n.R2;
        n.Reset(moved ? Pc.ReclaimStoreAlive : Pc.ReclaimUnlock);
        if (moved) n.R1 = alive;
    }

    /// <summary>Reclaim returns: a scheduler goes back to its loop top, the orchestrator on with its program.</summary>
    private void ReturnFromReclaim(int th, ref Frame n)
    {
        if (th == 0)
        {
            OrchestratorAfterReclaim(ref n);
            return;
        }
        n.Reset(Pc.Idle);
    }
}
