using Wireless.Spec.Checking;
using Wireless.Spec.Configurations;
using Wireless.Spec.Model;

namespace Wireless.Spec.Tests;

/// <summary>
/// The protocol as specified satisfies every property in every small configuration, exhaustively. (The large ones run
/// from the command: <c>dotnet run --project spec -- check all</c>.)
/// </summary>
public sealed class ModelTests
{
    public static TheoryData<string> Small => [.. ConfigurationCatalog.All.Where(c => c.Small).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Small))]
    public void Every_property_holds(string name)
    {
        var result = Explorer.Check(ConfigurationCatalog.Find(name)!.Build(ModelVariant.None), "none", new ExploreOptions());
        Assert.True(result.Exhaustive);
        Assert.All(result.Verdicts, v => Assert.True(v.Kind == VerdictKind.Holds, $"{v.Property}: {v.Counterexample}"));
    }

    [Fact]
    public void The_same_configuration_gives_the_same_counts()
    {
        var first = Explorer.Check(ConfigurationCatalog.Find("chain")!.Build(ModelVariant.None), "none", new ExploreOptions());
        var second = Explorer.Check(ConfigurationCatalog.Find("chain")!.Build(ModelVariant.None), "none", new ExploreOptions());
        Assert.Equal((first.States, first.Transitions, first.Depth), (second.States, second.Transitions, second.Depth));
    }

    /// <summary>
    /// The model has cycles that never complete (thread 0 re-classifying a task with two unmet producers), so the
    /// liveness verdict rests on fairness: without fairness pairs the checker finds a livelock.
    /// </summary>
    [Fact]
    public void Liveness_depends_on_fairness_only_through_thread_zero_spinning()
    {
        var model = new WirelessModel(ConfigurationCatalog.Find("fan-in")!.Protocol!);
        var verdict = Explorer.Check(new Unfair(model), "none", new ExploreOptions()).Verdicts.Single(v => v.Property == Property.L1);
        Assert.Equal(VerdictKind.Violated, verdict.Kind);
        Assert.All(verdict.Counterexample!.Cycle, s => Assert.Equal("sched-0", s.Thread));
        Assert.All(verdict.Counterexample.Cycle, s => Assert.Equal(SpecAction.Classify, s.Action));
    }

    [Theory]
    [InlineData("no such producer")]
    [InlineData("creator without outputs")]
    [InlineData("read after the scope")]
    [InlineData("scope deadlock")]
    [InlineData("duplicate producer")]
    public void Programs_the_runtime_rejects_are_rejected(string what)
    {
        var b = new ProgramBuilder();
        Assert.Throws<ArgumentException>(() =>
        {
            switch (what)
            {
                case "no such producer":
                    b.Task("A", Dependency.On(0));
                    break;
                case "creator without outputs":
                    b.Task("B", Dependency.Reads(b.Task("A")));
                    break;
                case "read after the scope":
                    b.BeginScope();
                    var x = b.Alloc("X");
                    b.EndScope();
                    b.Task("B", Dependency.Reads(x));
                    break;
                case "scope deadlock":
                    b.BeginScope();
                    b.Alloc("X");
                    b.Task("A");
                    b.Task("B");
                    b.EndScope();
                    b.Build("deadlock", "", window: 2);
                    break;
                default:
                    var a = b.Task("A");
                    b.Task("B", Dependency.On(a), Dependency.After(a));
                    break;
            }
        });
    }

    /// <summary>The model with its fairness assumption removed.</summary>
    private sealed class Unfair(ITransitionSystem inner) : ITransitionSystem
    {
        public string Name => inner.Name;
        public int StateSize => inner.StateSize;
        public IReadOnlyList<Property> Properties => inner.Properties;
        public Property Liveness => inner.Liveness;
        public void Initial(Span<byte> state) => inner.Initial(state);
        public void Expand(ReadOnlySpan<byte> state, ISuccessorSink sink) => inner.Expand(state, sink);
        public bool IsFinal(ReadOnlySpan<byte> state) => inner.IsFinal(state);
        public int FairnessPairs => 0;
        public string FairnessPairName(int pair) => "";
        public bool InP(int pair, ReadOnlySpan<byte> state) => false;
        public bool InQ(int pair, ReadOnlySpan<byte> state) => false;
        public bool EdgeInQ(int pair, byte tag) => false;
        public string ThreadName(int thread) => inner.ThreadName(thread);
        public string DescribeStep(in Step step) => inner.DescribeStep(step);
        public string DescribeState(ReadOnlySpan<byte> state) => inner.DescribeState(state);
        public string DescribeStuck(ReadOnlySpan<byte> state) => inner.DescribeStuck(state);
    }
}
