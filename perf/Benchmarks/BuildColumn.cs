using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// "Build": the commit and runtime-source hash (<see cref="BuildInfo"/>) the measured code was built from, so every
/// exported table says which code it measured.
/// </summary>
internal sealed class BuildColumn : IColumn
{
    public string Id => nameof(BuildColumn);
    public string ColumnName => "Build";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Meta;
    public int PriorityInCategory => 0;
    public bool IsNumeric => false;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Commit and hash of the runtime sources the benchmarks were built from";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => BuildInfo.Describe();
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => BuildInfo.Describe();
}
