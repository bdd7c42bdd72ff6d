using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;

namespace Wireless.Properties;

/// <summary>
/// Model-based property of a bounded FIFO (the wiring queue, a ready queue, the pending FIFO): random pushes and
/// pops on a queue of capacity 2 to 16, compared after every step with a list. A push succeeds exactly when the
/// model has room; a pop returns the oldest item, or fails on an empty queue; the contents always match, also after
/// the positions wrap around the ring many times.
/// </summary>
public sealed class BoundedQueueMachine(string name, Func<int, IBoundedQueue> create) : Machine<IBoundedQueue, QueueModel>(60)
{
    public override Arbitrary<Setup<IBoundedQueue, QueueModel>> Setup
        => Arb.From(
            Gen.Elements(2, 4, 8, 16).Select(capacity => (Setup<IBoundedQueue, QueueModel>)new QueueSetup(name, capacity, create)),
            s => ((QueueSetup)s).Capacity > 2 ? [new QueueSetup(name, ((QueueSetup)s).Capacity / 2, create)] : []);

    public override Gen<Operation<IBoundedQueue, QueueModel>> Next(QueueModel model)
        => Gen.Frequency(
            (3, Gen.Choose(1, 999).Select(v => (Operation<IBoundedQueue, QueueModel>)new Push(v))),
            (2, Gen.Constant((Operation<IBoundedQueue, QueueModel>)new Pop())));

    public override string ToString() => name;

    private sealed class QueueSetup(string name, int capacity, Func<int, IBoundedQueue> create) : Setup<IBoundedQueue, QueueModel>
    {
        public int Capacity => capacity;
        public override IBoundedQueue Actual() => create(capacity);
        public override QueueModel Model() => new(capacity, []);
        public override string ToString() => $"{name} of capacity {capacity}";
    }

    private sealed class Push(int value) : ModelStep<IBoundedQueue, QueueModel>
    {
        public override QueueModel Run(QueueModel m)
            => m.Items.Count < m.Capacity ? m with { Items = m.Items.Add(value), LastSucceeded = true } : m with { LastSucceeded = false };

        protected override string? Apply(IBoundedQueue queue, QueueModel m)
        {
            var pushed = queue.TryPush(value);
            if (pushed != m.LastSucceeded) return pushed ? $"the push succeeded on a full queue" : $"the push failed with room for {m.Capacity - m.Items.Count + 1}";
            return Contents(queue, m);
        }

        public override string ToString() => $"push {value}";
    }

    private sealed class Pop : ModelStep<IBoundedQueue, QueueModel>
    {
        public override QueueModel Run(QueueModel m)
            => m.Items.IsEmpty ? m with { LastSucceeded = false } : m with { Items = m.Items.RemoveAt(0), LastSucceeded = true, LastValue = m.Items[0] };

        protected override string? Apply(IBoundedQueue queue, QueueModel m)
        {
            var popped = queue.TryPop(out var value);
            if (popped != m.LastSucceeded) return popped ? $"the pop returned {value} from an empty queue" : "the pop found the queue empty";
            if (popped && value != m.LastValue) return $"the pop returned {value}, the oldest item is {m.LastValue}";
            return Contents(queue, m);
        }

        public override string ToString() => "pop";
    }

    private static string? Contents(IBoundedQueue queue, QueueModel m)
    {
        var actual = queue.Contents();
        return actual.SequenceEqual(m.Items) ? null : $"the queue holds [{string.Join(",", actual)}], the model {m}";
    }
}
