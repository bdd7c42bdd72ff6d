using Wireless.Memory;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

/// <summary>
/// Every built-in workload, the random DAG and the JSON example, run end to end on real threads with the default
/// configuration (and a few smaller windows and timed cores), on the wireless runtime and on the wired baseline,
/// produce exactly the sequential reference's output.
/// </summary>
public sealed class BuiltInWorkloadTests
{
    public static TheoryData<string, string> Workloads()
    {
        var data = new TheoryData<string, string>();
        foreach (var runtime in new[] { "wireless", "wired" })
        {
            foreach (var name in WorkloadCatalog.Names) data.Add(runtime, name);
            data.Add(runtime, "random:42:20000");
            data.Add(runtime, Path.Combine(AppContext.BaseDirectory, "examples", "diamond.json"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Workloads))]
    public void Runs_and_matches_the_sequential_reference(string runtime, string name)
        => RunAndVerify(runtime, name, new RuntimeConfig { TimeoutMilliseconds = 30_000 });

    [Theory]
    [InlineData("wireless", "paged-attention-case4", 1024, 2)]
    [InlineData("wireless", "bgemm-case0", 64, 1)]
    [InlineData("wireless", "pa-unroll-manual-case2", 16, 2)]
    [InlineData("wireless", "random:7:5000", 32, 2)]
    [InlineData("wired", "paged-attention-case4", 1024, 2)]
    [InlineData("wired", "bgemm-case0", 64, 1)]
    [InlineData("wired", "pa-unroll-manual-case2", 16, 2)]
    [InlineData("wired", "random:7:5000", 32, 2)]
    public void Runs_in_a_small_window_under_back_pressure(string runtime, string name, int window, int schedulers)
        => RunAndVerify(runtime, name, new RuntimeConfig { Window = window, Schedulers = schedulers, HeapElements = 1 << 16, TimeoutMilliseconds = 30_000 });

    [Theory]
    [InlineData("wireless", "paged-attention-small1")]
    [InlineData("wireless", "bgemm-case0")]
    [InlineData("wired", "paged-attention-small1")]
    [InlineData("wired", "bgemm-case0")]
    public void Runs_with_threaded_cores_on_the_timed_device(string runtime, string name)
        => RunAndVerify(runtime, name, new RuntimeConfig { Cores = CoreDriver.Threaded, Device = DeviceMode.Timed, Clusters = 1, TimeoutMilliseconds = 30_000 });

    [Theory]
    [InlineData("wireless", "paged-attention-case4")]
    [InlineData("wireless", "bgemm-case0")]
    [InlineData("wired", "paged-attention-case4")]
    [InlineData("wired", "bgemm-case0")]
    public void Runs_on_the_empty_device_where_kernels_only_count_their_runs(string runtime, string name)
    {
        var config = new RuntimeConfig { Device = DeviceMode.Empty, TimeoutMilliseconds = 30_000 };
        RunAndVerify(runtime, name, config);
        // Empty kernels write nothing: global memory stays as the workload initialized it.
        var workload = WorkloadCatalog.Create(name);
        var expected = new SequentialExecutor(config).Run(workload);
        var untouched = new Device.DeviceMemory(workload.Globals, config.HeapElements);
        untouched.ResetGlobals();
        Assert.Equal(untouched.Global, expected.FinalGlobals);
    }

    [Fact]
    public void The_empty_device_reference_still_catches_a_task_that_did_not_run()
    {
        var config = new RuntimeConfig { Device = DeviceMode.Empty };
        var workload = WorkloadCatalog.Create("paged-attention-small1");
        var expected = new SequentialExecutor(config).Run(workload);
        var result = new WirelessRuntime<FastMemory>(config).Run(workload);
        result.Record.RunCounts[3] = 0;
        Assert.NotNull(Verifier.Compare(expected, result.Record, result.FinalGlobals));
    }

    private static void RunAndVerify(string runtime, string name, RuntimeConfig config)
    {
        var workload = WorkloadCatalog.Create(name);
        var expected = new SequentialExecutor(config).Run(workload);
        ITaskRuntime rt = runtime == "wired" ? new WiredRuntime<FastMemory>(config) : new WirelessRuntime<FastMemory>(config);
        var result = rt.Run(workload);
        Assert.True(result.Succeeded, $"{name}: {result.Error}\n{result.StallDiagnostics}");
        Assert.Equal(workload.TaskCount, result.Tasks);
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
    }
}
