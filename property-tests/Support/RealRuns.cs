using Wireless.Memory;
using Wireless.Workloads;

namespace Wireless.Properties;

/// <summary>A runtime instance as a test sees it: the production instantiation, or the one with seeded bugs.</summary>
public interface IRuntimeUnderTest
{
    RunResult Run(Workload workload);
}

/// <summary>
/// Real-thread runs with a hard wall-clock guard: <see cref="WirelessRuntime{TMem}.Run(Workload)"/> joins every
/// thread it started before it returns, so a run that returns left no thread running; one that does not return
/// within the guard is reported as a hang.
/// </summary>
public static class RealRuns
{
    /// <summary><see cref="FastMemory"/> for the production code, <see cref="FastMemoryWithBugs"/> when <paramref name="config"/> has variants.</summary>
    public static IRuntimeUnderTest Create(RuntimeConfig config)
        => config.Bugs == Bug.None ? new Instance<FastMemory>(config) : new Instance<FastMemoryWithBugs>(config);

    /// <summary>Runs on a separate thread; fails if the run does not end within <paramref name="limit"/>.</summary>
    public static RunResult Run(IRuntimeUnderTest runtime, Workload workload, TimeSpan limit)
    {
        RunResult? result = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = runtime.Run(workload);
            }
            catch (Exception e)
            {
                error = e;
            }
        }) { IsBackground = true, Name = "property-run" };
        thread.Start();
        if (!thread.Join(limit))
            throw new PropertyFailure($"the run did not end within {limit.TotalSeconds:F0} s (its threads are still running)");
        if (error is not null) throw new PropertyFailure($"the run threw {error.GetType().Name}: {error.Message}");
        return result!;
    }

    /// <summary>The guard for a run with a no-progress timeout: generous, since the timeout itself ends a stalled run.</summary>
    public static TimeSpan LimitFor(RuntimeConfig config) => TimeSpan.FromMilliseconds(3L * config.TimeoutMilliseconds + 20_000);

    private sealed class Instance<TMem>(RuntimeConfig config) : IRuntimeUnderTest where TMem : struct, ISharedMemory
    {
        private readonly WirelessRuntime<TMem> _runtime = new(config);

        public RunResult Run(Workload workload) => _runtime.Run(workload);
    }
}
