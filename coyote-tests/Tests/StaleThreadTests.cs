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
            stoppedBy = StoppedBy();
        });
        started.Wait();
        var second = Begin();
        Assert.NotSame(first, second);
        go.Set();
        thread.Join();
        AssertStopped("the left-over thread", first, seenBefore, second, stoppedBy);
    }

    /// <summary>
    /// The same for an iteration's main thread: stopped by Coyote while it waited to join a runtime thread, it may go on
    /// once the next run began (a replay right after the exploration that found the bug). Were it not stopped, the rest of
    /// its join (a happens-before edge, the bounded scheduler's join state) would go to the next run (spec/BUGLOG.md).
    /// </summary>
    [Fact]
    public void The_main_thread_of_an_earlier_run_is_stopped_at_its_first_access_to_the_next_run()
    {
        using var begun = new ManualResetEventSlim();
        using var go = new ManualResetEventSlim();
        CheckRun? first = null;
        CheckRun? seenBefore = null;
        string? stoppedBy = null;
        var main = new Thread(() =>
        {
            first = Begin();
            seenBefore = CheckRun.CurrentOrNull;
            begun.Set();
            go.Wait();
            stoppedBy = StoppedBy();
        });
        main.Start();
        begun.Wait();
        var second = Begin();
        go.Set();
        main.Join();
        AssertStopped("the earlier run's main thread", first, seenBefore, second, stoppedBy);
    }

    /// <summary>The thread saw its own run, then was stopped reading the next one; this thread leaves the next run.</summary>
    private static void AssertStopped(string who, CheckRun? first, CheckRun? seenBefore, CheckRun second, string? stoppedBy)
    {
        Assert.Same(first, seenBefore);
        Assert.True(stoppedBy == "StaleThreadException", $"{who} was not stopped ({stoppedBy ?? "it read the next run"})");
        Assert.Same(second, CheckRun.CurrentOrNull);
        CheckRun.Leave();
    }

    /// <summary>Reads the current run: null if the read returned, else the name of the exception that stopped it.</summary>
    private static string? StoppedBy()
    {
        try
        {
            _ = CheckRun.CurrentOrNull;
            return null;
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }

    private static CheckRun Begin() => CheckRun.Begin(new SpecMonitor(new ProgramStructure(0), 0, _ => []), record: false, _ => null);
}
