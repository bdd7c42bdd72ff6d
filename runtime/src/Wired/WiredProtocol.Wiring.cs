using Wireless.Memory;

namespace Wireless.Wired;

internal sealed partial class WiredProtocol<TMem>
{
    /// <summary>
    /// Classify's wired counterpart, <c>wire_task</c> (scheduler thread 0): links the task into the fanout list of every
    /// producer not yet COMPLETED, counts the others, and readies the task if that already satisfies its fanin.
    /// </summary>
    public void Wire(int localId)
    {
        var slot = _ring.SlotOf(localId);
        ref var d = ref _ring.Descriptor(slot);
        TMem.AccessBuffer(ref d, 1, write: false, SpecAction.Classify);
        int count = d.FaninCount;
        var fanin = _ring.FaninStripe(slot);
        ref var c = ref Slot(slot);
        // Plain: written before the task is linked anywhere; each link is published by its producer's unlock.
        TMem.Store(ref c.FaninCount, count + 1, MemoryOrder.NonAtomic, SpecAction.Classify);

        var early = 0;
        for (var i = 0; i < count; i++)
        {
            var producer = TMem.Load(ref fanin[i], MemoryOrder.NonAtomic, SpecAction.Classify);
            ref var p = ref Slot(_ring.SlotOf(producer));
            Lock(ref p, SpecAction.RegisterWake);
            // Under the lock, which the completer holds while it sets COMPLETED and takes the list: either we see
            // COMPLETED and count it, or our node is in the list it takes.
            if (TMem.Load(ref p.State, MemoryOrder.Relaxed, SpecAction.RegisterWake) != TaskState.Pending)
            {
                early++;
            }
            else
            {
                var node = NodeIndex(slot, i);
                TMem.Store(ref Node(node).ConsumerSlot, slot, MemoryOrder.NonAtomic, SpecAction.RegisterWake);
                TMem.Store(ref Node(node).Next, TMem.Load(ref p.FanoutHead, MemoryOrder.NonAtomic, SpecAction.RegisterWake), MemoryOrder.NonAtomic, SpecAction.RegisterWake);
                TMem.Store(ref p.FanoutHead, node, MemoryOrder.NonAtomic, SpecAction.RegisterWake);
            }
            Unlock(ref p, SpecAction.RegisterWake);
        }
        // AcqRel: the guard and the early completions; whoever brings the count to fanin_count readies the task,
        // having acquired every other increment (and through them the producers' outputs).
        if (TMem.FetchAdd(ref c.FaninRefcount, early + 1, MemoryOrder.AcqRel, SpecAction.Classify) + early + 1 == count + 1)
            _ready.Push(localId);
    }
}
