using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Wireless.Perf.Baselines;
using Wireless.Perf.Benchmarks;
using Wireless.Perf.Report;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

/// <summary>
/// The benchmarks of perf/ are wired correctly, checked without running BenchmarkDotNet: the TPL and sequential
/// baselines reproduce the sequential reference; every benchmark method has its global setup; each benchmark class
/// runs one small case end to end (setup, one measured run, the verifying cleanup); the seam's direct and generic
/// loops compute the same; the ns/task column knows every case's task count; the report reads a CSV report back.
/// </summary>
public sealed class BenchmarkWiringTests
{
    [Theory]
    [InlineData("tpl", "paged-attention-case4", DeviceMode.Zero)]
    [InlineData("tpl", "random:42:3000", DeviceMode.Zero)]
    [InlineData("tpl", "bgemm-case0", DeviceMode.Timed)]
    [InlineData("tpl", "pa-unroll-manual-case2", DeviceMode.Zero)]
    [InlineData("sequential", "paged-attention-case4", DeviceMode.Zero)]
    [InlineData("sequential", "random:42:3000", DeviceMode.Zero)]
    [InlineData("sequential", "bgemm-case0", DeviceMode.Timed)]
    [InlineData("sequential", "paged-attention-manual-case2", DeviceMode.Zero)]
    public void Baselines_reproduce_the_sequential_reference_run_after_run(string kind, string name, DeviceMode device)
    {
        var config = new RuntimeConfig { Device = device };
        var workload = WorkloadCatalog.Create(name);
        var expected = new SequentialExecutor(config).Run(workload);
        var runner = RunnerKinds.Create(kind, config, workload);
        for (var run = 0; run < 2; run++)
        {
            runner.Run();
            Assert.Null(runner.Verify(expected));
        }
    }

    [Fact]
    public void The_tpl_arena_holds_every_output_block_of_a_run()
    {
        // Paged attention Case4: 16 sequences x (alloc 3 x 16 + 16 blocks x (16 + 3 x 16 + 16)) elements.
        Assert.Equal(16 * (3 * 16 + 16 * (16 + 3 * 16 + 16)), TplRunner.ArenaElements(new RuntimeConfig(), PagedAttention.Case4()));
    }

    [Fact]
    public void Every_benchmark_method_has_a_global_setup()
    {
        foreach (var type in RunnerBenchmarkTypes())
        {
            var targets = type.GetMethods().SelectMany(m => m.GetCustomAttributes<GlobalSetupAttribute>()).SelectMany(a => a.Targets).ToHashSet();
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
                Assert.True(targets.Contains(method.Name), $"{type.Name}.{method.Name} has no [GlobalSetup(Target = ...)]");
            Assert.Single(type.GetMethods(), m => m.GetCustomAttribute<BenchmarkAttribute>()?.Baseline == true);
        }
    }

    [Theory]
    [InlineData(DeviceMode.Zero)]
    [InlineData(DeviceMode.Timed)]
    [InlineData(DeviceMode.Empty)]
    public void Workload_benchmarks_run_once_and_verify(DeviceMode device)
        => RunEveryMethod(new WorkloadBenchmarks { Workload = "paged-attention-small1", Device = device });

    [Fact]
    public void Task_count_benchmarks_run_once_and_verify() => RunEveryMethod(new TaskCountBenchmarks { Tasks = 1_000 });

    [Fact]
    public void Window_benchmarks_run_once_and_verify()
    {
        Assert.Contains(WindowBenchmarks.Cases, c => WindowBenchmarks.WindowOf(c) == 64);
        RunEveryMethod(new WindowBenchmarks { Case = "random:7:3000@64" });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    public void Poll_budget_benchmarks_run_once_and_verify(int budget)
        => RunEveryMethod(new PollBudgetBenchmarks { Workload = "paged-attention-small1", PollBudget = budget });

    [Fact]
    public void Scheduler_benchmarks_run_once_and_verify()
    {
        Assert.Contains(1, SchedulerBenchmarks.SchedulerCounts);
        Assert.Contains(Environment.ProcessorCount, SchedulerBenchmarks.SchedulerCounts);
        RunEveryMethod(new SchedulerBenchmarks { Workload = "paged-attention-case1", Schedulers = SchedulerBenchmarks.SchedulerCounts.Max(), Device = DeviceMode.Zero });
    }

    [Fact]
    public void Seam_loops_compute_the_same_directly_and_through_the_seam()
    {
        var direct = new SeamBenchmarks();
        var seam = new SeamBenchmarks();
        Assert.Equal(direct.LoadDirect(), seam.LoadSeam());
        direct.StoreDirect();
        seam.StoreSeam();
        Assert.Equal(direct.LoadDirect(), seam.LoadSeam());
        Assert.Equal(direct.CasDirect(), seam.CasSeam());
        Assert.Equal(direct.ExchangeDirect(), seam.ExchangeSeam());
        Assert.Equal(direct.FetchAddDirect(), seam.FetchAddSeam());
    }

    [Fact]
    public void The_ns_per_task_column_knows_the_task_count_of_every_case()
    {
        foreach (var type in RunnerBenchmarkTypes())
            foreach (var benchmarkCase in BenchmarkConverter.TypeToBenchmarks(type).BenchmarksCases)
                Assert.NotNull(NanosecondsPerTaskColumn.TaskCount(benchmarkCase));
    }

    [Fact]
    public void Bench_lists_every_benchmark_without_running_one()
        => Assert.Equal(0, Perf.Program.Main(["bench", "--list", "flat"]));

    [Theory]
    [InlineData(1_000_064, "1M", "10M")]
    [InlineData(2_000_000, "10M", null)]
    public void The_chart_spans_the_decades_of_its_points(double largest, string lastTick, string? absentTick)
    {
        var svg = SvgPlot.Render("t", "tasks", "ns", [new SvgPlot.Series("s", [(1_000, 1.0), (largest, 2.0)])]);
        Assert.Contains($">{lastTick}<", svg);
        if (absentTick is not null) Assert.DoesNotContain($">{absentTick}<", svg);
    }

    [Fact]
    public void The_report_draws_the_scheduler_sweep_per_device()
        => InTemporaryFolder("wireless-sweep-", folder =>
        {
            File.WriteAllText(Path.Combine(folder, "sweep.csv"),
                "Device,Runner,Schedulers,Tasks,Median [ns/task],Min [ns/task],Max [ns/task],Runs\n"
                + "Zero,sequential,1,1000,400.0,390.0,410.0,3\n"
                + "Zero,wireless,1,1000,500.0,490.0,510.0,3\nZero,wired,1,1000,600.0,590.0,610.0,3\n"
                + "Zero,wireless,2,1000,250.0,240.0,260.0,3\nZero,wired,2,1000,500.0,490.0,510.0,3\n");
            var md = new StringWriter();
            var plots = new ResultsReport(folder).Write(md);
            Assert.Contains("|2|", md.ToString().Replace(" ", "")); // a row for 2 schedulers
            Assert.Contains("2.00×", md.ToString());
            Assert.Contains("1.60×", md.ToString());
            Assert.Contains("results/sweep-zero.svg", md.ToString());
            Assert.Contains(">sequential<", plots["sweep-zero.svg"]);
        });

    [Fact]
    public void The_report_reads_a_csv_report_back()
        => InTemporaryFolder("wireless-report-", folder =>
        {
            File.WriteAllText(Path.Combine(folder, "Wireless.Perf.Benchmarks.WorkloadBenchmarks-report.csv"),
                "Method,Workload,Device,Mean [ns],Error [ns],Median [ns],Ratio,ns/task,Allocated [B]\n"
                + "Wired,bgemm-case0,Zero,\"2,000,000.0\",\"10,000.0\",\"2,000,000.0\",1.00,2000.0,\"1,024\"\n"
                + "Wireless,bgemm-case0,Zero,\"1,000,000.0\",\"5,000.0\",\"1,000,000.0\",0.50,1000.0,\"1,024\"\n");
            var md = new StringWriter();
            Assert.Empty(new ResultsReport(folder).Write(md));
            Assert.Contains("| bgemm-case0", md.ToString());
            Assert.Contains("2.00×", md.ToString());
            Assert.Contains("1.00 ms ± 5.0 µs", md.ToString());
        });

    /// <summary>Runs <paramref name="test"/> on a new temporary folder, deleted afterwards.</summary>
    private static void InTemporaryFolder(string prefix, Action<string> test)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        try
        {
            test(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<Type> RunnerBenchmarkTypes()
        => typeof(RunnerBenchmark).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(RunnerBenchmark)) && !t.IsAbstract);

    /// <summary>For each benchmark method: its global setup, one measured call, the verifying cleanup.</summary>
    private static void RunEveryMethod(RunnerBenchmark benchmarks)
    {
        var type = benchmarks.GetType();
        foreach (var setup in type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
        {
            setup.Invoke(benchmarks, null);
            type.GetMethod(setup.GetCustomAttribute<GlobalSetupAttribute>()!.Targets.Single())!.Invoke(benchmarks, null);
            benchmarks.VerifyLastRun();
        }
    }
}
