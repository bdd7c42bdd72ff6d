using Wireless.Memory;

namespace Wireless.Wired;

internal sealed partial class WiredProtocol<TMem>
{
    /// <summary>
    /// Complete and CloseWakeList's wired counterpart, <c>on_task_complete</c>: marks the task COMPLETED and takes its
    /// fanout list under its lock, then counts one more completed producer for every consumer on the list.
    /// </summary>
    public void OnTaskComplete(int localId)
    {
        var slot = _ring.SlotOf(localId);
        ref var s = ref Slot(slot);
        Lock(ref s, SpecAction.Complete);
        // Release (and under the lock): a wiring thread that sees COMPLETED counts the task and must see its outputs.
        TMem.Store(ref s.State, TaskState.Completed, MemoryOrder.Release, SpecAction.Complete);
        TMem.Observe(SpecEvent.TaskCompleted, localId, _ring.Descriptor(slot).Index);
        var node = TMem.Load(ref s.FanoutHead, MemoryOrder.NonAtomic, SpecAction.CloseWakeList);
        Unlock(ref s, SpecAction.CloseWakeList);

        // The list is closed (COMPLETED under the lock): no node is added after our snapshot, and the nodes reachable
        // from it stay unchanged while we walk them.
        while (node >= 0)
        {
            var consumerSlot = TMem.Load(ref Node(node).ConsumerSlot, MemoryOrder.NonAtomic, SpecAction.CloseWakeList);
            var next = TMem.Load(ref Node(node).Next, MemoryOrder.NonAtomic, SpecAction.CloseWakeList);
            ref var c = ref Slot(consumerSlot);
            // AcqRel: the last increment readies the consumer; it acquires every other producer's release.
            var reached = TMem.FetchAdd(ref c.FaninRefcount, 1, MemoryOrder.AcqRel, SpecAction.CloseWakeList) + 1;
            if (reached == TMem.Load(ref c.FaninCount, MemoryOrder.NonAtomic, SpecAction.CloseWakeList))
            {
                TMem.AccessBuffer(ref _ring.Descriptor(consumerSlot), 1, write: false, SpecAction.CloseWakeList);
                _ready.Push(_ring.Descriptor(consumerSlot).LocalId);
            }
            node = next;
        }
    }

    /// <summary>Counts one finished subtask of a MIX task; true for the last one.</summary>
    public bool FinishSubtask(int slot, int subtasks)
        // AcqRel: the last subtask's completer sees the other subtasks' effects.
        => TMem.FetchAdd(ref Slot(slot).CompletedSubtasks, 1, MemoryOrder.AcqRel, SpecAction.PollCore) + 1 == subtasks;
}
