using Wireless.Spec.Checking;

namespace Wireless.Spec.Model;

public sealed partial class WirelessModel
{
    /// <summary>
    /// The orchestrator's next step (runtime: <c>Orchestrator.Submit</c>, <c>AllocTensors</c>, <c>EndScope</c>,
    /// <c>Run</c>): Allocate waits for the slot; Submit loads <c>last_task_alive</c>, stamps each producer from the last
    /// found to the first, prepares the slot (word, flag, <c>current_task_index</c>) and publishes; AllocTensors writes a
    /// complete task; EndScope and the end of the program unpin, then Reclaim.
    /// </summary>
    private void ExpandOrchestrator()
    {
        var f = _cur.Frames[0];
        var t = f.Task;
        var slot = SlotOf(t);
        switch (f.Pc)
        {
            case Pc.Allocate:
            {
                // Back-pressure: the orchestrator spins on last_task_alive (acquire) until the slot is free; the step is
                // the load that finds it free.
                if (t - _cur.Alive >= _window) return;
                ref var n = ref Begin(0);
                n.Pc = _config.Tasks[t].IsAlloc ? Pc.AllocWord : Pc.ReadAlive;
                Emit(At(0, SpecAction.Allocate, Access.Load, Location.LastTaskAlive, 0, _cur.Alive, 0, t));
                return;
            }
            case Pc.ReadAlive:
            {
                ref var n = ref Begin(0);
                n.R2 = _cur.Alive;
                n.R0 = _config.Tasks[t].Producers.Count;
                // Dependency discovery: the TensorMap lookup skips last writers before last_task_alive (retired).
                foreach (var d in _config.Tasks[t].Producers)
                    if (d.Kind == EdgeKind.Modifier && d.Producer < _cur.Alive) _next.Filtered[t] |= Bit(d.Producer);
                var step = At(0, SpecAction.StampLastConsumer, Access.Load, Location.LastTaskAlive, 0, _cur.Alive, 0, t);
                if (AdvanceStamp(ref n, step)) Emit(step);
                return;
            }
            case Pc.StampLoad:
            {
                var p = _config.Tasks[t].Producers[f.R0 - 1].Producer;
                var word = _cur.Word[SlotOf(p)];
                ref var n = ref Begin(0);
                var step = At(0, SpecAction.StampLastConsumer, Access.Load, Location.LastConsumer, SlotOf(p), word, 0, p);
                if (_variant == ModelVariant.UncheckedStamp)
                {
                    n.R1 = word;
                    n.Pc = Pc.StampStore;
                }
                else if (Word.IsRetired(word))
                {
                    n.R0--;
                    if (!AdvanceStamp(ref n, step, droppedCreator: CreatorDropped(t, p))) return;
                }
                else
                {
                    n.R1 = word;
                    n.Pc = Pc.StampCas;
                }
                Emit(step);
                return;
            }
            case Pc.StampCas:
            {
                var p = _config.Tasks[t].Producers[f.R0 - 1].Producer;
                var pslot = SlotOf(p);
                var word = _cur.Word[pslot];
                ref var n = ref Begin(0);
                if (word == f.R1)
                {
                    // The stamp and Reclaim's retire are CASes on one word: this one won, so reclamation waits for us.
                    var stamped = Word.WithConsumer(word, t);
                    _next.Word[pslot] = stamped;
                    _next.Fanin[t] |= Bit(p);
                    n.R0--;
                    n.R1 = 0;
                    var ok = At(0, SpecAction.StampLastConsumer, Access.CasOk, Location.LastConsumer, pslot, word, stamped, p, Label.Stamped(p, t));
                    if (AdvanceStamp(ref n, ok)) Emit(ok);
                    return;
                }
                var failed = At(0, SpecAction.StampLastConsumer, Access.CasFailed, Location.LastConsumer, pslot, word, 0, p);
                if (Word.IsRetired(word))
                {
                    // The retire won: the producer completed, its edge is satisfied; drop it.
                    n.R0--;
                    n.R1 = 0;
                    if (!AdvanceStamp(ref n, failed, droppedCreator: CreatorDropped(t, p))) return;
                }
                else
                {
                    n.R1 = word;
                }
                Emit(failed);
                return;
            }
            case Pc.StampStore:
            {
                // Seeded bug unchecked-stamp: the seed's read-max-write, after a liveness check against an older
                // last_task_alive; a retire between the load and this store is overwritten.
                var p = _config.Tasks[t].Producers[f.R0 - 1].Producer;
                var pslot = SlotOf(p);
                var stamped = Word.WithConsumer(f.R1, t);
                ref var n = ref Begin(0);
                _next.Word[pslot] = stamped;
                _next.Fanin[t] |= Bit(p);
                n.R0--;
                n.R1 = 0;
                var step = At(0, SpecAction.StampLastConsumer, Access.Store, Location.LastConsumer, pslot, 0, stamped, p, Label.Stamped(p, t));
                if (AdvanceStamp(ref n, step)) Emit(step);
                return;
            }
            case Pc.PrepareWord:
            {
                var word = Word.Make(t, _config.Tasks[t].HasOutput && _variant != ModelVariant.NoScopePin);
                ref var n = ref Begin(0);
                _next.Word[slot] = word;
                n.Reset(Pc.PrepareFlag);
                n.Task = t;
                Emit(At(0, SpecAction.PrepareTask, Access.Store, Location.LastConsumer, slot, 0, word, t));
                return;
            }
            case Pc.PrepareFlag:
            {
                ref var n = ref Begin(0);
                _next.Flag[slot] = 0;
                n.Pc = Pc.PrepareFrontier;
                Emit(At(0, SpecAction.PrepareTask, Access.Store, Location.CompletionFlag, slot, 0, 0, t));
                return;
            }
            case Pc.PrepareFrontier:
            {
                ref var n = ref Begin(0);
                _next.CurrentTaskIndex = t + 1;
                n.Pc = Pc.Publish;
                Emit(At(0, SpecAction.PrepareTask, Access.Store, Location.CurrentTaskIndex, 0, 0, t + 1, t));
                return;
            }
            case Pc.Publish:
            {
                var step = At(0, SpecAction.PublishTask, Access.Push, Location.WiringQueue, 0, 0, t, t, Label.Published(t, (long)_cur.Fanin[t]));
                if (CheckPublish(step, t)) return;
                Begin(0);
                _next.Wiring |= Bit(t);
                NextOp();
                Emit(step);
                return;
            }
            case Pc.AllocWord:
            {
                var word = Word.Make(t, _variant != ModelVariant.NoScopePin);
                ref var n = ref Begin(0);
                _next.Word[slot] = word;
                n.Pc = Pc.AllocHead;
                Emit(At(0, SpecAction.AllocTensors, Access.Store, Location.LastConsumer, slot, 0, word, t));
                return;
            }
            case Pc.AllocHead:
            {
                ref var n = ref Begin(0);
                _next.Head[slot] = WirelessState.Sentinel;
                n.Pc = Pc.AllocFlag;
                Emit(At(0, SpecAction.AllocTensors, Access.Store, Location.WakeListHead, slot, 0, WirelessState.Sentinel, t));
                return;
            }
            case Pc.AllocFlag:
            {
                ref var n = ref Begin(0);
                _next.Flag[slot] = 1;
                _next.Completed |= Bit(t);
                n.Pc = Pc.AllocFrontier;
                Emit(At(0, SpecAction.AllocTensors, Access.Store, Location.CompletionFlag, slot, 0, 1, t, Label.CompletedInline(t)));
                return;
            }
            case Pc.AllocFrontier:
            {
                Begin(0);
                _next.CurrentTaskIndex = t + 1;
                NextOp();
                Emit(At(0, SpecAction.AllocTensors, Access.Store, Location.CurrentTaskIndex, 0, 0, t + 1, t));
                return;
            }
            case Pc.UnpinLoad:
            {
                var u = _config.Program[_cur.OpIndex].Unpin[f.R0];
                var word = _cur.Word[SlotOf(u)];
                ref var n = ref Begin(0);
                if (Word.IsPinned(word))
                {
                    n.R1 = word;
                    n.Pc = Pc.UnpinCas;
                }
                else
                {
                    NextUnpin(ref n);
                }
                Emit(At(0, SpecAction.EndScope, Access.Load, Location.LastConsumer, SlotOf(u), word, 0, u));
                return;
            }
            case Pc.UnpinCas:
            {
                var u = _config.Program[_cur.OpIndex].Unpin[f.R0];
                var uslot = SlotOf(u);
                var word = _cur.Word[uslot];
                ref var n = ref Begin(0);
                if (word == f.R1)
                {
                    _next.Word[uslot] = word & ~Word.Pinned;
                    NextUnpin(ref n);
                    Emit(At(0, SpecAction.EndScope, Access.CasOk, Location.LastConsumer, uslot, word, word & ~Word.Pinned, u, Label.Unpinned(u)));
                    return;
                }
                if (Word.IsPinned(word)) n.R1 = word;
                else NextUnpin(ref n);
                Emit(At(0, SpecAction.EndScope, Access.CasFailed, Location.LastConsumer, uslot, word, 0, u));
                return;
            }
            case Pc.Done:
            {
                ref var n = ref Begin(0);
                n.Reset(Pc.Terminated);
                Emit(At(0, SpecAction.OrchestrationDone, Access.Local, Location.None, 0, 0, 0, -1, Label.OrchestrationDone()));
                return;
            }
            case Pc.Terminated:
                return;
            default:
                ExpandReclaim(0);
                return;
        }
    }

    /// <summary>True if dropping producer <paramref name="producer"/> of <paramref name="task"/> loses a buffer it reads (the runtime throws).</summary>
    private bool CreatorDropped(int task, int producer) => _config.Tasks[task].Reads(producer) && _variant != ModelVariant.NoScopePin;

    /// <summary>
    /// Moves the stamp loop (register R0 = producer entries left) past the entries it drops without a shared access: a
    /// producer a window or more older (its slot was reallocated), a TensorMap producer before the <c>last_task_alive</c>
    /// read at discovery (R2), and, in the seeded bug unchecked-stamp, any producer before it. Stops at the next entry to
    /// stamp, or goes to PrepareWord. Returns false (and reports the violation) if a creator producer is dropped.
    /// </summary>
    private bool AdvanceStamp(ref Frame n, in Step step, bool droppedCreator = false)
    {
        var t = n.Task;
        var producers = _config.Tasks[t].Producers;
        if (droppedCreator)
            return ReportCreatorDropped(step, t, producers[n.R0].Producer);
        while (n.R0 > 0)
        {
            var d = producers[n.R0 - 1];
            var retired = t - d.Producer >= _window
                          || (d.Kind == EdgeKind.Modifier && d.Producer < n.R2)
                          || (_variant == ModelVariant.UncheckedStamp && d.Producer < n.R2);
            if (!retired)
            {
                n.Pc = Pc.StampLoad;
                return true;
            }
            if (CreatorDropped(t, d.Producer)) return ReportCreatorDropped(step, t, d.Producer);
            n.R0--;
        }
        n.Reset(Pc.PrepareWord);
        n.Task = t;
        return true;
    }

    private bool ReportCreatorDropped(in Step step, int task, int producer)
    {
        _sink.Violation(step, Property.S3,
            $"task {task} reads a buffer of task {producer}, which was already reclaimed when task {task} was submitted");
        return false;
    }

    /// <summary>Unpin loop: the next entry of the scope's list (register R0), or Reclaim when the list is done.</summary>
    private void NextUnpin(ref Frame n)
    {
        var next = n.R0 + 1;
        if (next < _config.Program[_next.OpIndex].Unpin.Count)
        {
            n.Reset(Pc.UnpinLoad);
            n.R0 = next;
        }
        else
        {
            n.Reset(Pc.ReclaimLock);
        }
    }

    /// <summary>The orchestrator finished an operation: go to the next one (in <c>_next</c>).</summary>
    private void NextOp()
    {
        _next.OpIndex++;
        StartOp(ref _next.Frames[0], _next.OpIndex);
    }

    /// <summary>The first program counter of program operation <paramref name="index"/>.</summary>
    private void StartOp(ref Frame f, int index)
    {
        var op = _config.Program[index];
        switch (op.Kind)
        {
            case ProgramOpKind.Submit or ProgramOpKind.Alloc:
                f.Reset(Pc.Allocate);
                f.Task = op.Task;
                break;
            default:
                f.Reset(op.Unpin.Count > 0 ? Pc.UnpinLoad : Pc.ReclaimLock);
                break;
        }
    }

    /// <summary>Where the orchestrator goes when its Reclaim returns: the next operation, or OrchestrationDone at the end.</summary>
    private void OrchestratorAfterReclaim(ref Frame n)
    {
        if (_config.Program[_next.OpIndex].Kind == ProgramOpKind.Finish) n.Reset(Pc.Done);
        else NextOp();
    }
}
