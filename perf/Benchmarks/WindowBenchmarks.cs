using System.Globalization;
using BenchmarkDotNet.Attributes;
using Wireless.Workloads;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// Scaling with the task window: how much does back-pressure from a small ring cost? Paged-attention Case1 (whose
/// outer scopes span 257 tasks, so its smallest window is 512) and a 65,536-task random DAG (scopes of 4–16 tasks,
/// down to a window of 64), zero device, default threads; wired is the baseline. A case is written
/// <c>&lt;workload&gt;@&lt;window&gt;</c>.
/// </summary>
[MemoryDiagnoser]
[MarkdownExporterAttribute.GitHub]
public class WindowBenchmarks : RunnerBenchmark
{
    public static IEnumerable<string> Cases =>
    [
        "paged-attention-case1@512", "paged-attention-case1@1024", "paged-attention-case1@4096", "paged-attention-case1@16384",
        "random:7:65536@64", "random:7:65536@256", "random:7:65536@1024", "random:7:65536@4096", "random:7:65536@16384",
    ];

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    /// <summary>The workload of case <c>&lt;workload&gt;@&lt;window&gt;</c>.</summary>
    public static string WorkloadOf(string windowCase) => windowCase[..windowCase.LastIndexOf('@')];

    /// <summary>The window of case <c>&lt;workload&gt;@&lt;window&gt;</c>.</summary>
    public static int WindowOf(string windowCase) => int.Parse(windowCase[(windowCase.LastIndexOf('@') + 1)..], CultureInfo.InvariantCulture);

    private protected override (RuntimeConfig Config, Workload Workload) CaseToRun()
        => (new RuntimeConfig { Window = WindowOf(Case) }, BenchmarkWorkloads.Create(WorkloadOf(Case)));
}
