using Wireless.Spec.Checking;
using Wireless.Spec.Model;

namespace Wireless.Spec.Tests;

/// <summary>
/// A random complete run of the model (a seeded random walk until a completed state): its observable labels stand in
/// for what a correct runtime reports, so the conformance check must accept them.
/// </summary>
internal static class RandomRun
{
    public static List<Label> Labels(ModelConfig config, int seed, IReadOnlySet<LabelKind>? observable = null)
    {
        var model = new WirelessModel(config);
        var random = new Random(seed);
        var state = new byte[model.StateSize];
        model.Initial(state);
        var labels = new List<Label>();
        var sink = new Collect();
        for (var steps = 0; steps < 100_000; steps++)
        {
            sink.Clear();
            model.Expand(state, sink);
            Assert.Empty(sink.Violations);
            if (sink.Successors.Count == 0)
            {
                Assert.True(model.IsFinal(state), "a random run of the correct model ended in a deadlock");
                return labels;
            }
            var (step, next) = sink.Successors[random.Next(sink.Successors.Count)];
            if (step.Label.Kind != LabelKind.None && (observable is null || observable.Contains(step.Label.Kind))) labels.Add(step.Label);
            state = next;
        }
        throw new InvalidOperationException("a random run did not complete in 100,000 steps");
    }

    private sealed class Collect : ISuccessorSink
    {
        public List<(Step, byte[])> Successors { get; } = [];
        public List<string> Violations { get; } = [];

        public void Clear()
        {
            Successors.Clear();
            Violations.Clear();
        }

        public void Add(in Step step, ReadOnlySpan<byte> next) => Successors.Add((step, next.ToArray()));

        public void Violation(in Step step, Property property, string message) => Violations.Add($"[{property}] {message}");
    }
}
