using Wireless.Spec.Checking;
using Wireless.Spec.Model;

namespace Wireless.Spec.Tests;

/// <summary>
/// A tiny hand-made transition system for testing the checker itself: a byte vector, threads given as functions from
/// a state to their next state (null: disabled), an optional safety check per step, and weak fairness per thread
/// (which a test may switch off).
/// </summary>
internal sealed class ToySystem(int size, Func<byte[], byte[]?>[] threads, Func<byte[], bool> isFinal, bool fair = true,
    Func<byte[], string?>? unsafeState = null) : ITransitionSystem
{
    public string Name => "toy";
    public int StateSize => size;
    public IReadOnlyList<Property> Properties { get; } = [Property.S1, Property.L1];
    public Property Liveness => Property.L1;

    public void Initial(Span<byte> state) => state.Clear();

    public void Expand(ReadOnlySpan<byte> state, ISuccessorSink sink)
    {
        var s = state.ToArray();
        for (var t = 0; t < threads.Length; t++)
        {
            if (threads[t]((byte[])s.Clone()) is not { } next) continue;
            var step = new Step(t, SpecAction.Complete, Access.Local, Location.None, 0, 0, 0, -1, default, 0);
            if (unsafeState?.Invoke(next) is { } message) sink.Violation(step, Property.S1, message);
            else sink.Add(step, next);
        }
    }

    public bool IsFinal(ReadOnlySpan<byte> state) => isFinal(state.ToArray());

    public int FairnessPairs => fair ? threads.Length : 0;
    public string FairnessPairName(int pair) => $"thread {pair}";
    public bool InP(int pair, ReadOnlySpan<byte> state) => true;
    public bool InQ(int pair, ReadOnlySpan<byte> state) => threads[pair](state.ToArray()) is null;
    public bool EdgeInQ(int pair, byte tag) => Step.ThreadOf(tag) == pair;
    public string ThreadName(int thread) => $"t{thread}";
    public string DescribeStep(in Step step) => "";
    public string DescribeState(ReadOnlySpan<byte> state) => string.Join(",", state.ToArray());
    public string DescribeStuck(ReadOnlySpan<byte> state) => "stuck";
}
