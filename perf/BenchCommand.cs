using System.CommandLine;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Wireless.Perf.Benchmarks;
using Wireless.Perf.Report;

namespace Wireless.Perf;

/// <summary>
/// <c>bench</c>: runs the BenchmarkDotNet benchmarks of this assembly (<c>Benchmarks/</c>); every other argument goes
/// to BenchmarkDotNet (<c>--filter</c>, <c>--list</c>, <c>--iterationCount</c>, ...). Without a filter or a list
/// option it runs every benchmark (<c>--filter *</c>) instead of BenchmarkDotNet's interactive menu. Prints the build
/// it measures before and after, and, after the workload benchmarks, the speedups of the wireless runtime per
/// workload with their geometric means.
/// </summary>
internal sealed class BenchCommand : Command
{
    public BenchCommand()
        : base("bench", "Runs the BenchmarkDotNet benchmarks; every further argument is passed to BenchmarkDotNet, e.g. "
            + "--filter '*WorkloadBenchmarks*' (default: '*', every benchmark), --iterationCount 20, --list flat. Results go to "
            + "BenchmarkDotNet.Artifacts/results (GitHub markdown and CSV). After the workload benchmarks it prints the "
            + "speedups of wireless over wired, TPL and sequential per workload and their geometric means. "
            + "Exit code: 0 if every benchmark ran, 1 if one failed (an exception, a wrong output) or did not run.")
    {
        TreatUnmatchedTokensAsErrors = false;
        SetAction(parseResult => Execute(parseResult.UnmatchedTokens.ToArray(), parseResult.InvocationConfiguration.Output));
    }

    /// <summary>BenchmarkDotNet options that select benchmarks; without one, BenchmarkDotNet would ask interactively.</summary>
    private static readonly string[] SelectingOptions = ["--filter", "-f", "--list", "--allCategories", "--anyCategories", "--attribute", "-a"];

    private static int Execute(string[] args, TextWriter output)
    {
        if (!args.Any(a => SelectingOptions.Contains(a, StringComparer.OrdinalIgnoreCase))) args = ["--filter", "*", .. args];
        output.WriteLine($"// Build: {BuildInfo.Describe()}");
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create()).ToArray();
        foreach (var summary in summaries.Where(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(WorkloadBenchmarks))))
        {
            output.WriteLine();
            output.WriteLine("Speedups of the wireless runtime (median time of the other ÷ wireless's; above 1: wireless is faster):");
            Speedups.Write(output, WorkloadTimes(summary));
        }
        output.WriteLine($"// Build: {BuildInfo.Describe()}");
        var failed = summaries.Where(Failed).ToArray();
        foreach (var summary in failed) output.WriteLine($"// FAILED: {summary.Title}: a benchmark threw, produced a wrong output, or did not run");
        return failed.Length == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static bool Failed(Summary summary)
        => summary.HasCriticalValidationErrors
           || summary.Reports.Length < summary.BenchmarksCases.Length
           || summary.Reports.Any(r => !r.Success || !r.BuildResult.IsBuildSuccess);

    private static List<RunTime> WorkloadTimes(Summary summary)
    {
        var times = new List<RunTime>();
        foreach (var report in summary.Reports)
        {
            var median = report.ResultStatistics?.Median;
            var tasks = NanosecondsPerTaskColumn.TaskCount(report.BenchmarkCase);
            if (median is null || tasks is null) continue;
            var parameters = report.BenchmarkCase.Parameters;
            times.Add(new RunTime(
                (string)parameters["Workload"], parameters["Device"].ToString()!, report.BenchmarkCase.Descriptor.WorkloadMethod.Name,
                median.Value, tasks.Value));
        }
        return times;
    }
}
