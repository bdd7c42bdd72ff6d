using System.Diagnostics;
using Microsoft.Coyote.SystematicTesting;
using Wireless.Checking.Bounded;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Scenarios;

namespace Wireless.Checking.Exploration;

/// <summary>
/// Explores one scenario under Coyote: iterations of the runtime's own code with the specification monitors on (and
/// the conformance check, if asked for and the model can represent the scenario), until the budget ends or a bug is
/// found; a bug is saved as a <see cref="BugTrace"/>.
/// </summary>
public static class Explorer
{
    public static ScenarioOutcome Explore(Scenario scenario, ExploreOptions options, TextWriter? progress = null)
    {
        options.Validate();
        if (options.IsBounded) return BoundedExplorer.Explore(scenario, options, progress);
        var iteration = new Iteration(scenario, options, record: false);
        var configuration = CoyoteSettings.ForExploration(options);
        using var engine = TestingEngine.Create(configuration, iteration.Run);
        engine.SetLogger(CoyoteSettings.SilentLogger);
        if (!engine.IsTestRewritten())
            throw new InvalidOperationException("the test assembly is not rewritten for Coyote: build the coyote-tests project (its build runs 'coyote rewrite')");

        var done = 0;
        var pausedBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var budget = options.Seconds > 0 ? TimeSpan.FromSeconds(options.Seconds) : TimeSpan.MaxValue;
        var stopMark = options.StopFolder is { } folder ? Path.Combine(folder, FileName(scenario.Name) + ".bug") : null;
        engine.RegisterEndIterationCallBack(_ =>
        {
            done++;
            if (clock.Elapsed >= budget || stopMark is not null && File.Exists(stopMark)) engine.Stop();
            if (progress is null || clock.Elapsed - lastReport < TimeSpan.FromSeconds(2)) return;
            lastReport = clock.Elapsed;
            progress.WriteLine($"  {scenario.Name}: {done} iterations, {done / clock.Elapsed.TotalSeconds:F0} it/s, 0 bugs");
        });
        engine.Run();
        iteration.AwaitStragglers();
        clock.Stop();
        var gcPause = GC.GetTotalPauseDuration() - pausedBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

        var report = engine.TestReport;
        var iterations = Math.Max(done, report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths);
        var totalSteps = (long)Math.Max(0, report.TotalExploredFairSteps) + Math.Max(0, report.TotalExploredUnfairSteps);
        var maxSteps = Math.Max(report.MaxExploredFairSteps, report.MaxExploredUnfairSteps);
        string? bug = null, tracePath = null;
        if (report.NumOfFoundBugs > 0)
        {
            if (stopMark is not null) File.WriteAllText(stopMark, "");
            bug = BugMessage.Normalize(report.BugReports.First(), ExploreOptions.LivenessThresholdFor(options.Strategy), iteration.LastWaits);
            tracePath = SaveTrace(scenario, options, iteration, bug, engine.ReproducibleTrace, schedule: null);
        }
        var checks = iteration.ChecksConformance ? $"{scenario.Properties}, C1" : scenario.Properties;
        return new ScenarioOutcome(scenario.Name, iterations, totalSteps, maxSteps, clock.Elapsed, bug, tracePath, checks, iteration.ConformanceSkipped)
        {
            IdleBlocks = iteration.IdleBlocks,
            DistinctExecutions = iteration.DistinctExecutions,
            Weakened = iteration.Weakened,
            ConformanceLabels = iteration.ConformanceLabels,
            GcPause = gcPause,
            AllocatedBytes = allocated,
            Bugs = bug is null ? 0 : 1,
            PartTime = clock.Elapsed,
        };
    }

    /// <summary>Writes the trace of a bug found in <paramref name="scenario"/>; returns its path.</summary>
    /// <param name="schedule">The bounded strategy's decisions, or null for a sampling strategy.</param>
    internal static string SaveTrace(Scenario scenario, ExploreOptions options, Iteration iteration, string bug, string coyoteTrace, int[]? schedule)
    {
        var path = Path.Combine(options.TraceFolder, FileName($"{scenario.Name}-{VariantName(options.Variant, options.Ordering)}{(options.TraceTag is { } tag ? $"-{tag}" : "")}-{DateTime.UtcNow:yyyyMMdd-HHmmss}") + ".trace");
        new BugTrace
        {
            Format = BugTrace.CurrentFormat,
            Scenario = scenario.Name,
            DagJson = scenario.DagJson,
            Variant = VariantName(options.Variant, options.Ordering),
            MemoryModel = options.MemoryModel,
            Runtime = options.Runtime,
            Conformance = iteration.ChecksConformance,
            IdleReduction = options.Idle,
            Strategy = options.Strategy,
            Seed = options.Seed,
            LivenessThreshold = ExploreOptions.LivenessThresholdFor(options.Strategy),
            Bug = bug,
            Source = BuildInfo.Describe(),
            CoyoteTrace = coyoteTrace,
            Schedule = schedule,
            PlainPoints = options.PlainPointsInForce,
        }.Save(path);
        return path;
    }

    /// <summary>A name safe on every file system ("random:9:14" becomes "random-9-14").</summary>
    private static string FileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat([':', '\\', '/', '*', '?', '"', '<', '>', '|']).ToHashSet();
        return new string(name.Select(c => invalid.Contains(c) ? '-' : c).ToArray());
    }

    public static string VariantName(Bug variant, OrderingVariant? ordering = null)
    {
        var names = BugCatalog.All.Where(e => variant.HasFlag(e.Bug)).Select(e => e.Name).ToList();
        if (ordering is not null) names.Add(ordering.Name);
        return names.Count == 0 ? "none" : string.Join(",", names);
    }

    /// <summary>
    /// Parses a comma-separated list of variant names: runtime variants (<see cref="BugCatalog"/>) and at most one
    /// ordering variant (<see cref="OrderingVariants"/>); throws with the known names on an unknown one.
    /// </summary>
    public static (Bug Bugs, OrderingVariant? Ordering) ParseVariants(string? names)
    {
        if (string.IsNullOrWhiteSpace(names) || names == "none") return (Bug.None, null);
        var bugs = Bug.None;
        OrderingVariant? ordering = null;
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (OrderingVariants.Find(name) is { } o)
            {
                if (ordering is not null) throw new ArgumentException($"at most one ordering variant at a time ('{ordering.Name}' and '{o.Name}')");
                ordering = o;
                continue;
            }
            if (BugCatalog.Find(name) is { } e)
            {
                bugs |= e.Bug;
                continue;
            }
            throw new ArgumentException($"unknown variant '{name}'; known: {string.Join(", ", BugCatalog.All.Select(v => v.Name).Concat(OrderingVariants.All.Select(v => v.Name)))}");
        }
        return (bugs, ordering);
    }
}
