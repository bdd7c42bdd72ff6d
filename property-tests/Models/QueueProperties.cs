using FsCheck;
using FsCheck.Experimental;
using FsCheck.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace Wireless.Properties;

/// <summary>
/// Property 3, the FIFOs: the SPSC wiring queue, the MPMC ready queue and the pending FIFO each behave as a bounded
/// list under any sequence of pushes and pops (single-threaded; their concurrent behaviour is explored by Coyote).
/// Teeth: a test-local mutant of each is caught and shrunk to the few steps that expose it.
/// </summary>
public sealed class QueueProperties(ITestOutputHelper output)
{
    [Property(MaxTest = 100)]
    public Property The_wiring_queue_behaves_as_a_bounded_FIFO() => new BoundedQueueMachine("SPSC wiring queue", QueuesUnderTest.Spsc).ToProperty();

    [Property(MaxTest = 100)]
    public Property A_ready_queue_behaves_as_a_bounded_FIFO() => new BoundedQueueMachine("ready queue", QueuesUnderTest.Ready).ToProperty();

    [Property(MaxTest = 100)]
    public Property The_pending_FIFO_behaves_as_a_bounded_FIFO() => new BoundedQueueMachine("pending FIFO", QueuesUnderTest.Pending).ToProperty();

    [Fact]
    public void A_wiring_queue_whose_full_check_is_off_by_one_is_caught()
        => ExpectCaught(new BoundedQueueMachine("SPSC (full one early)", c => QueuesUnderTest.FullOneEarly(QueuesUnderTest.Spsc(c))), maxSteps: 3);

    [Fact]
    public void A_ready_queue_that_loses_its_last_cell_is_caught()
        => ExpectCaught(new BoundedQueueMachine("ready queue (loses last cell)", c => QueuesUnderTest.LosesLastCell(QueuesUnderTest.Ready(c))), maxSteps: 3);

    [Fact]
    public void A_pending_FIFO_that_loses_the_first_wrapped_push_is_caught()
        => ExpectCaught(new BoundedQueueMachine("pending FIFO (loses first wrap)", c => QueuesUnderTest.LosesFirstWrap(QueuesUnderTest.Pending(c))), maxSteps: 4);

    private void ExpectCaught(BoundedQueueMachine machine, int maxSteps)
    {
        var found = PropertyCheck.ExpectFailure(machine.ToProperty(), maxTest: 200, output);
        var run = Assert.IsType<MachineRun<IBoundedQueue, QueueModel>>(found.Shrunk);
        Assert.True(run.Operations.Length <= maxSteps, $"the shrunk run has {run.Operations.Length} steps:{Environment.NewLine}{run}");
    }
}
