using Wireless.Checking.Monitors;
using Wireless.Checking.Seam;
using Wireless.Verification;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// A runtime thread that outlives its Coyote iteration must not touch the next one (spec/BUGLOG.md, "A runtime thread
/// outliving its iteration"): its first access to the seam once another run is current stops it.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class StaleThreadTests
{
    [Fact]
    public void A_thread_of_an_earlier_run_is_stopped_at_its_first_access_to_the_next_run()
    {
        var first = Begin();
        using var started = new ManualResetEventSlim();
        using var go = new ManualResetEventSlim();
        CheckRun? seenBefore = null;
        string? stoppedBy = null;
        var thread = CheckedMemory.StartThread("left-over", () =>
        {
            seenBefore = CheckRun.CurrentOrNull;
            started.Set();
            go.Wait();
            try
            {
                _ = CheckRun.CurrentOrNull;
            }
            catch (Exception e)
            {
                stoppedBy = e.GetType().Name;
                throw;
            }
        });
        started.Wait();
        var second = Begin();
        Assert.NotSame(first, second);
        go.Set();
        thread.Join();
        Assert.Same(first, seenBefore);
        Assert.True(stoppedBy == "StaleThreadException", $"the left-over thread was not stopped ({stoppedBy ?? "it read the next run"})");
        Assert.Same(second, CheckRun.CurrentOrNull);
    }

    private static CheckRun Begin() => CheckRun.Begin(new SpecMonitor(new ProgramStructure(0), 0, _ => []), record: false, _ => null);
}
