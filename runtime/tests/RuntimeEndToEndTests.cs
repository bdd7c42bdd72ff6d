using Wireless.Memory;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

public sealed class RuntimeEndToEndTests
{
    public static TheoryData<string, int, int> Configs => new()
    {
        { "chain", 16384, 0 },
        { "chain", 2, int.MaxValue - 20 },
        { "diamonds", 8, 0 },
        { "diamonds", 8, -30 },
        { "fanin", 32, 0 },
        { "pending-backlog", 16, 0 },
        { "nested-scopes", 8, 0 },
        { "nested-scopes", 8, int.MaxValue - 10 },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Matches_the_sequential_reference(string dag, int window, int firstLocalId)
    {
        Workload workload = dag switch
        {
            "chain" => new SmallDags.Chain(200),
            "diamonds" => new SmallDags.Diamonds(50),
            "pending-backlog" => new SmallDags.PendingBacklog(8),
            "nested-scopes" => new SmallDags.NestedScopes(30),
            _ => new SmallDags.FanIn(16),
        };
        var config = new RuntimeConfig
        {
            Window = window, FirstLocalId = firstLocalId, HeapElements = 4096, TimeoutMilliseconds = 20_000,
            PollBudget = dag == "pending-backlog" ? 2 : new RuntimeConfig().PollBudget,
        };
        var expected = new SequentialExecutor(config).Run(workload);
        var result = new WirelessRuntime<FastMemory>(config).Run(workload);
        Assert.True(result.Succeeded, result.Error + "\n" + result.StallDiagnostics);
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
    }

    /// <summary>
    /// An assigned launch (the proof scenarios' configuration) starts exactly the surviving threads, thread i with exec
    /// index i, and both runtimes run correctly without the gate.
    /// </summary>
    [Theory]
    [InlineData(RuntimeKinds.Wireless)]
    [InlineData(RuntimeKinds.Wired)]
    public void An_assigned_launch_gives_thread_i_exec_index_i(string runtime)
    {
        var config = new RuntimeConfig { Schedulers = 2, Clusters = 2, Window = 4, HeapElements = 4096, Launch = LaunchMode.Assigned, TimeoutMilliseconds = 20_000 };
        var workload = new SmallDags.Diamonds(20);
        var expected = new SequentialExecutor(config).Run(workload);
        var result = RuntimeKinds.Create<FastMemory>(runtime, config).Run(workload);
        Assert.True(result.Succeeded, result.Error + "\n" + result.StallDiagnostics);
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
        Assert.Equal([new(true, 0), new(true, 1), new(true, 2)], result.GatePasses);
    }
}
