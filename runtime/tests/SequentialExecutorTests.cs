using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

public sealed class SequentialExecutorTests
{
    [Fact]
    public void Runs_every_task_once_and_is_deterministic()
    {
        var config = new RuntimeConfig { Window = 4, HeapElements = 256 };
        var a = new SequentialExecutor(config).Run(new SmallDags.Chain(10));
        var b = new SequentialExecutor(config with { FirstLocalId = int.MaxValue - 3 }).Run(new SmallDags.Chain(10));
        Assert.All(a.Record.RunCounts, c => Assert.Equal(1, c));
        Assert.Equal(a.Record.Digests, b.Record.Digests);
    }
}
