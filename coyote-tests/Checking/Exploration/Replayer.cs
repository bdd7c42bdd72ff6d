using Microsoft.Coyote.Logging;
using Microsoft.Coyote.SystematicTesting;
using Wireless.Checking.Bounded;
using Wireless.Checking.Seam;

namespace Wireless.Checking.Exploration;

/// <summary>
/// What replaying a trace did: whether the bug came back, the recorded interleaving, and, when the run did not follow
/// the trace (<see cref="Divergence"/>), where and how it left it; then the replay shows nothing about the bug.
/// </summary>
public sealed record ReplayOutcome(BugTrace Trace, string? Bug, IReadOnlyList<TraceStep> Steps, string FinalState, string? Divergence)
{
    public bool Reproduced => Bug is not null && Divergence is null;
}

/// <summary>
/// Re-runs one bug trace exactly, recording every shared access and protocol event, and checks that the run followed
/// the trace: every recorded choice was available where the trace takes it (Coyote reports one that is not), and the run
/// took exactly the recorded choices, no fewer (a schedule that ends early) and no more (one that ran past the
/// trace's end on choices of its own). The bounded strategy's schedule is checked the same way.
/// </summary>
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
        if (trace.Schedule is { } schedule)
        {
            // A bounded schedule replays as it was found: without Coyote's engine, the scheduler taking its decisions.
            var scheduler = new BoundedScheduler(schedule);
            var replay = new Iteration(scenario, options, record: true) { Schedules = () => scheduler };
            var found = BoundedRun.Run(replay, scheduler);
            var diverged = scheduler.Divergence is { } bounded ? $"the bounded schedule {bounded}"
                : scheduler.Decisions.Count != schedule.Length ? $"the run took {scheduler.Decisions.Count} of the bounded schedule's decisions, which records {schedule.Length}"
                : null;
            return new ReplayOutcome(trace, found, replay.LastSteps, replay.DescribeLastState(), diverged);
        }
        var iteration = new Iteration(scenario, options, record: true);
        using var engine = TestingEngine.Create(CoyoteSettings.ForReplay(trace), iteration.Run);
        // Coyote reports a recorded choice that is not available as an error on its log, and then stops the run.
        var log = new StringWriter();
        engine.SetLogger(new TextWriterLogger(log, VerbosityLevel.Error));
        if (!engine.IsTestRewritten())
            throw new InvalidOperationException("the test assembly is not rewritten for Coyote: build the coyote-tests project (its build runs 'coyote rewrite')");
        engine.Run();
        iteration.AwaitStragglers();
        var bug = engine.TestReport.NumOfFoundBugs > 0 ? BugMessage.Normalize(engine.TestReport.BugReports.First(), trace.LivenessThreshold, iteration.LastWaits) : null;
        var report = engine.TestReport;
        var taken = (long)Math.Max(0, report.TotalExploredFairSteps) + Math.Max(0, report.TotalExploredUnfairSteps);
        var divergence = Divergence(log.ToString(), taken, trace.RecordedChoices());
        return new ReplayOutcome(trace, bug, iteration.LastSteps, iteration.DescribeLastState(), divergence);
    }

    private static string? Divergence(string coyoteLog, long taken, int recorded)
    {
        var reported = coyoteLog.Split('\n').FirstOrDefault(l => l.Contains("not reproducible", StringComparison.Ordinal));
        if (reported is not null) return $"a recorded choice was not available: {reported.Trim().Replace("[coyote::error] ", "").TrimEnd('.')}";
        if (taken < recorded) return $"the run ended after {taken} of the trace's {recorded} recorded choices";
        if (taken > recorded) return $"the run went on past the trace's last recorded choice ({recorded}) with choices of its own (it took {taken})";
        return null;
    }
}
