using Wireless.Orchestration;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

public sealed class SequentialExecutorTests
{
    private sealed class Chain(int n) : Workload
    {
        public override string Name => "chain";
        public override int TaskCount => n;

        public override void Orchestrate(IOrchestrator o)
        {
            var prev = default(TaskId?);
            for (var i = 0; i < n; i++)
            {
                var t = o.NewTask(Kernel.Generic, Shape.AIV);
                if (prev is { } p) t.Dep(p);
                prev = o.Submit(t);
            }
        }
    }

    [Fact]
    public void Runs_every_task_once_and_is_deterministic()
    {
        var config = new RuntimeConfig { Window = 4, HeapElements = 256 };
        var a = new SequentialExecutor(config).Run(new Chain(10));
        var b = new SequentialExecutor(config with { FirstLocalId = int.MaxValue - 3 }).Run(new Chain(10));
        Assert.All(a.Record.RunCounts, c => Assert.Equal(1, c));
        Assert.Equal(a.Record.Digests, b.Record.Digests);
    }
}
