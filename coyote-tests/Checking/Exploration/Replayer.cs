using Microsoft.Coyote.SystematicTesting;
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
        var iteration = new Iteration(scenario, bugs, record: true, trace.MemoryModel, ordering, trace.Conformance, trace.Runtime);
        using var engine = TestingEngine.Create(CoyoteSettings.ForReplay(trace), iteration.Run);
        engine.SetLogger(CoyoteSettings.SilentLogger);
        if (!engine.IsTestRewritten())
            throw new InvalidOperationException("the test assembly is not rewritten for Coyote: build the coyote-tests project (its build runs 'coyote rewrite')");
        engine.Run();
        var bug = engine.TestReport.NumOfFoundBugs > 0 ? BugMessage.Normalize(engine.TestReport.BugReports.First(), trace.LivenessThreshold) : null;
        return new ReplayOutcome(trace, bug, CheckRun.Current.Steps, iteration.DescribeLastState());
    }
}
