using Wireless.Ring;

namespace Wireless.Scheduling;

internal sealed partial class WirelessProtocol<TMem> : IStallSource
{
    public bool IsComplete(int slot) => _ring.Flag(slot) != 0;

    public string HoldReason(int slot)
    {
        ref var s = ref _ring.Slot(slot);
        var word = _ring.LastConsumer(slot);
        if (LastConsumerWord.IsPinned(word)) return "pinned by an open scope";
        var consumer = LastConsumerWord.LastConsumer(word);
        var covered = LocalId.AtOrBefore(consumer, _ring.Ctl.CompletedWatermark) ? "covered by the watermark" : "not yet covered by the watermark";
        var closed = s.WakeListHead == WakeList.Sentinel ? "" : ", wake list not yet closed";
        return $"last consumer task#{consumer} ({covered}){closed}";
    }

    public void CollectWaits(StallReport report, int alive, int next)
    {
        for (var id = alive; LocalId.Before(id, next); id = LocalId.Next(id))
            for (var w = _ring.Slot(_ring.SlotOf(id)).WakeListHead; w >= 0; w = _ring.Slot(w).NextInWakeList)
                report.OnWakeList(_ring.Descriptor(w).LocalId, id);
    }
}
