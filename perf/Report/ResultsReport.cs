using System.Globalization;

namespace Wireless.Perf.Report;

/// <summary>
/// Turns the benchmark results in a folder (the CSV and GitHub-markdown reports of <c>bench</c>, and the text files
/// <c>perf/run-benchmarks.sh</c> and <c>perf/checker-speed.sh</c> write beside them) into the markdown of
/// perf/README.md's results section and its SVG plots: cost per task against task count, and against scheduler threads
/// (the sweep).
/// </summary>
internal sealed class ResultsReport(string folder)
{
    private const string Prefix = "Wireless.Perf.Benchmarks.";
    private const string CodeSize = "Code Size [B]";
    private static readonly string[] Runners = ["Wireless", "Wired", "Tpl", "Sequential"];

    /// <summary>The plot's file name inside the results folder.</summary>
    public const string PlotFile = "cost-per-task.svg";

    /// <summary>Writes the results section's markdown; returns the plots (file name in the results folder, SVG) its results give.</summary>
    public IReadOnlyDictionary<string, string> Write(TextWriter md)
    {
        var plots = new Dictionary<string, string>();
        WriteMachine(md);
        WriteWorkloads(md);
        if (WriteTaskCounts(md) is { } plot) plots[PlotFile] = plot;
        WriteAllocations(md);
        WriteWindows(md);
        WriteSchedulers(md);
        WriteSweep(md, plots);
        WritePollBudgets(md);
        WriteSeam(md);
        WriteTextFile(md, "checker-speed.md", "Checker speed", "");
        return plots;
    }

    private BenchmarkCsv? Csv(string benchmark) => BenchmarkCsv.Load(Path.Combine(folder, $"{Prefix}{benchmark}-report.csv"));

    private void WriteMachine(TextWriter md)
    {
        md.WriteLine("### Machine and run");
        md.WriteLine();
        var github = Path.Combine(folder, $"{Prefix}WorkloadBenchmarks-report-github.md");
        if (File.Exists(github))
        {
            // BenchmarkDotNet's environment block: the lines before the table.
            md.WriteLine(string.Join(Environment.NewLine, File.ReadLines(github).TakeWhile(l => !l.StartsWith('|'))).TrimEnd());
            md.WriteLine();
        }
        WriteTextFile(md, "machine.txt", null, "```");
    }

    private void WriteWorkloads(TextWriter md)
    {
        var csv = Csv("WorkloadBenchmarks");
        if (csv is null) return;
        md.WriteLine("### Workloads (WorkloadBenchmarks)");
        md.WriteLine();
        md.WriteLine("Speedups of the wireless runtime: the median time of the other runner divided by wireless's (above 1: wireless is faster).");
        md.WriteLine();
        var times = csv.Rows.Select(r => new RunTime(csv.Text(r, "Workload"), csv.Text(r, "Device"), csv.Text(r, "Method"),
            csv.Number(r, "Median [ns]"), Benchmarks.BenchmarkWorkloads.TaskCount(csv.Text(r, "Workload")))).ToList();
        Speedups.Write(md, times.Where(t => double.IsFinite(t.MedianNs)).ToList());
        md.WriteLine();
        md.WriteLine("Median time of one whole run ± BenchmarkDotNet's error (half the 99.9% confidence interval), and bytes allocated per run:");
        md.WriteLine();
        var table = new MarkdownTable([("workload", false), ("device", false), .. Runners.Select(r => (Label(r), true)), .. Runners.Select(r => ($"{Label(r)} alloc/run", true))]);
        foreach (var group in csv.Rows.GroupBy(r => (Workload: csv.Text(r, "Workload"), Device: csv.Text(r, "Device"))))
        {
            var rows = group.ToArray();
            table.AddRow([group.Key.Workload, group.Key.Device,
                .. Runners.Select(m => Cell(csv, rows, m)), .. Runners.Select(m => Bytes(csv, rows, m))]);
        }
        table.Write(md);
        md.WriteLine();
    }

    private string? WriteTaskCounts(TextWriter md)
    {
        var csv = Csv("TaskCountBenchmarks");
        if (csv is null) return null;
        md.WriteLine("### Cost per task against task count (TaskCountBenchmarks)");
        md.WriteLine();
        md.WriteLine($"![cost per task against task count](results/{PlotFile})");
        md.WriteLine();
        md.WriteLine("Paged attention of Case1's shape (64 blocks per sequence), zero device. ns/task = median run time ÷ tasks; alloc/run = bytes allocated per run (MemoryDiagnoser).");
        md.WriteLine();
        var byTasks = csv.Rows.GroupBy(r => csv.Number(r, "Tasks")).OrderBy(g => g.Key).ToArray();
        var table = new MarkdownTable([("tasks (approx.)", true), .. Runners.Select(r => ($"{Label(r)} ns/task", true)), .. Runners.Select(r => ($"{Label(r)} alloc/run", true))]);
        foreach (var g in byTasks)
        {
            var rows = g.ToArray();
            table.AddRow([Count(g.Key), .. Runners.Select(m => Find(csv, rows, m) is { } r ? Fixed(csv.Number(r, "ns/task"), 0) : "NA"),
                .. Runners.Select(m => Bytes(csv, rows, m))]);
        }
        table.Write(md);
        md.WriteLine();
        if (byTasks.Length >= 2)
        {
            var (small, large) = (byTasks[0].ToArray(), byTasks[^1].ToArray());
            md.WriteLine($"Allocation per task in the steady state, (alloc/run at {Count(byTasks[^1].Key)} − at {Count(byTasks[0].Key)}) ÷ the difference in tasks: "
                + string.Join("; ", Runners.Select(m => $"{Label(m)} {MarginalBytes(csv, small, large, m)}")) + ".");
            md.WriteLine();
        }
        return SvgPlot.Render("Cost per task against task count (zero device)", "tasks (log scale)", "ns per task (median)",
            Runners.Select(m => new SvgPlot.Series(Label(m), byTasks.Select(g => Find(csv, g.ToArray(), m) is { } r
                ? (TasksOf(csv, r), csv.Number(r, "ns/task")) : (double.NaN, double.NaN)).ToArray())).ToArray());
    }

    private void WriteAllocations(TextWriter md) => WriteTextFile(md, "alloc.txt", "Allocations per run, measured precisely (`perf -- alloc`)", "```");

    private void WriteWindows(TextWriter md)
    {
        var csv = Csv("WindowBenchmarks");
        if (csv is null) return;
        md.WriteLine("### Window size (WindowBenchmarks)");
        md.WriteLine();
        WritePairs(md, csv, [("workload@window", "Case")], row => (Benchmarks.WindowBenchmarks.WorkloadOf(csv.Text(row, "Case")), Benchmarks.WindowBenchmarks.WindowOf(csv.Text(row, "Case"))));
    }

    private void WriteSchedulers(TextWriter md)
    {
        var csv = Csv("SchedulerBenchmarks");
        if (csv is null) return;
        md.WriteLine("### Scheduler threads (SchedulerBenchmarks, paged-attention-case1)");
        md.WriteLine();
        WritePairs(md, csv, [("schedulers", "Schedulers"), ("device", "Device")], row => (csv.Text(row, "Device"), (int)csv.Number(row, "Schedulers")));
    }

    /// <summary>The scheduler sweep (<c>perf -- sweep</c>): a table and a chart of ns/task against scheduler threads per device.</summary>
    private void WriteSweep(TextWriter md, Dictionary<string, string> plots)
    {
        var csv = BenchmarkCsv.Load(Path.Combine(folder, SweepCommand.CsvFile));
        if (csv is null) return;
        md.WriteLine("### Scaling with scheduler threads (`perf -- sweep`)");
        md.WriteLine();
        WriteTextFile(md, "sweep.txt", null, "```");
        foreach (var device in csv.Rows.GroupBy(r => csv.Text(r, "Device")))
        {
            var rows = device.ToArray();
            var workload = $"{Count(csv.Number(rows[0], "Tasks"))} tasks";
            var sequential = rows.Where(r => csv.Text(r, "Runner") == "sequential").Select(r => csv.Number(r, "Median [ns/task]")).FirstOrDefault(double.NaN);
            var counts = rows.Where(r => csv.Text(r, "Runner") != "sequential").Select(r => (int)csv.Number(r, "Schedulers")).Distinct().Order().ToArray();
            double At(string runner, int n) => rows.Where(r => csv.Text(r, "Runner") == runner && (int)csv.Number(r, "Schedulers") == n)
                .Select(r => csv.Number(r, "Median [ns/task]")).FirstOrDefault(double.NaN);
            var file = $"sweep-{device.Key.ToLowerInvariant()}.svg";
            md.WriteLine($"{device.Key} device ({workload}); ns/task, the median of each point's runs; sequential: {Fixed(sequential, 0)} ns/task.");
            md.WriteLine();
            md.WriteLine($"![ns/task against scheduler threads, {device.Key} device](results/{file})");
            md.WriteLine();
            var table = new MarkdownTable(("schedulers", true), ("wireless ns/task", true), ("wired ns/task", true), ("wired ÷ wireless", true), ("sequential ÷ wireless", true));
            foreach (var n in counts)
            {
                var (wireless, wired) = (At("wireless", n), At("wired", n));
                table.AddRow(n.ToString(CultureInfo.InvariantCulture), Fixed(wireless, 0), Fixed(wired, 0), Fixed(wired / wireless, 2) + "×", Fixed(sequential / wireless, 2) + "×");
            }
            table.Write(md);
            md.WriteLine();
            plots[file] = SvgPlot.Render($"ns per task against scheduler threads ({device.Key} device)", "scheduler threads (+ 1 orchestrator thread)", "ns per task (median)",
            [
                new SvgPlot.Series("wireless", counts.Select(n => ((double)n, At("wireless", n))).ToArray()),
                new SvgPlot.Series("wired", counts.Select(n => ((double)n, At("wired", n))).ToArray()),
                new SvgPlot.Series("sequential", counts.Select(n => ((double)n, sequential)).ToArray()),
            ], logX: false);
        }
    }

    private void WritePollBudgets(TextWriter md)
    {
        var csv = Csv("PollBudgetBenchmarks");
        if (csv is null) return;
        md.WriteLine("### Poll budget (PollBudgetBenchmarks, zero device)");
        md.WriteLine();
        WritePairs(md, csv, [("workload", "Workload"), ("poll budget", "PollBudget")], row => (csv.Text(row, "Workload"), (int)csv.Number(row, "PollBudget")));
    }

    /// <summary>Wireless against wired per parameter combination (in <paramref name="order"/>): medians ± error, ns/task and the ratio.</summary>
    private static void WritePairs(TextWriter md, BenchmarkCsv csv, (string Header, string Column)[] keys, Func<string[], (string, int)> order)
    {
        var table = new MarkdownTable([.. keys.Select(k => (k.Header, false)), ("wireless", true), ("wired", true),
            ("wireless ns/task", true), ("wired ns/task", true), ("wired ÷ wireless", true)]);
        foreach (var g in csv.Rows.OrderBy(order).GroupBy(r => string.Join("\u0001", keys.Select(k => csv.Text(r, k.Column)))))
        {
            var rows = g.ToArray();
            var wireless = Find(csv, rows, "Wireless");
            var wired = Find(csv, rows, "Wired");
            table.AddRow([.. keys.Select(k => csv.Text(rows[0], k.Column)), Cell(csv, rows, "Wireless"), Cell(csv, rows, "Wired"),
                wireless is null ? "NA" : Fixed(csv.Number(wireless, "ns/task"), 0), wired is null ? "NA" : Fixed(csv.Number(wired, "ns/task"), 0),
                wireless is null || wired is null ? "NA" : Fixed(csv.Number(wired, "Median [ns]") / csv.Number(wireless, "Median [ns]"), 2) + "×"]);
        }
        table.Write(md);
        md.WriteLine();
    }

    private void WriteSeam(TextWriter md)
    {
        var csv = Csv("SeamBenchmarks");
        if (csv is null) return;
        md.WriteLine("### The seam (SeamBenchmarks, single thread, per operation)");
        md.WriteLine();
        var table = new MarkdownTable(("operation", false), ("direct Volatile/Interlocked", true), ("through ISharedMemory<FastMemory>", true), ("seam ÷ direct", true),
            ("machine code, direct / seam", true));
        foreach (var g in csv.Rows.GroupBy(r => csv.Text(r, "Categories")))
        {
            var rows = g.ToArray();
            var direct = rows.FirstOrDefault(r => csv.Text(r, "Method").EndsWith("Direct", StringComparison.Ordinal));
            var seam = rows.FirstOrDefault(r => csv.Text(r, "Method").EndsWith("Seam", StringComparison.Ordinal));
            table.AddRow(g.Key, direct is null ? "NA" : TimeCell(csv, direct), seam is null ? "NA" : TimeCell(csv, seam),
                direct is null || seam is null ? "NA" : Fixed(csv.Number(seam, "Median [ns]") / csv.Number(direct, "Median [ns]"), 2) + "×",
                direct is null || seam is null || !csv.Has(CodeSize) ? "NA" : $"{Count(csv.Number(direct, CodeSize))} B / {Count(csv.Number(seam, CodeSize))} B");
        }
        table.Write(md);
        md.WriteLine();
        md.WriteLine($"Machine code of every loop, side by side: [results/{Prefix}SeamBenchmarks-asm.md](results/{Prefix}SeamBenchmarks-asm.md) (DisassemblyDiagnoser).");
        md.WriteLine();
    }

    /// <summary>Copies a text file of the results folder under an optional heading, fenced if <paramref name="fence"/> is set.</summary>
    private void WriteTextFile(TextWriter md, string file, string? heading, string fence)
    {
        var path = Path.Combine(folder, file);
        if (!File.Exists(path)) return;
        if (heading is not null)
        {
            md.WriteLine($"### {heading}");
            md.WriteLine();
        }
        if (fence.Length > 0) md.WriteLine(fence);
        md.WriteLine(File.ReadAllText(path).TrimEnd());
        if (fence.Length > 0) md.WriteLine(fence);
        md.WriteLine();
    }

    private static string[]? Find(BenchmarkCsv csv, string[][] rows, string method) => rows.FirstOrDefault(r => csv.Text(r, "Method") == method);

    private static double TasksOf(BenchmarkCsv csv, string[] row) => csv.Number(row, "Median [ns]") / csv.Number(row, "ns/task");

    private static string Cell(BenchmarkCsv csv, string[][] rows, string method)
        => Find(csv, rows, method) is { } r ? TimeCell(csv, r) : "NA";

    private static string TimeCell(BenchmarkCsv csv, string[] row)
    {
        var median = csv.Number(row, "Median [ns]");
        return double.IsFinite(median) ? $"{Time(median)} ± {Time(csv.Number(row, "Error [ns]"))}" : "NA";
    }

    private static string Bytes(BenchmarkCsv csv, string[][] rows, string method)
    {
        if (Find(csv, rows, method) is not { } r || !csv.Has("Allocated [B]")) return "NA";
        var bytes = csv.Number(r, "Allocated [B]");
        return !double.IsFinite(bytes) ? "0 B" : bytes switch
        {
            < 10_000 => Count(bytes) + " B",
            < 10_000_000 => Fixed(bytes / 1024, 1) + " KiB",
            _ => Fixed(bytes / (1024 * 1024), 1) + " MiB",
        };
    }

    private static string MarginalBytes(BenchmarkCsv csv, string[][] small, string[][] large, string method)
    {
        if (Find(csv, small, method) is not { } s || Find(csv, large, method) is not { } l) return "NA";
        static double Alloc(BenchmarkCsv c, string[] r) => double.IsFinite(c.Number(r, "Allocated [B]")) ? c.Number(r, "Allocated [B]") : 0;
        return Fixed((Alloc(csv, l) - Alloc(csv, s)) / (TasksOf(csv, l) - TasksOf(csv, s)), 1) + " B/task";
    }

    private static string Label(string method) => method switch
    {
        "Tpl" => "TPL",
        _ => method.ToLowerInvariant(),
    };

    /// <summary>A duration in the largest unit that keeps it at or above 1.</summary>
    private static string Time(double ns) => ns switch
    {
        double.NaN => "NA",
        < 1e3 => Fixed(ns, 2) + " ns",
        < 1e6 => Fixed(ns / 1e3, 1) + " µs",
        < 1e9 => Fixed(ns / 1e6, 2) + " ms",
        _ => Fixed(ns / 1e9, 2) + " s",
    };

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
