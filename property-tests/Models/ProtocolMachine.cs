using System.Collections.Immutable;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using Microsoft.FSharp.Collections;
using Wireless.Memory;

namespace Wireless.Properties;

/// <summary>
/// Model-based property of the protocol on one ring: the ring allocator with its watermark and reclamation, the
/// completion flags, the wake lists with their sentinel, the last-consumer words with their pins, the pending FIFO,
/// the wiring queue and the ready queues, driven through <see cref="ProtocolHarness{TMem}"/> by random submissions
/// (with producers among the recent tasks, reclaimed ones included), drains, re-polls, completions in any order the
/// ready queues allow, and scope ends; after every step the whole ring is compared with <see cref="ProtocolModel"/>.
/// Windows of 2 to 8 make slots get reused constantly; ids start next to the signed and unsigned wrap points.
/// </summary>
public sealed class ProtocolMachine(Bug variant) : Machine<IProtocolUnderTest, ProtocolModel>(40)
{
    public override Arbitrary<Setup<IProtocolUnderTest, ProtocolModel>> Setup => Arb.From(
        from window in Gen.Elements(2, 4, 8)
        from first in Gen.Elements(0, int.MaxValue - 2, -3)
        select (Setup<IProtocolUnderTest, ProtocolModel>)new RingSetup(window, first, variant),
        s => ((RingSetup)s).Simpler());

    public override Gen<Operation<IProtocolUnderTest, ProtocolModel>> Next(ProtocolModel m)
    {
        var choices = new List<(int, Gen<Operation<IProtocolUnderTest, ProtocolModel>>)>();
        if (m.HasRoom) choices.Add((4, Submissions(m)));
        if (!m.Wiring.IsEmpty) choices.Add((3, Gen.Constant(Op(new DrainStep()))));
        if (!m.Pending.IsEmpty) choices.Add((2, Gen.Constant(Op(new PollStep()))));
        foreach (var shape in ProtocolModel.Shapes)
            if (!m.Ready[shape].IsEmpty) choices.Add((3, Gen.Constant(Op(new CompleteStep(shape)))));
        var pinned = m.Live.Where(t => t.Value.Pinned).Select(t => t.Key).ToArray();
        if (pinned.Length > 0) choices.Add((2, Gen.Elements(pinned).Select(id => Op(new UnpinStep(id)))));
        return choices.Count > 0 ? Gen.Frequency(choices) : Gen.Constant(Op(new StopOperation<IProtocolUnderTest, ProtocolModel>()));
    }

    private static Operation<IProtocolUnderTest, ProtocolModel> Op(Operation<IProtocolUnderTest, ProtocolModel> op) => op;

    /// <summary>Up to 4 distinct producers among the last window + 2 ids (some of them reclaimed already), by distance back.</summary>
    private static Gen<Operation<IProtocolUnderTest, ProtocolModel>> Submissions(ProtocolModel m)
        => from back in Gen.SubListOf(Enumerable.Range(1, m.Window + 2)).Select(l => l.Take(4).ToList())
           from pinned in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
           from shape in Gen.Elements(Shape.AIC, Shape.AIV, Shape.MIX)
           select Op(new SubmitStep([.. back], pinned, shape));

    /// <summary>Shorter runs first (halves, then single steps), then each submission with fewer producers, unpinned, AIV.</summary>
    public override IEnumerable<FSharpList<Operation<IProtocolUnderTest, ProtocolModel>>> ShrinkOperations(FSharpList<Operation<IProtocolUnderTest, ProtocolModel>> operations)
    {
        var ops = operations.ToList();
        for (var chunk = ops.Count / 2; chunk >= 1; chunk /= 2)
            for (var start = ops.Count - chunk; start >= 0; start -= chunk)
                yield return ListModule.OfSeq(ops.Take(start).Concat(ops.Skip(start + chunk)));
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i] is not SubmitStep submit) continue;
            foreach (var simpler in submit.Simpler())
                yield return ListModule.OfSeq(ops.Take(i).Append(simpler).Concat(ops.Skip(i + 1)));
        }
    }

    private sealed class RingSetup(int window, int first, Bug variant) : Setup<IProtocolUnderTest, ProtocolModel>
    {
        public override IProtocolUnderTest Actual() => variant == Bug.None
            ? new ProtocolHarness<FastMemory>(window, first, variant)
            : new ProtocolHarness<FastMemoryWithBugs>(window, first, variant);

        public override ProtocolModel Model() => ProtocolModel.Initial(window, first);

        public IEnumerable<Setup<IProtocolUnderTest, ProtocolModel>> Simpler()
        {
            if (first != 0) yield return new RingSetup(window, 0, variant);
            if (window > 2) yield return new RingSetup(window / 2, first, variant);
        }

        public override string ToString() => $"window {window}, first id {first}{(variant == Bug.None ? "" : $", variant {BugCatalog.NameOf(variant)}")}";
    }

    /// <summary>Submits a task whose producers are given by distance back from it (1 = the previous task).</summary>
    private sealed class SubmitStep(ImmutableArray<int> back, bool pinned, Shape shape) : ModelStep<IProtocolUnderTest, ProtocolModel>
    {
        public override bool Pre(ProtocolModel m) => m.HasRoom;

        public override ProtocolModel Run(ProtocolModel m) => m.Submit(Producers(m), pinned, shape);

        protected override string? Apply(IProtocolUnderTest ring, ProtocolModel m)
        {
            // m is the state after the step: the new task is m.Next - 1.
            ring.Submit([.. back.Select(k => LocalId.Add(m.Next, -1 - k))], pinned, shape);
            return ring.Difference(m);
        }

        private int[] Producers(ProtocolModel before) => [.. back.Select(k => LocalId.Add(before.Next, -k))];

        public IEnumerable<SubmitStep> Simpler()
        {
            for (var i = 0; i < back.Length; i++) yield return new SubmitStep(back.RemoveAt(i), pinned, shape);
            if (pinned) yield return new SubmitStep(back, false, shape);
            if (shape != Shape.AIV) yield return new SubmitStep(back, pinned, Shape.AIV);
        }

        public override string ToString()
            => $"submit {shape}{(pinned ? " pinned" : "")}{(back.IsEmpty ? "" : $" after {string.Join(", ", back.Select(k => $"next-{k}"))}")}";
    }

    private sealed class DrainStep : ModelStep<IProtocolUnderTest, ProtocolModel>
    {
        public override bool Pre(ProtocolModel m) => !m.Wiring.IsEmpty;
        public override ProtocolModel Run(ProtocolModel m) => m.Drain();

        protected override string? Apply(IProtocolUnderTest ring, ProtocolModel m)
            => ring.Drain() ? ring.Difference(m) : "the wiring queue was empty";

        public override string ToString() => "drain and classify";
    }

    private sealed class PollStep : ModelStep<IProtocolUnderTest, ProtocolModel>
    {
        public override bool Pre(ProtocolModel m) => !m.Pending.IsEmpty;
        public override ProtocolModel Run(ProtocolModel m) => m.PollPending();

        protected override string? Apply(IProtocolUnderTest ring, ProtocolModel m)
            => ring.PollPending() ? ring.Difference(m) : "the pending FIFO was empty";

        public override string ToString() => "re-poll pending";
    }

    private sealed class CompleteStep(Shape shape) : ModelStep<IProtocolUnderTest, ProtocolModel>
    {
        public override bool Pre(ProtocolModel m) => !m.Ready[shape].IsEmpty;
        public override ProtocolModel Run(ProtocolModel m) => m.Complete(shape);

        protected override string? Apply(IProtocolUnderTest ring, ProtocolModel m)
        {
            var id = ring.Complete(shape);
            if (id is null) return $"the {shape} ready queue was empty";
            return id != m.LastCompleted ? $"the {shape} ready queue gave task#{id}, the model task#{m.LastCompleted}" : ring.Difference(m);
        }

        public override string ToString() => $"complete next {shape}";
    }

    private sealed class UnpinStep(int task) : ModelStep<IProtocolUnderTest, ProtocolModel>
    {
        public override bool Pre(ProtocolModel m) => m.Live.TryGetValue(task, out var t) && t.Pinned;
        public override ProtocolModel Run(ProtocolModel m) => m.Unpin(task);

        protected override string? Apply(IProtocolUnderTest ring, ProtocolModel m)
        {
            ring.Unpin(task);
            return ring.Difference(m);
        }

        public override string ToString() => $"end scope of #{task}";
    }
}
