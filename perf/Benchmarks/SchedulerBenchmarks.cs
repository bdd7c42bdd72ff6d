using BenchmarkDotNet.Attributes;
using Wireless.Workloads;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// Scaling with scheduler threads: paged-attention Case1 with 1, 2, 4, ... scheduler threads up to the processor
/// count (plus the orchestrator thread), on both devices; wired is the baseline. The device is the same for every
/// thread count (4 clusters per scheduler at the largest count), so only the threads change. At the processor count
/// the schedulers and the orchestrator oversubscribe the cores by one thread.
/// </summary>
[MemoryDiagnoser]
[MarkdownExporterAttribute.GitHub]
public class SchedulerBenchmarks : RunnerBenchmark
{
    /// <summary>1, 2, 4, ... below the processor count, and the processor count itself.</summary>
    public static IEnumerable<int> SchedulerCounts
    {
        get
        {
            var counts = new SortedSet<int> { Environment.ProcessorCount };
            for (var n = 1; n < Environment.ProcessorCount; n *= 2) counts.Add(n);
            return counts;
        }
    }

    [ParamsSource(nameof(SchedulerCounts))]
    public int Schedulers { get; set; }

    [ParamsAllValues]
    public DeviceMode Device { get; set; }

    [Params("paged-attention-case1")]
    public string Workload { get; set; } = "";

    private protected override (RuntimeConfig Config, Workload Workload) CaseToRun()
        => (new RuntimeConfig { Schedulers = Schedulers, Clusters = 4 * SchedulerCounts.Max(), Device = Device },
            BenchmarkWorkloads.Create(Workload));
}
