using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// "ns/task": a run's median time divided by the workload's task count (alloc_tensors tasks included). The task
/// count comes from the benchmark's parameters: a <c>Workload</c> (a catalog name), a <c>Case</c> of
/// <see cref="WindowBenchmarks"/>, or <c>Tasks</c> (the PA-shaped workloads of <see cref="BenchmarkWorkloads.PagedAttentionShaped"/>).
/// </summary>
internal sealed class NanosecondsPerTaskColumn : IColumn
{
    public const string Name = "ns/task";

    public string Id => nameof(NanosecondsPerTaskColumn);
    public string ColumnName => Name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Median time of one run divided by the workload's task count";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => TaskCount(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var tasks = TaskCount(benchmarkCase);
        var median = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (tasks is null || median is null) return "NA";
        return (median.Value / tasks.Value).ToString("F1", style.CultureInfo ?? CultureInfo.InvariantCulture);
    }

    /// <summary>The task count of the workload a benchmark case runs, or null if it runs none.</summary>
    public static int? TaskCount(BenchmarkCase benchmarkCase)
    {
        foreach (var p in benchmarkCase.Parameters.Items)
        {
            switch (p.Value)
            {
                case string name when p.Name == "Workload":
                    return BenchmarkWorkloads.TaskCount(name);
                case string windowCase when p.Name == "Case":
                    return BenchmarkWorkloads.TaskCount(WindowBenchmarks.WorkloadOf(windowCase));
                case int approximate when p.Name == "Tasks":
                    return BenchmarkWorkloads.PagedAttentionShapedTaskCount(approximate);
            }
        }
        return null;
    }
}
