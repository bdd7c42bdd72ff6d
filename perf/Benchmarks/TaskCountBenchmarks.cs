using BenchmarkDotNet.Attributes;
using Wireless.Workloads;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// Scaling with the number of tasks: does the cost per task stay flat from 1K to 1M tasks? Paged attention of
/// Case1's shape (64 blocks per sequence) with 4 to 3,891 sequences, on the zero device, default configuration, on
/// all four runners; wired is the baseline. The ns/task column is what the plot in perf/README.md shows.
/// </summary>
[MemoryDiagnoser]
[MarkdownExporterAttribute.GitHub]
public class TaskCountBenchmarks : AllRunnersBenchmark
{
    [Params(1_000, 10_000, 100_000, 1_000_000)]
    public int Tasks { get; set; }

    private protected override (RuntimeConfig Config, Workload Workload) CaseToRun()
        => (new RuntimeConfig(), BenchmarkWorkloads.PagedAttentionShaped(Tasks));
}
