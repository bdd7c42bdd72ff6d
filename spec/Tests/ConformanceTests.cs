using Wireless.Spec.Checking;
using Wireless.Spec.Configurations;
using Wireless.Spec.Conformance;
using Wireless.Spec.Model;

namespace Wireless.Spec.Tests;

/// <summary>
/// The conformance check (weak simulation of an observed run by the model): legal runs pass, with every label kind
/// observed or only the kinds the runtime reports today; an illegal step fails at that step and says why.
/// </summary>
public sealed class ConformanceTests
{
    /// <summary>The label kinds the runtime's existing <c>SpecEvent</c>s give.</summary>
    private static readonly HashSet<LabelKind> RuntimeToday =
    [
        LabelKind.Published, LabelKind.CompletedInline, LabelKind.Dispatched, LabelKind.Completed,
        LabelKind.WatermarkAdvanced, LabelKind.Reclaimed, LabelKind.OrchestrationDone,
    ];

    private static ModelConfig Chain => ConfigurationCatalog.Find("chain")!.Protocol!;

    /// <summary>A -> B -> C in a window of 2, one legal run told by hand with the runtime's events of today.</summary>
    private static List<Label> LegalChainRun() =>
    [
        Label.Published(0),
        Label.Published(1),
        Label.Dispatched(0, Label.Scheduler(1)),
        Label.Completed(0, Label.Scheduler(1)),
        Label.WatermarkAdvanced(0),
        Label.Dispatched(1),
        Label.Completed(1),
        Label.WatermarkAdvanced(1),
        Label.Reclaimed(0),
        Label.Reclaimed(1),
        Label.Published(2),
        Label.Dispatched(2),
        Label.Completed(2),
        Label.WatermarkAdvanced(2),
        Label.Reclaimed(2),
        Label.OrchestrationDone(),
    ];

    [Fact]
    public void A_legal_hand_written_run_conforms()
        => Assert.Null(ConformanceRun.Check(Chain, LegalChainRun(), RuntimeToday));

    [Fact]
    public void A_legal_run_with_the_proposed_labels_conforms()
    {
        List<Label> run =
        [
            Label.Published(0, fanin: 0),
            Label.Stamped(0, 1),
            Label.Published(1, fanin: 0b1),
            Label.Classified(0, Label.ClassifiedReady),
            Label.Readied(0),
            Label.Classified(1, 0),
            Label.Registered(1, 0),
            Label.Dispatched(0),
            Label.Completed(0),
            Label.Readied(1),
            Label.Dispatched(1),
            Label.Completed(1),
            Label.WatermarkAdvanced(0),
            Label.WatermarkAdvanced(1),
            Label.Reclaimed(0),
            Label.Reclaimed(1),
        ];
        var conformance = new ConformanceRun(Chain);
        foreach (var label in run) Assert.True(conformance.Observe(label), conformance.Failure?.ToString());
    }

    [Fact]
    public void Dispatching_a_task_before_its_producer_completed_fails_at_that_step()
    {
        var run = LegalChainRun();
        // Swap "Dispatched(1)" before "Completed(0)": task 1 runs before its producer.
        run.Remove(Label.Dispatched(1));
        run.Insert(3, Label.Dispatched(1));
        var failure = ConformanceRun.Check(Chain, run, RuntimeToday);
        Assert.NotNull(failure);
        Assert.Equal(3, failure.Index);
        Assert.Equal(Label.Dispatched(1), failure.Observed);
        // The model never readies task 1 before task 0 completed, so it has no such step at all.
        Assert.Empty(failure.Violations);
        Assert.Contains(Label.Completed(0, Label.Scheduler(1)), failure.Allowed);
        Assert.DoesNotContain(failure.Allowed, l => l.Kind == LabelKind.Dispatched);
    }

    [Fact]
    public void Reclaiming_a_slot_whose_consumer_is_running_fails()
    {
        List<Label> run =
        [
            Label.Published(0),
            Label.Published(1),
            Label.Dispatched(0),
            Label.Completed(0),
            Label.WatermarkAdvanced(0),
            Label.Reclaimed(0),
        ];
        var failure = ConformanceRun.Check(Chain, run, RuntimeToday);
        Assert.NotNull(failure);
        Assert.Equal(5, failure.Index);
        Assert.False(failure.Inconclusive);
    }

    [Fact]
    public void A_run_that_stops_before_completing_fails_at_its_end()
    {
        var run = LegalChainRun();
        run.RemoveRange(10, run.Count - 10);
        var failure = ConformanceRun.Check(Chain, run, RuntimeToday);
        Assert.NotNull(failure);
        Assert.Null(failure.Observed);
        Assert.Equal(10, failure.Index);
    }

    [Fact]
    public void Runs_that_repeat_earlier_ones_are_checked_as_fresh_runs_are()
    {
        // One check, reused: the second and later runs find their steps remembered from the first (FrontierMemo), up
        // to where they differ; each must still pass or fail exactly where a fresh check does.
        var legal = LegalChainRun();
        var early = LegalChainRun();
        early.Remove(Label.Dispatched(1));
        early.Insert(3, Label.Dispatched(1));
        var unfinished = legal.Take(10).ToList();
        var conformance = new ConformanceRun(Chain, RuntimeToday);
        foreach (var run in new[] { legal, early, legal, unfinished, early, legal, unfinished })
        {
            conformance.Restart();
            var failure = run.All(conformance.Observe) ? conformance.Finish() : conformance.Failure;
            var fresh = ConformanceRun.Check(Chain, run, RuntimeToday);
            Assert.Equal(fresh?.Index, failure?.Index);
            Assert.Equal(fresh?.Observed, failure?.Observed);
            Assert.Equal(fresh?.PossibleStates, failure?.PossibleStates);
            Assert.Equal(fresh is null, failure is null);
        }
        Assert.NotNull(ConformanceRun.Check(Chain, early, RuntimeToday));
        Assert.NotNull(ConformanceRun.Check(Chain, unfinished, RuntimeToday));
    }

    [Fact]
    public void The_wrong_actor_fails()
    {
        var run = LegalChainRun();
        run[0] = Label.Published(0, actor: Label.Scheduler(0));
        Assert.NotNull(ConformanceRun.Check(Chain, run, RuntimeToday));
    }

    [Fact]
    public void A_wrong_fanin_fails()
    {
        List<Label> run = [Label.Published(0, fanin: 0), Label.Published(1, fanin: 0)];
        var conformance = new ConformanceRun(Chain, RuntimeToday);
        Assert.True(conformance.Observe(run[0]));
        Assert.False(conformance.Observe(run[1]));
        Assert.Contains(Label.Published(1, 0b1), conformance.Failure!.Allowed);
    }

    [Fact]
    public void An_unobserved_kind_is_rejected_as_bad_input()
    {
        var conformance = new ConformanceRun(Chain, RuntimeToday);
        Assert.Throws<ArgumentException>(() => conformance.Observe(Label.Readied(0)));
    }

    public static TheoryData<string> Protocols => [.. ConfigurationCatalog.All.Where(c => !c.IsGate).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Random_runs_of_the_model_conform(string name)
    {
        var config = ConfigurationCatalog.Find(name)!.Protocol!;
        for (var seed = 1; seed <= 5; seed++)
        {
            Assert.Null(ConformanceRun.Check(config, RandomRun.Labels(config, seed)));
            Assert.Null(ConformanceRun.Check(config, RandomRun.Labels(config, seed, RuntimeToday), RuntimeToday));
        }
    }

    /// <summary>The size the runtime's checker runs: the small-ring scenario (16 tasks in layers, window 4, 2 schedulers).</summary>
    [Fact]
    public void A_random_run_of_a_runtime_sized_configuration_conforms()
    {
        var b = new ProgramBuilder();
        var previous = new int[4];
        var current = new int[4];
        for (var layer = 0; layer < 4; layer++)
        {
            for (var i = 0; i < 4; i++)
                current[i] = layer == 0 ? b.Task($"L0.{i}") : b.Task($"L{layer}.{i}", Dependency.On(previous[i]), Dependency.On(previous[(i + 1) % 4]));
            (previous, current) = (current, previous);
        }
        var config = b.Build("small-ring", "16 tasks in layers of 4, window 4", window: 4, schedulers: 2, coresPerScheduler: 6);
        Assert.Null(ConformanceRun.Check(config, RandomRun.Labels(config, 7, RuntimeToday), RuntimeToday));
    }
}
