using Wireless.Scheduling;

namespace Wireless.Wired;

internal sealed partial class WiredProtocol<TMem> : IStallSource
{
    public bool IsComplete(int slot) => Slot(slot).State != TaskState.Pending;

    public string HoldReason(int slot) => DescribeSlot(slot);

    public void CollectWaits(StallReport report, int alive, int next)
    {
        for (var id = alive; LocalId.Before(id, next); id = LocalId.Next(id))
            for (var n = Slot(_ring.SlotOf(id)).FanoutHead; n >= 0; n = Node(n).Next)
                report.OnFanoutList(_ring.Descriptor(Node(n).ConsumerSlot).LocalId, id);
    }
}
