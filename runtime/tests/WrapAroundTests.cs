using Wireless.Memory;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

/// <summary>
/// Runs that start just before the local id counter wraps from <see cref="int.MaxValue"/> to
/// <see cref="int.MinValue"/>, in small windows (so slots are reused many times across the wrap), must match the
/// sequential reference.
/// </summary>
public sealed class WrapAroundTests
{
    private const int NearWrap = int.MaxValue - 100;

    public static TheoryData<string, int, int> Cases => new()
    {
        { "chain", 2, NearWrap },
        { "chain", 4, NearWrap },
        { "chain", 8, NearWrap },
        { "chain", 64, NearWrap },
        { "fanin", 2, int.MaxValue - 8 },
        { "fanin", 4, int.MaxValue - 8 },
        { "fanin", 8, int.MaxValue - 8 },
        { "fanin", 64, int.MaxValue - 8 },
        { "diamonds", 4, NearWrap },
        { "diamonds", 8, NearWrap },
        { "diamonds", 64, NearWrap },
    };

    private static Workload Create(string dag) => dag switch
    {
        "chain" => new SmallDags.Chain(300),
        "fanin" => new SmallDags.FanIn(16),
        "diamonds" => new SmallDags.Diamonds(60),
        _ => throw new ArgumentException(dag),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_run_across_the_local_id_wrap_matches_the_sequential_reference(string dag, int window, int firstLocalId)
        => AssertMatchesReference(Create(dag), window, firstLocalId, heapElements: 2048);

    [Fact]
    public void A_random_dag_across_the_local_id_wrap_matches_the_sequential_reference()
    {
        // Window and heap hold the whole run, so the orchestrator never waits for reclamation (see the skipped
        // small-window variant below).
        AssertMatchesReference(WorkloadCatalog.Create("random:1:2000"), window: 4096, NearWrap, heapElements: 1 << 16);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void A_random_dag_in_a_small_window_across_the_local_id_wrap_matches_the_sequential_reference(int window)
    {
        for (var seed = 1; seed <= 3; seed++)
            AssertMatchesReference(WorkloadCatalog.Create($"random:{seed}:2000"), window, NearWrap, heapElements: 2048);
    }

    private static void AssertMatchesReference(Workload workload, int window, int firstLocalId, int heapElements)
    {
        var config = new RuntimeConfig
        {
            Window = window,
            FirstLocalId = firstLocalId,
            HeapElements = heapElements,
            Schedulers = 2,
            Clusters = 2,
            TimeoutMilliseconds = 20_000,
        };
        var lastLocalId = LocalId.Add(firstLocalId, workload.TaskCount - 1);
        Assert.True(lastLocalId < firstLocalId, "the workload is too short to cross the wrap");
        var expected = new SequentialExecutor(config).Run(workload);
        var runtime = new WirelessRuntime<FastMemory>(config);
        for (var run = 0; run < 2; run++)
        {
            var result = runtime.Run(workload);
            Assert.True(result.Succeeded, $"run {run}: {result.Error}\n{result.StallDiagnostics}");
            Assert.Equal(workload.TaskCount, result.Tasks);
            Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
        }
    }

    [Fact]
    public void The_reference_result_does_not_depend_on_the_first_local_id()
    {
        var workload = WorkloadCatalog.Create("random:1:2000");
        var config = new RuntimeConfig { Window = 64, HeapElements = 2048 };
        var fromZero = new SequentialExecutor(config).Run(workload);
        var nearWrap = new SequentialExecutor(config with { FirstLocalId = NearWrap }).Run(workload);
        Assert.Null(Verifier.Compare(fromZero, nearWrap.Record, nearWrap.FinalGlobals));
    }

    [Fact]
    public void Threaded_cores_in_a_window_of_two_match_the_reference_across_the_wrap()
    {
        var workload = new SmallDags.Chain(120);
        var config = new RuntimeConfig
        {
            Window = 2,
            FirstLocalId = int.MaxValue - 60,
            HeapElements = 256,
            Schedulers = 1,
            Clusters = 1,
            Cores = CoreDriver.Threaded,
            TimeoutMilliseconds = 20_000,
        };
        var expected = new SequentialExecutor(config).Run(workload);
        var result = new WirelessRuntime<FastMemory>(config).Run(workload);
        Assert.True(result.Succeeded, $"{result.Error}\n{result.StallDiagnostics}");
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
    }
}
