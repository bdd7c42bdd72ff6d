using System.Collections.Immutable;
using System.Text;

namespace Wireless.Properties;

/// <summary>A live task in the protocol model: its shape, whether it completed, its last consumer, its scope pin, its fanin.</summary>
public sealed record ModelTask(Shape Shape, bool Completed, int LastConsumer, bool Pinned, ImmutableArray<int> Fanin);

/// <summary>
/// The pure model of the wireless protocol on one ring (spec/SPEC.md §2, §3), sequentially:
/// <list type="bullet">
/// <item>Submit: producers already reclaimed are dropped (they completed); the others get the new task as their last
/// consumer; the task is live, incomplete, and on the wiring queue.</item>
/// <item>Classify (drain or poll): 0 incomplete producers → its shape's ready queue; exactly 1 → that producer's wake
/// list (newest first); more → the pending FIFO.</item>
/// <item>Complete: the oldest task of a ready queue completes; its waiters move to their ready queues in wake-list
/// order and its wake list closes; the watermark advances through consecutive completed tasks, never past the newest
/// prepared task; reclamation advances <c>last_task_alive</c> past every task the watermark covers that no scope pins
/// and whose last consumer the watermark covers, in order.</item>
/// <item>Unpin: a task's scope ends; reclamation runs.</item>
/// </list>
/// Local ids use serial-number arithmetic, so setups start next to the wrap points.
/// </summary>
public sealed record ProtocolModel(
    int Window,
    int Next,
    int Watermark,
    int Alive,
    ImmutableDictionary<int, ModelTask> Live,
    ImmutableDictionary<int, ImmutableList<int>> Waiters,
    ImmutableDictionary<Shape, ImmutableList<int>> Ready,
    ImmutableList<int> Pending,
    ImmutableList<int> Wiring,
    int? LastCompleted = null)
{
    public static IReadOnlyList<Shape> Shapes { get; } = [Shape.AIC, Shape.AIV, Shape.MIX];

    public static ProtocolModel Initial(int window, int first) => new(
        window, first, LocalId.Add(first, -1), first,
        ImmutableDictionary<int, ModelTask>.Empty, ImmutableDictionary<int, ImmutableList<int>>.Empty,
        Shapes.ToImmutableDictionary(s => s, _ => ImmutableList<int>.Empty), [], []);

    public bool HasRoom => LocalId.Distance(Alive, Next) < Window;

    public ProtocolModel Submit(IReadOnlyList<int> producers, bool pinned, Shape shape)
    {
        var self = Next;
        var live = Live;
        var fanin = producers.Where(p => !LocalId.Before(p, Alive)).ToImmutableArray();
        foreach (var p in fanin) live = live.SetItem(p, live[p] with { LastConsumer = LocalId.Max(live[p].LastConsumer, self) });
        live = live.Add(self, new ModelTask(shape, false, self, pinned, fanin));
        return this with { Live = live, Next = LocalId.Next(self), Wiring = Wiring.Add(self) };
    }

    public ProtocolModel Drain() => (this with { Wiring = Wiring.RemoveAt(0) }).Classify(Wiring[0]);

    public ProtocolModel PollPending() => (this with { Pending = Pending.RemoveAt(0) }).Classify(Pending[0]);

    private ProtocolModel Classify(int id)
    {
        var unmet = Live[id].Fanin.Where(p => !Live[p].Completed).ToList();
        return unmet.Count switch
        {
            0 => this with { Ready = Ready.SetItem(Live[id].Shape, Ready[Live[id].Shape].Add(id)) },
            1 => this with { Waiters = Waiters.SetItem(unmet[0], Waiters.GetValueOrDefault(unmet[0], []).Insert(0, id)) },
            _ => this with { Pending = Pending.Add(id) },
        };
    }

    public ProtocolModel Complete(Shape shape)
    {
        var id = Ready[shape][0];
        var m = this with
        {
            Ready = Ready.SetItem(shape, Ready[shape].RemoveAt(0)),
            Live = Live.SetItem(id, Live[id] with { Completed = true }),
            Waiters = Waiters.Remove(id),
            LastCompleted = id,
        };
        foreach (var waiter in Waiters.GetValueOrDefault(id, []))
        {
            var s = m.Live[waiter].Shape;
            m = m with { Ready = m.Ready.SetItem(s, m.Ready[s].Add(waiter)) };
        }
        var w = m.Watermark;
        while (LocalId.Before(LocalId.Next(w), Next) && m.Live[LocalId.Next(w)].Completed) w = LocalId.Next(w);
        return (m with { Watermark = w }).Reclaim();
    }

    public ProtocolModel Unpin(int id) => (this with { Live = Live.SetItem(id, Live[id] with { Pinned = false }) }).Reclaim();

    private ProtocolModel Reclaim()
    {
        var (alive, live, waiters) = (Alive, Live, Waiters);
        while (LocalId.AtOrBefore(alive, Watermark) && live[alive] is { Pinned: false } t && LocalId.AtOrBefore(t.LastConsumer, Watermark))
        {
            live = live.Remove(alive);
            waiters = waiters.Remove(alive);
            alive = LocalId.Next(alive);
        }
        return this with { Alive = alive, Live = live, Waiters = waiters };
    }

    public override string ToString()
    {
        var text = new StringBuilder($"watermark {Watermark}, alive {Alive}, next {Next}");
        for (var id = Alive; id != Next; id = LocalId.Next(id))
        {
            var t = Live[id];
            text.Append($"; #{id} {t.Shape}{(t.Completed ? " done" : "")}{(t.Pinned ? " pinned" : "")}");
            if (!t.Fanin.IsEmpty) text.Append($" after [{string.Join(",", t.Fanin)}]");
            if (t.LastConsumer != id) text.Append($" consumed by {t.LastConsumer}");
        }
        foreach (var (p, list) in Waiters) text.Append($"; waiting on #{p}: [{string.Join(",", list)}]");
        foreach (var s in Shapes)
            if (!Ready[s].IsEmpty) text.Append($"; ready {s} [{string.Join(",", Ready[s])}]");
        if (!Pending.IsEmpty) text.Append($"; pending [{string.Join(",", Pending)}]");
        if (!Wiring.IsEmpty) text.Append($"; wiring [{string.Join(",", Wiring)}]");
        return text.ToString();
    }
}
