using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

/// <summary>The timed device: a core reports FIN only after the kernel's simulated duration has passed.</summary>
public sealed class TimedDeviceTests
{
    private const long Ms = 1_000_000;

    /// <summary>
    /// a (AIC, 20 ms) → b (AIV, 30 ms) and c (AIV, 5 ms) → d (MIX, 20 ms), with data edges, plus e (AIV, 40 ms),
    /// independent, and f (AIV, 10 ms) after d through the TensorMap. Critical path a → b → d → f = 80 ms.
    /// </summary>
    private sealed class TimedDiamond : Workload
    {
        public const long CriticalPathNs = 80 * Ms;

        public TimedDiamond() => Globals.Declare("acc", 4);

        public override string Name => "timed-diamond";
        public override int TaskCount => 6;

        public override void Orchestrate(IOrchestrator o)
        {
            var acc = o.Globals["acc"];
            o.BeginScope();
            var a = o.NewTask(Kernel.Generic, Shape.AIC).Named("a").Duration(20 * Ms);
            a.Out(8);
            o.Submit(a);
            var x = a.Output(0);
            var b = o.NewTask(Kernel.Generic, Shape.AIV).Named("b").Duration(30 * Ms).In(x);
            b.Out(8);
            o.Submit(b);
            var y = b.Output(0);
            var c = o.NewTask(Kernel.Generic, Shape.AIV).Named("c").Duration(5 * Ms).In(x);
            c.Out(8);
            o.Submit(c);
            var z = c.Output(0);
            o.Submit(o.NewTask(Kernel.Generic, Shape.MIX).Named("d").Duration(20 * Ms).In(y).In(z).InOut(acc));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Named("e").Duration(40 * Ms).Scalar(7));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Named("f").Duration(10 * Ms).In(acc));
            o.EndScope();
        }
    }

    [Fact]
    public void A_timed_run_matches_the_reference_and_takes_at_least_the_critical_path()
    {
        var config = new RuntimeConfig
        {
            Window = 8,
            HeapElements = 256,
            Schedulers = 1,
            Clusters = 2,
            Device = DeviceMode.Timed,
            TimeoutMilliseconds = 20_000,
        };
        var workload = new TimedDiamond();
        var expected = new SequentialExecutor(config).Run(workload);
        var result = new WirelessRuntime<FastMemory>(config).Run(workload);
        Assert.True(result.Succeeded, $"{result.Error}\n{result.StallDiagnostics}");
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
        Assert.True(result.Elapsed.Ticks * 100 >= TimedDiamond.CriticalPathNs,
            $"the run took {result.Elapsed.TotalMilliseconds} ms, less than the {TimedDiamond.CriticalPathNs / Ms} ms critical path");
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10), $"the run took {result.Elapsed}");
    }

    [Fact]
    public void A_timed_chain_takes_at_least_the_sum_of_its_durations()
    {
        var config = new RuntimeConfig
        {
            Window = 4,
            HeapElements = 256,
            Schedulers = 2,
            Clusters = 2,
            Device = DeviceMode.Timed,
            TimeoutMilliseconds = 20_000,
        };
        var workload = new TimedChain(8, 5 * Ms);
        var expected = new SequentialExecutor(config).Run(workload);
        var result = new WirelessRuntime<FastMemory>(config).Run(workload);
        Assert.True(result.Succeeded, $"{result.Error}\n{result.StallDiagnostics}");
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
        Assert.True(result.Elapsed >= TimeSpan.FromMilliseconds(40), $"the run took {result.Elapsed.TotalMilliseconds} ms, less than 8 x 5 ms");
    }

    private sealed class TimedChain(int n, long durationNs) : Workload
    {
        public override string Name => $"timed-chain-{n}";
        public override int TaskCount => n;

        public override void Orchestrate(IOrchestrator o)
        {
            TaskId? prev = null;
            for (var i = 0; i < n; i++)
            {
                var t = o.NewTask(Kernel.Generic, i % 2 == 0 ? Shape.AIC : Shape.AIV).Duration(durationNs);
                if (prev is { } p) t.Dep(p);
                prev = o.Submit(t);
            }
        }
    }
}
