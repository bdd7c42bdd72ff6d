using Microsoft.Coyote;
using Microsoft.Coyote.Logging;

namespace Wireless.Checking.Exploration;

/// <summary>The Coyote configuration every exploration and replay uses (strict mode, no telemetry, fixed seeds).</summary>
internal static class CoyoteSettings
{
    /// <summary>Coyote's own progress lines are not shown; the explorer prints its own.</summary>
    public static ILogger SilentLogger { get; } = new TextWriterLogger(TextWriter.Null, VerbosityLevel.None);

    /// <summary>How long one step may take in wall-clock time before Coyote reports a hang.</summary>
    public const uint DeadlockTimeoutMilliseconds = 60_000;

    public static Configuration Base(uint livenessThreshold)
        => Configuration.Create()
            .WithPartiallyControlledConcurrencyAllowed(false)
            .WithTelemetryEnabled(false)
            // Trace analysis builds an execution graph at every scheduling point for DGML pictures this project does not use.
            .WithTraceAnalysisEnabled(false)
            // Coyote's watchdog reports a step that takes longer than this as a hang; a conformance observation can search
            // the protocol model for seconds (its own bound makes it inconclusive, not endless).
            .WithDeadlockTimeout(DeadlockTimeoutMilliseconds)
            .WithConsoleLoggingEnabled(false)
            .WithLivenessTemperatureThreshold(livenessThreshold)
            .WithMaxSchedulingSteps(ExploreOptions.MaxUnfairSteps, ExploreOptions.MaxFairSteps);

    public static Configuration ForExploration(ExploreOptions options)
    {
        // The wall-clock budget is enforced by the explorer (Coyote's own timeout would override the iteration count).
        var config = Base(ExploreOptions.LivenessThresholdFor(options.Strategy))
            .WithTestingIterations((uint)Math.Max(1, options.Iterations))
            .WithRandomGeneratorSeed(options.Seed);
        return options.Strategy switch
        {
            // The bounded strategy takes every decision itself; Coyote's are forced (one operation enabled at a time).
            "random" or ExploreOptions.Bounded => config.WithRandomStrategy(),
            "pct" => config.WithPrioritizationStrategy(isFair: true, priorityChangeBound: 10),
            "probabilistic" => config.WithProbabilisticStrategy(3),
            "portfolio" => config,
            _ => throw new ArgumentException($"unknown strategy '{options.Strategy}'; known: {string.Join(", ", ExploreOptions.Strategies)}"),
        };
    }

    public static Configuration ForReplay(BugTrace trace) => Base(trace.LivenessThreshold).WithReproducibleTrace(trace.CoyoteTrace);
}
