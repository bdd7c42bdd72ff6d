using BenchmarkDotNet.Attributes;
using Wireless.Workloads;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// The main question: how long does a whole run of each benchmark workload of seed-design §9 take on the wireless
/// runtime, against the wired baseline it replaced (the baseline of the Ratio column), TPL continuations and the
/// sequential bound, on the zero device (kernels do their real work at once), the timed device (kernels take their
/// simulated durations) and the empty device (kernels do nothing: the runtime alone)? Default configuration: processor count − 1 scheduler threads (at least 1), 4 clusters each, window
/// 16,384. <c>bench</c> prints the speedups of wireless over the other three per workload, with their geometric means.
/// </summary>
[MemoryDiagnoser]
[MarkdownExporterAttribute.GitHub]
public class WorkloadBenchmarks : AllRunnersBenchmark
{
    public static IEnumerable<string> Workloads => WorkloadCatalog.Names;

    [ParamsSource(nameof(Workloads))]
    public string Workload { get; set; } = "";

    [ParamsAllValues]
    public DeviceMode Device { get; set; }

    private protected override (RuntimeConfig Config, Workload Workload) CaseToRun()
        => (new RuntimeConfig { Device = Device }, BenchmarkWorkloads.Create(Workload));
}
