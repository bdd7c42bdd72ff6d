using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Ring;
using Wireless.Scheduling;
using Wireless.Verification;
using Wireless.Workloads;
using Xunit;

namespace Wireless.Tests;

/// <summary>
/// The completion watermark: it covers a contiguous prefix of completed tasks, never an incomplete or unallocated
/// one, and (liveness) it must eventually cover every completed task, or reclamation stops and the orchestrator
/// waits for a slot forever.
/// </summary>
public sealed class WatermarkTests
{
    private static (TaskRing Ring, WirelessProtocol<FastMemory> Protocol) NewRing(int window, int firstLocalId)
    {
        var ring = new TaskRing(new RuntimeConfig { Window = window });
        ring.Reset(firstLocalId, window);
        return (ring, new WirelessProtocol<FastMemory>(ring, Bug.None));
    }

    private static void Complete(TaskRing ring, int localId) => ring.Flag(ring.SlotOf(localId)) = 1;

    [Fact]
    public void Starts_one_before_the_first_local_id()
    {
        var (ring, _) = NewRing(4, int.MinValue);
        Assert.Equal(int.MaxValue, ring.Ctl.CompletedWatermark);
    }

    [Fact]
    public void Advances_through_consecutive_completed_tasks_up_to_the_completer()
    {
        var (ring, protocol) = NewRing(8, 100);
        for (var id = 100; id <= 102; id++) Complete(ring, id);
        protocol.AdvanceWatermark(102);
        Assert.Equal(102, ring.Ctl.CompletedWatermark);
    }

    [Fact]
    public void Stops_before_an_incomplete_task()
    {
        var (ring, protocol) = NewRing(8, 100);
        Complete(ring, 100);
        Complete(ring, 102);
        protocol.AdvanceWatermark(102);
        Assert.Equal(100, ring.Ctl.CompletedWatermark);
        Complete(ring, 101);
        protocol.AdvanceWatermark(101);
        Assert.True(LocalId.AtOrBefore(101, ring.Ctl.CompletedWatermark));
    }

    [Fact]
    public void Never_covers_a_slot_whose_flag_is_left_over_from_a_retired_task()
    {
        // Ids 0 and 1 are allocated; slot 2 still holds the flag of a retired task, but id 2 does not exist yet.
        var (ring, protocol) = NewRing(4, 0);
        Complete(ring, 0);
        Complete(ring, 1);
        ring.Flag(2) = 1;
        protocol.AdvanceWatermark(1);
        Assert.Equal(1, ring.Ctl.CompletedWatermark);
    }

    [Fact]
    public void Advances_across_the_local_id_wrap()
    {
        var (ring, protocol) = NewRing(4, int.MaxValue - 1);
        Complete(ring, int.MaxValue - 1);
        Complete(ring, int.MaxValue);
        Complete(ring, int.MinValue);
        protocol.AdvanceWatermark(int.MinValue);
        Assert.Equal(int.MinValue, ring.Ctl.CompletedWatermark);
    }

    /// <summary>
    /// producer (0) → consumer (2) stamps the producer's last consumer; laggard (1) runs long; other (3) is
    /// independent. consumer and other complete before laggard, so their watermark walks stop at 0; laggard's
    /// walk is bounded by its own id and stops at 1. The producer's slot needs the watermark at 2 before it can
    /// be reclaimed, and the fifth task needs that slot (window 4). Nothing is left to run.
    /// </summary>
    private sealed class LaggardInWindow : Workload
    {
        public override string Name => "laggard-in-window";
        public override int TaskCount => 6;

        public override void Orchestrate(IOrchestrator o)
        {
            var producer = o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Named("producer"));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIC).Named("laggard").Duration(100_000_000));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Named("consumer").Dep(producer));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Named("other"));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Named("needs-slot-0"));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Named("last"));
        }
    }

    [Fact]
    public void Tasks_that_complete_before_an_older_one_are_eventually_covered_so_the_orchestrator_gets_its_slot()
    {
        var config = new RuntimeConfig
        {
            Window = 4,
            HeapElements = 256,
            Schedulers = 1,
            Clusters = 1,
            Device = DeviceMode.Timed,
            TimeoutMilliseconds = 2_000,
        };
        var workload = new LaggardInWindow();
        var expected = new SequentialExecutor(config).Run(workload);
        var result = new WirelessRuntime<FastMemory>(config).Run(workload);
        Assert.True(result.Succeeded, $"{result.Error}\n{result.StallDiagnostics}");
        Assert.Null(Verifier.Compare(expected, result.Record, result.FinalGlobals));
    }
}
