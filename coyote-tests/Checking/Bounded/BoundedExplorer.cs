using System.Diagnostics;
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
    /// <summary>
    /// The Coyote trace of a bounded bug trace: none, the schedule is the trace (<see cref="BugTrace.Schedule"/>; the
    /// strategy runs without Coyote's engine, <see cref="BoundedRun"/>).
    /// </summary>
    public const string NoCoyoteTrace = "{}";

    public static ScenarioOutcome Explore(Scenario scenario, ExploreOptions options, TextWriter? progress)
    {
        BoundedScheduler? scheduler = null;
        var iteration = new Iteration(scenario, options, record: false) { Schedules = () => scheduler! };
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
            var search = new BoundedSearch(bound);
            var started = clock.Elapsed;
            var lastReport = clock.Elapsed;
            while (!search.Exhausted && schedules + search.Schedules < options.Iterations && clock.Elapsed < budget)
            {
                scheduler = search.Next();
                var failure = BoundedRun.Run(iteration, scheduler);
                totalSteps += scheduler.Steps;
                maxSteps = (int)Math.Max(maxSteps, scheduler.Steps);
                if (failure is not null)
                {
                    bug = failure;
                    var schedule = scheduler.Decisions.Select(d => d.Chosen).ToArray();
                    tracePath = Explorer.SaveTrace(scenario, options, iteration, bug, NoCoyoteTrace, schedule);
                    break;
                }
                search.Complete(scheduler);
                if (progress is null || clock.Elapsed - lastReport < TimeSpan.FromSeconds(2)) continue;
                lastReport = clock.Elapsed;
                progress.WriteLine($"  {scenario.Name}: K={bound}, {search.Schedules:N0} schedules, {search.CachedStates:N0} cut, at least {search.OpenBranches:N0} left");
            }
            // The schedule that failed is one more than the search completed.
            schedules += search.Schedules + (bug is null ? 0 : 1);
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
