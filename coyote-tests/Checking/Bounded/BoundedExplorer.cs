using System.Diagnostics;
using Microsoft.Coyote.SystematicTesting;
using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;

namespace Wireless.Checking.Bounded;

/// <summary>
/// Explores one scenario with the bounded strategy: for K = 0, 1, ... up to <see cref="ExploreOptions.Preemptions"/>,
/// every schedule with at most K preemptions (<see cref="BoundedSearch"/>), until a bug, the budget or the last bound.
/// A bound searched to the end without a bug is a proof for that scenario and bound: every such schedule of the
/// runtime's code keeps every property the monitors check.
/// </summary>
public static class BoundedExplorer
{
    public static ScenarioOutcome Explore(Scenario scenario, ExploreOptions options, TextWriter? progress)
    {
        BoundedSearch search = new(0);
        var iteration = new Iteration(scenario, options, record: false) { Schedules = () => search.Next() };
        var levels = new List<BoundLevel>();
        var clock = Stopwatch.StartNew();
        var budget = options.Seconds > 0 ? TimeSpan.FromSeconds(options.Seconds) : TimeSpan.MaxValue;
        var pausedBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        long schedules = 0, totalSteps = 0;
        var maxSteps = 0;
        string? bug = null, tracePath = null;
        for (var bound = 0; bound <= options.Preemptions && bug is null && clock.Elapsed < budget && schedules < options.Iterations; bound++)
        {
            search = new BoundedSearch(bound);
            var started = clock.Elapsed;
            var lastReport = clock.Elapsed;
            Exception? failure = null;
            var configuration = CoyoteSettings.ForExploration(options with { Iterations = (int)Math.Min(int.MaxValue, options.Iterations - schedules) });
            using var engine = TestingEngine.Create(configuration, iteration.Run);
            engine.SetLogger(CoyoteSettings.SilentLogger);
            if (!engine.IsTestRewritten())
                throw new InvalidOperationException("the test assembly is not rewritten for Coyote: build the coyote-tests project (its build runs 'coyote rewrite')");
            engine.RegisterEndIterationCallBack(_ =>
            {
                // A failed iteration is a bug: Coyote ends the exploration itself and reports it.
                if (!iteration.LastCompleted) return;
                try
                {
                    search.Complete(iteration.LastSchedule!);
                }
                catch (InvalidOperationException e)
                {
                    failure = e;
                }
                if (failure is not null || search.Exhausted || clock.Elapsed >= budget) engine.Stop();
                if (progress is null || clock.Elapsed - lastReport < TimeSpan.FromSeconds(2)) return;
                lastReport = clock.Elapsed;
                progress.WriteLine($"  {scenario.Name}: K={bound}, {search.Schedules:N0} schedules, {search.CachedStates:N0} cut, at least {search.OpenBranches:N0} left");
            });
            engine.Run();
            iteration.AwaitStragglers();
            if (failure is not null) throw failure;
            var report = engine.TestReport;
            // The schedule that failed is one more than the search completed.
            schedules += search.Schedules + (report.NumOfFoundBugs > 0 ? 1 : 0);
            totalSteps += (long)Math.Max(0, report.TotalExploredFairSteps) + Math.Max(0, report.TotalExploredUnfairSteps);
            maxSteps = Math.Max(maxSteps, Math.Max(report.MaxExploredFairSteps, report.MaxExploredUnfairSteps));
            if (report.NumOfFoundBugs > 0)
            {
                bug = BugMessage.Normalize(report.BugReports.First(), ExploreOptions.LivenessThresholdFor(options.Strategy), iteration.LastWaits);
                var schedule = iteration.LastSchedule!.Decisions.Select(d => d.Chosen).ToArray();
                tracePath = Explorer.SaveTrace(scenario, options, iteration, bug, engine.ReproducibleTrace, schedule);
            }
            var exhausted = bug is null && search.Exhausted;
            levels.Add(new BoundLevel(bound, search.Schedules, clock.Elapsed - started, exhausted, exhausted ? 0 : search.OpenBranches));
            progress?.WriteLine(exhausted
                ? $"  {scenario.Name}: K={bound} exhausted: {search.Schedules:N0} schedules in {(clock.Elapsed - started).TotalSeconds:F1} s ({search.CachedStates:N0} cut at a state searched before)"
                : $"  {scenario.Name}: K={bound} stopped after {search.Schedules:N0} schedules{(bug is null ? $", at least {search.OpenBranches:N0} left" : "")}");
        }
        clock.Stop();
        var checks = iteration.ChecksConformance ? $"{scenario.Properties}, C1" : scenario.Properties;
        return new ScenarioOutcome(scenario.Name, (int)Math.Min(int.MaxValue, schedules), totalSteps, maxSteps, clock.Elapsed, bug, tracePath, checks, iteration.ConformanceSkipped)
        {
            IdleBlocks = iteration.IdleBlocks,
            DistinctExecutions = iteration.DistinctExecutions,
            ConformanceLabels = iteration.ConformanceLabels,
            GcPause = GC.GetTotalPauseDuration() - pausedBefore,
            AllocatedBytes = GC.GetTotalAllocatedBytes() - allocatedBefore,
            Bugs = bug is null ? 0 : 1,
            PartTime = clock.Elapsed,
            Levels = levels,
        };
    }
}
