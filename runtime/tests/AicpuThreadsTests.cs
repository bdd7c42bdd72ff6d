using Wireless.Memory;
using Xunit;

namespace Wireless.Tests;

/// <summary>The fast seam's persistent threads: reused across launches, concurrent when needed, failures rethrown.</summary>
public sealed class AicpuThreadsTests
{
    [Fact]
    public void A_finished_thread_runs_the_next_launch()
    {
        var threads = new HashSet<int>();
        for (var i = 0; i < 20; i++)
        {
            var id = 0;
            AicpuThreads.Start(() => id = Environment.CurrentManagedThreadId).Join();
            threads.Add(id);
        }
        // Other tests launch concurrently and may take the idle thread between two launches; far fewer than 20.
        Assert.True(threads.Count < 10, $"{threads.Count} threads ran 20 sequential launches");
    }

    [Fact]
    public void Bodies_that_wait_for_each_other_run_at_once_on_distinct_threads()
    {
        const int Bodies = 6;
        using var barrier = new Barrier(Bodies);
        var ids = new int[Bodies];
        var launches = Enumerable.Range(0, Bodies).Select(i => AicpuThreads.Start(() =>
        {
            ids[i] = Environment.CurrentManagedThreadId;
            Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(30)), "the bodies did not all run at once");
        })).ToArray();
        foreach (var launch in launches) launch.Join();
        Assert.Equal(Bodies, ids.Distinct().Count());
    }

    [Fact]
    public void Join_rethrows_what_the_body_threw_and_the_thread_stays_usable()
    {
        var launch = AicpuThreads.Start(() => throw new InvalidOperationException("boom"));
        Assert.Equal("boom", Assert.Throws<InvalidOperationException>(launch.Join).Message);
        var ran = false;
        AicpuThreads.Start(() => ran = true).Join();
        Assert.True(ran);
    }

    [Fact]
    public void Join_sees_what_the_body_wrote()
    {
        var values = new int[1000];
        AicpuThreads.Start(() => { for (var i = 0; i < values.Length; i++) values[i] = i; }).Join();
        Assert.Equal(Enumerable.Range(0, 1000), values);
    }
}
