using Microsoft.Coyote.SystematicTesting;
using Wireless.Checking.Bounded;
using Wireless.Checking.Seam;

namespace Wireless.Checking.Exploration;

/// <summary>What replaying a trace did: whether the bug came back, and the recorded interleaving.</summary>
public sealed record ReplayOutcome(BugTrace Trace, string? Bug, IReadOnlyList<TraceStep> Steps, string FinalState)
{
    public bool Reproduced => Bug is not null;
}

/// <summary>Re-runs one bug trace exactly, recording every shared access and protocol event.</summary>
public static class Replayer
{
    public static ReplayOutcome Replay(BugTrace trace)
    {
        var scenario = trace.ResolveScenario();
        var (bugs, ordering) = Explorer.ParseVariants(trace.Variant);
        var options = new ExploreOptions
        {
            Variant = bugs,
            Ordering = ordering,
            MemoryModel = trace.MemoryModel,
            Conformance = trace.Conformance,
            Runtime = trace.Runtime,
            Idle = trace.IdleReduction,
            PlainPoints = trace.PlainPoints,
        };
        var iteration = new Iteration(scenario, options, record: true)
        {
            Schedules = trace.Schedule is { } schedule ? () => new BoundedScheduler(schedule) : null,
        };
        using var engine = TestingEngine.Create(CoyoteSettings.ForReplay(trace), iteration.Run);
        engine.SetLogger(CoyoteSettings.SilentLogger);
        if (!engine.IsTestRewritten())
            throw new InvalidOperationException("the test assembly is not rewritten for Coyote: build the coyote-tests project (its build runs 'coyote rewrite')");
        engine.Run();
        var bug = engine.TestReport.NumOfFoundBugs > 0 ? BugMessage.Normalize(engine.TestReport.BugReports.First(), trace.LivenessThreshold, iteration.LastWaits) : null;
        return new ReplayOutcome(trace, bug, CheckRun.Current.Steps, iteration.DescribeLastState());
    }
}
