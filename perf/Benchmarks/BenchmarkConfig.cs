using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// The configuration <c>bench</c> runs every benchmark class with: a short job (<see cref="ShortJob"/>);
/// BenchmarkDotNet's default columns, analysers and validators; the console logger; a CSV report with fixed units and no units in the cells (time in ns, sizes in
/// bytes, invariant culture), which <c>report</c> reads back (each class adds the GitHub markdown report); the
/// median; and two columns of our own:
/// <see cref="NanosecondsPerTaskColumn"/> and <see cref="BuildColumn"/>.
/// </summary>
/// <remarks>
/// BenchmarkDotNet's default configuration is not used as a base because its own CSV exporter writes the same file
/// with units inside the cells.
/// </remarks>
internal static class BenchmarkConfig
{
    /// <summary>
    /// One process per case, 3 warm-up and 10 measured iterations of about 250 ms each: short enough that the whole
    /// suite runs in about an hour on 2 cores, long enough for medians and BenchmarkDotNet's 99.9% error. It is the
    /// default job, so command-line job options (<c>--iterationCount 20</c>, <c>--launchCount 3</c>, ...) refine it.
    /// </summary>
    public static Job ShortJob { get; } = Job.Default
        .WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithId("Short").AsDefault();

    /// <summary>The CSV report's style: what <see cref="Report.BenchmarkCsv"/> expects.</summary>
    public static SummaryStyle CsvStyle { get; } = new(
        CultureInfo.InvariantCulture, printUnitsInHeader: true, sizeUnit: SizeUnit.B, timeUnit: TimeUnit.Nanosecond,
        printUnitsInContent: false, printZeroValuesInContent: true, maxParameterColumnWidth: 40);

    public static IConfig Create()
    {
        var defaults = DefaultConfig.Instance;
        return ManualConfig.CreateEmpty()
            .AddJob(ShortJob)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.Median, new NanosecondsPerTaskColumn(), new BuildColumn())
            .AddLogger(ConsoleLogger.Default)
            .AddAnalyser([.. defaults.GetAnalysers()])
            .AddValidator([.. defaults.GetValidators()])
            .AddExporter(new CsvExporter(CsvSeparator.Comma, CsvStyle))
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40))
            .WithArtifactsPath(defaults.ArtifactsPath)
            .WithOptions(defaults.Options);
    }
}
