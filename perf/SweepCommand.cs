using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Wireless.Orchestration;
using Wireless.Perf.Baselines;
using Wireless.Perf.Benchmarks;
using Wireless.Perf.Report;
using Wireless.Verification;

namespace Wireless.Perf;

/// <summary>
/// <c>sweep</c>: the scheduler sweep. Runs one workload on the wireless and the wired runtime with 1, 2, ... scheduler
/// threads up to a maximum (the processor count by default; the orchestrator is one more thread), and on the
/// sequential runner once, per device; prints ns/task (the median of several runs) per thread count and writes them to
/// <c>sweep.csv</c> in the results folder, from which <c>report</c> draws the chart of perf/README.md.
/// </summary>
/// <remarks>
/// Plain Stopwatch timing of whole runs in this process, so it runs wherever the published perf runs (no SDK needed,
/// unlike BenchmarkDotNet's default toolchain); each runner is created once per point, warmed up, and its output is
/// checked against the sequential reference after the measured runs. The device is the same at every thread count
/// (<c>--clusters</c>, at least the largest count), so only the threads change.
/// </remarks>
internal sealed class SweepCommand : Command
{
    /// <summary>The file the sweep writes in the results folder, and <c>report</c> reads.</summary>
    public const string CsvFile = "sweep.csv";

    private readonly Argument<string> _workload = new("workload")
    {
        Description = "The workload (see 'list').",
        DefaultValueFactory = _ => "paged-attention-case1",
    };

    private readonly Option<string[]> _devices = new("--devices")
    {
        Description = "Devices to sweep: zero, empty, timed.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => ["zero", "empty"],
    };

    private readonly Option<int> _maxSchedulers = new("--max-schedulers")
    {
        Description = "The largest scheduler-thread count; the sweep runs 1 to it.",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private readonly Option<int> _clusters = new("--clusters")
    {
        Description = "Clusters (1 AIC + 2 AIV cores each) at every thread count; at least the largest count.",
        DefaultValueFactory = _ => 24,
    };

    private readonly Option<int> _warmup = new("--warmup")
    {
        Description = "Runs before the measured ones, per point.",
        DefaultValueFactory = _ => 3,
    };

    private readonly Option<int> _runs = new("--runs")
    {
        Description = "Measured runs per point; the point is their median.",
        DefaultValueFactory = _ => 5,
    };

    private readonly Option<string> _results = new("--results")
    {
        Description = $"The folder to write {CsvFile} to.",
        DefaultValueFactory = _ => Path.Combine("perf", "results"),
    };

    public SweepCommand()
        : base("sweep", "Scheduler sweep: ns/task of the wireless and wired runtimes with 1 to --max-schedulers scheduler threads, and of "
            + $"the sequential runner, per device; writes {CsvFile} for 'report' (the chart). Exit code: 0, 1 if a run failed or its "
            + "output differed from the sequential reference, 2 for bad input.")
    {
        Add(_workload);
        Add(_devices);
        Add(_maxSchedulers);
        Add(_clusters);
        Add(_warmup);
        Add(_runs);
        Add(_results);
        _devices.AcceptOnlyFromAmong("zero", "empty", "timed");
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var maxSchedulers = parseResult.GetValue(_maxSchedulers);
        var clusters = parseResult.GetValue(_clusters);
        var warmup = parseResult.GetValue(_warmup);
        var runs = parseResult.GetValue(_runs);
        if (maxSchedulers < 1 || clusters < maxSchedulers || warmup < 0 || runs < 1)
        {
            error.WriteLine($"error: need --max-schedulers >= 1, --clusters >= --max-schedulers, --warmup >= 0, --runs >= 1 (got {maxSchedulers}, {clusters}, {warmup}, {runs})");
            return ExitCodes.BadInput;
        }
        var workloadName = parseResult.GetRequiredValue(_workload);
        var points = new List<Point>();
        output.WriteLine($"// Build: {BuildInfo.Describe()}");
        output.WriteLine($"// {Environment.ProcessorCount} processors; {workloadName}; {clusters} clusters; median of {runs} runs after {warmup} warm-up runs per point");
        try
        {
            foreach (var device in parseResult.GetRequiredValue(_devices).Select(d => Enum.Parse<DeviceMode>(d, ignoreCase: true)))
            {
                var baseConfig = new RuntimeConfig { Clusters = clusters, Device = device, Profile = false };
                var workload = BenchmarkWorkloads.Create(workloadName);
                var expected = new SequentialExecutor(baseConfig).Run(workload);
                points.Add(Measure(RunnerKinds.Sequential, baseConfig, workload, expected, device, 1, warmup, runs));
                for (var n = 1; n <= maxSchedulers; n++)
                    foreach (var kind in new[] { RunnerKinds.Wireless, RunnerKinds.Wired })
                        points.Add(Measure(kind, baseConfig with { Schedulers = n }, workload, expected, device, n, warmup, runs));
                WriteTable(output, points.Where(p => p.Device == device).ToList(), device);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or RuntimeErrorException or ArgumentException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failed;
        }
        var folder = parseResult.GetRequiredValue(_results);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, CsvFile);
        File.WriteAllLines(path, points.Select(p => p.CsvLine()).Prepend(Point.CsvHeader));
        output.WriteLine($"wrote {path}");
        return ExitCodes.Ok;
    }

    /// <summary>One point: a warmed runner's median, least and greatest ns/task over the measured runs, its output checked.</summary>
    private static Point Measure(string kind, RuntimeConfig config, Wireless.Workloads.Workload workload, ReferenceResult expected,
        DeviceMode device, int schedulers, int warmup, int runs)
    {
        var runner = RunnerKinds.Create(kind, config, workload);
        for (var i = 0; i < warmup; i++) runner.Run();
        var ns = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            runner.Run();
            ns[i] = Stopwatch.GetElapsedTime(started).TotalNanoseconds / workload.TaskCount;
        }
        if (runner.Verify(expected) is { } mismatch)
            throw new InvalidOperationException($"{kind} with {schedulers} scheduler threads on {workload.Name}: the output differs from the sequential reference: {mismatch}");
        Array.Sort(ns);
        return new Point(device, kind, schedulers, workload.TaskCount, ns[(runs - 1) / 2], ns[0], ns[^1], runs);
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<Point> points, DeviceMode device)
    {
        var sequential = points.Single(p => p.Runner == RunnerKinds.Sequential).Median;
        output.WriteLine();
        output.WriteLine($"{device} device, ns/task (median; sequential {sequential:F0}):");
        var table = new MarkdownTable(("schedulers", true), ("wireless", true), ("wired", true), ("wired ÷ wireless", true), ("sequential ÷ wireless", true));
        foreach (var g in points.Where(p => p.Runner != RunnerKinds.Sequential).GroupBy(p => p.Schedulers))
        {
            var wireless = g.Single(p => p.Runner == RunnerKinds.Wireless).Median;
            var wired = g.Single(p => p.Runner == RunnerKinds.Wired).Median;
            table.AddRow(g.Key.ToString(CultureInfo.InvariantCulture), Fixed(wireless, 0), Fixed(wired, 0), Fixed(wired / wireless, 2) + "×", Fixed(sequential / wireless, 2) + "×");
        }
        table.Write(output);
    }

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A measured point of the sweep, and its line of <see cref="CsvFile"/>.</summary>
    private sealed record Point(DeviceMode Device, string Runner, int Schedulers, int Tasks, double Median, double Min, double Max, int Runs)
    {
        public const string CsvHeader = "Device,Runner,Schedulers,Tasks,Median [ns/task],Min [ns/task],Max [ns/task],Runs";

        public string CsvLine() => string.Create(CultureInfo.InvariantCulture, $"{Device},{Runner},{Schedulers},{Tasks},{Median:F1},{Min:F1},{Max:F1},{Runs}");
    }
}
