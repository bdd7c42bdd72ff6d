using Wireless.Memory;
using Wireless.Ring;
using Wireless.Scheduling;
using Xunit;

namespace Wireless.Tests;

/// <summary>
/// Reclamation (<c>last_task_alive</c>): a slot is freed once the watermark covers its task and its last consumer
/// and no open scope pins it; in order, never past the first slot that must stay.
/// </summary>
public sealed class ReclamationTests
{
    private readonly TaskRing _ring;
    private readonly WirelessProtocol<FastMemory> _protocol;

    public ReclamationTests()
    {
        _ring = new TaskRing(new RuntimeConfig { Window = 8 });
        _protocol = new WirelessProtocol<FastMemory>(_ring, Bug.None);
    }

    /// <summary>Allocates tasks <paramref name="first"/>.. as the orchestrator would and completes them.</summary>
    private void CompleteTasks(int first, int count, Func<int, long>? word = null)
    {
        _ring.Reset(first, _ring.Window);
        for (var i = 0; i < count; i++)
        {
            var id = LocalId.Add(first, i);
            _ring.LastConsumer(_ring.SlotOf(id)) = word?.Invoke(id) ?? LastConsumerWord.Make(id, pinned: false);
            _ring.Flag(_ring.SlotOf(id)) = 1;
            _ring.Slot(_ring.SlotOf(id)).WakeListHead = WakeList.Sentinel; // the completer closed its wake list
        }
        _protocol.AdvanceWatermark(LocalId.Add(first, count - 1));
    }

    [Fact]
    public void Frees_every_completed_task_whose_consumers_completed_and_retires_its_word()
    {
        CompleteTasks(0, 3);
        _protocol.TryReclaim();
        Assert.Equal(3, _ring.Ctl.LastTaskAlive);
        for (var slot = 0; slot < 3; slot++)
        {
            Assert.True(LastConsumerWord.IsRetired(_ring.LastConsumer(slot)), $"slot {slot} should be retired");
            Assert.Equal(WakeList.Empty, _ring.Slot(slot).WakeListHead);
        }
        Assert.False(_protocol.ReclaimPending());
    }

    [Fact]
    public void Stops_at_a_task_whose_last_consumer_the_watermark_does_not_cover()
    {
        CompleteTasks(0, 3, id => LastConsumerWord.Make(id == 1 ? 5 : id, pinned: false));
        _protocol.TryReclaim();
        Assert.Equal(1, _ring.Ctl.LastTaskAlive);
        Assert.False(LastConsumerWord.IsRetired(_ring.LastConsumer(1)));
        Assert.False(LastConsumerWord.IsRetired(_ring.LastConsumer(2)));
    }

    [Fact]
    public void Stops_at_a_task_pinned_by_an_open_scope_until_it_is_unpinned()
    {
        CompleteTasks(0, 3, id => LastConsumerWord.Make(id, pinned: id == 0));
        _protocol.TryReclaim();
        Assert.Equal(0, _ring.Ctl.LastTaskAlive);
        _ring.LastConsumer(0) = LastConsumerWord.Make(0, pinned: false);
        _protocol.TryReclaim();
        Assert.Equal(3, _ring.Ctl.LastTaskAlive);
    }

    [Fact]
    public void Keeps_a_completed_slot_until_its_completer_closed_the_wake_list()
    {
        CompleteTasks(0, 3);
        _ring.Slot(1).WakeListHead = WakeList.Empty; // task 1's completer stored its flag but has not exchanged yet
        _protocol.TryReclaim();
        Assert.Equal(1, _ring.Ctl.LastTaskAlive);
        _ring.Slot(1).WakeListHead = WakeList.Sentinel;
        _protocol.TryReclaim();
        Assert.Equal(3, _ring.Ctl.LastTaskAlive);
    }

    [Fact]
    public void Works_across_the_local_id_wrap()
    {
        CompleteTasks(int.MaxValue - 1, 4);
        _protocol.TryReclaim();
        Assert.Equal(int.MinValue + 2, _ring.Ctl.LastTaskAlive);
    }

    [Fact]
    public void Does_nothing_while_another_thread_holds_the_lock()
    {
        CompleteTasks(0, 2);
        _ring.Ctl.AdvanceLock = 1;
        _protocol.TryReclaim();
        Assert.Equal(0, _ring.Ctl.LastTaskAlive);
        _ring.Ctl.AdvanceLock = 0;
        _protocol.TryReclaim();
        Assert.Equal(2, _ring.Ctl.LastTaskAlive);
    }
}
