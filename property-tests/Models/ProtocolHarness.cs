using System.Text;
using Wireless.Memory;
using Wireless.Ring;
using Wireless.Scheduling;

namespace Wireless.Properties;

/// <summary>The wireless protocol on one ring, driven one step at a time (see <see cref="ProtocolHarness{TMem}"/>).</summary>
public interface IProtocolUnderTest : IUnderTest
{
    void Submit(IReadOnlyList<int> producers, bool pinned, Shape shape);
    bool Drain();
    bool PollPending();
    int? Complete(Shape shape);
    void Unpin(int task);
    /// <summary>The first difference between the ring's state and <paramref name="model"/>, or null.</summary>
    string? Difference(ProtocolModel model);
}

/// <summary>
/// Drives <see cref="WirelessProtocol{TMem}"/> over a <see cref="TaskRing"/> on one thread, doing what the
/// orchestrator and the scheduler threads do around it: Submit stamps each producer's last consumer (dropping one
/// already retired), prepares the slot (descriptor, fanin ids, word, flag 0), publishes the frontier and pushes the
/// task on the wiring queue; Drain pops it and classifies it; PollPending re-classifies the oldest pending task;
/// Complete pops a ready task and completes it (wake list, watermark, reclamation); Unpin ends a task's scope pin and
/// reclaims. The orchestrator's part mirrors <c>Orchestrator.Stamp/Prepare/Unpin</c>, only what the protocol reads.
/// </summary>
public sealed class ProtocolHarness<TMem> : IProtocolUnderTest where TMem : struct, ISharedMemory
{
    private readonly TaskRing _ring;
    private readonly WirelessProtocol<TMem> _protocol;
    private readonly SpscQueue<TMem> _wiring;
    private readonly PendingFifo _pending;
    private readonly int _first;
    private int _next;

    public ProtocolHarness(int window, int firstLocalId, Bug bugs)
    {
        var config = new RuntimeConfig { Window = window, MaxFanin = 4, Schedulers = 1, Clusters = 1 };
        _ring = new TaskRing(config);
        _ring.Reset(firstLocalId, window);
        _protocol = new WirelessProtocol<TMem>(_ring, bugs);
        _protocol.Reset();
        _wiring = new SpscQueue<TMem>(2 * window);
        _pending = new PendingFifo(window);
        _first = _next = firstLocalId;
    }

    public bool Broken { get; set; }

    public void Submit(IReadOnlyList<int> producers, bool pinned, Shape shape)
    {
        var self = _next;
        var slot = _ring.SlotOf(self);
        var fanin = producers.Where(p => Stamp(p, self)).ToArray();
        _ring.Descriptor(slot) = new TaskDescriptor
        {
            LocalId = self, Index = LocalId.Distance(_first, self), Shape = shape, Kernel = Kernel.Generic,
            FaninCount = (byte)fanin.Length, Subtasks = 1,
        };
        fanin.CopyTo(_ring.FaninStripe(slot));
        _ring.LastConsumer(slot) = LastConsumerWord.Make(self, pinned);
        _ring.Flag(slot) = 0;
        Volatile.Write(ref _ring.Ctl.CurrentTaskIndex, LocalId.Next(self));
        _next = LocalId.Next(self);
        if (!_wiring.TryPush(self)) throw new InvalidOperationException("the wiring queue is full");
    }

    /// <summary>Orchestrator.Stamp: false if the producer was already reclaimed.</summary>
    private bool Stamp(int producer, int self)
    {
        if (LocalId.Distance(producer, self) >= _ring.Window) return false;
        ref var word = ref _ring.LastConsumer(_ring.SlotOf(producer));
        if (LastConsumerWord.IsRetired(word)) return false;
        word = LastConsumerWord.WithConsumer(word, self);
        return true;
    }

    public bool Drain()
    {
        if (!_wiring.TryPop(out var id)) return false;
        _protocol.Classify(PendingTask.Unclassified(id), _pending);
        return true;
    }

    public bool PollPending()
    {
        if (_pending.Count == 0) return false;
        _protocol.Classify(_pending.Pop(), _pending);
        return true;
    }

    public int? Complete(Shape shape)
    {
        if (!_protocol.ReadyQueue(shape).TryPop(out var id)) return null;
        _protocol.OnTaskComplete(id);
        return id;
    }

    public void Unpin(int task)
    {
        ref var word = ref _ring.LastConsumer(_ring.SlotOf(task));
        word &= ~LastConsumerWord.Pinned;
        _protocol.TryReclaim();
    }

    public string? Difference(ProtocolModel m)
    {
        if (_protocol.ErrorMessage is { } error) return $"the protocol failed: {error}";
        ref var ctl = ref _ring.Ctl;
        if (ctl.CompletedWatermark != m.Watermark) return $"the watermark is {ctl.CompletedWatermark}, the model says {m.Watermark}";
        if (ctl.LastTaskAlive != m.Alive) return $"last_task_alive is {ctl.LastTaskAlive}, the model says {m.Alive}";
        for (var id = m.Alive; id != m.Next; id = LocalId.Next(id))
        {
            var t = m.Live[id];
            var slot = _ring.SlotOf(id);
            if (_ring.Flag(slot) != (t.Completed ? 1 : 0)) return $"the completion flag of task#{id} is {_ring.Flag(slot)}, the model says {(t.Completed ? "complete" : "incomplete")}";
            var word = _ring.LastConsumer(slot);
            if (LastConsumerWord.IsRetired(word)) return $"task#{id} is retired, the model says it is live";
            if (LastConsumerWord.LastConsumer(word) != t.LastConsumer) return $"the last consumer of task#{id} is task#{LastConsumerWord.LastConsumer(word)}, the model says task#{t.LastConsumer}";
            if (LastConsumerWord.IsPinned(word) != t.Pinned) return $"task#{id} is {(t.Pinned ? "not " : "")}pinned, the model says it is{(t.Pinned ? "" : " not")}";
            var head = _ring.Slot(slot).WakeListHead;
            if (t.Completed)
            {
                if (head != WakeList.Sentinel) return $"the wake list of the completed task#{id} is {Head(head)}, not closed with the sentinel";
            }
            else
            {
                var waiters = Waiters(head);
                var expected = m.Waiters.GetValueOrDefault(id, []);
                if (!waiters.SequenceEqual(expected)) return $"the wake list of task#{id} holds [{string.Join(",", waiters)}], the model says [{string.Join(",", expected)}]";
            }
        }
        for (var slot = 0; slot < _ring.Window; slot++)
        {
            var id = LocalId.Add(m.Next, -_ring.Window + slot);
            if (!LocalId.Before(id, m.Alive)) continue;
            var s = _ring.Slot(_ring.SlotOf(id));
            if (!LastConsumerWord.IsRetired(_ring.LastConsumer(_ring.SlotOf(id)))) return $"the slot of the reclaimed task#{id} is not retired";
            if (s.WakeListHead != WakeList.Empty) return $"the wake list of the reclaimed task#{id} was not reset (it is {Head(s.WakeListHead)})";
        }
        foreach (var shape in ProtocolModel.Shapes)
        {
            var queued = _protocol.ReadyQueue(shape).Snapshot();
            if (!queued.SequenceEqual(m.Ready[shape])) return $"the {shape} ready queue holds [{string.Join(",", queued)}], the model says [{string.Join(",", m.Ready[shape])}]";
        }
        if (!_pending.Snapshot().SequenceEqual(m.Pending)) return $"the pending FIFO holds [{string.Join(",", _pending.Snapshot())}], the model says [{string.Join(",", m.Pending)}]";
        if (!_wiring.Snapshot().SequenceEqual(m.Wiring)) return $"the wiring queue holds [{string.Join(",", _wiring.Snapshot())}], the model says [{string.Join(",", m.Wiring)}]";
        return null;
    }

    private List<int> Waiters(int head)
    {
        var list = new List<int>();
        for (var steps = 0; head >= 0 && steps <= _ring.Window; steps++)
        {
            list.Add(_ring.Descriptor(head).LocalId);
            head = _ring.Slot(head).NextInWakeList;
        }
        return list;
    }

    private string Head(int head) => head switch
    {
        WakeList.Empty => "open and empty",
        WakeList.Sentinel => "closed",
        _ => new StringBuilder("open with waiters [").AppendJoin(",", Waiters(head)).Append(']').ToString(),
    };
}
