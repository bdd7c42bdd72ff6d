using Wireless.Checking.Seam;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The execution-graph fingerprint behind the "distinct" count and the bounded search's state cache: schedules that
/// only swap independent accesses share a fingerprint, and schedules that change what a read reads, or the order of
/// two stores to one location, do not.
/// </summary>
public sealed class ExecutionHashTests
{
    private const nint X = 0x100, Y = 0x200;

    /// <summary>Thread 0 (main) creates threads 1 and 2, then each runs the given events in the given order.</summary>
    private static ulong Run(params Action<ExecutionHash>[] events)
    {
        var hash = new ExecutionHash();
        hash.Reset();
        hash.OnThread(0, 1);
        hash.OnThread(0, 2);
        foreach (var e in events) e(hash);
        return hash.Fingerprint();
    }

    private static Action<ExecutionHash> Write(int thread, nint address, long step) => h => h.OnWrite(thread, address, step, newest: true);
    private static Action<ExecutionHash> Read(int thread, nint address) => h => h.OnRead(thread, address, null, 0);

    [Fact]
    public void Independent_accesses_in_either_order_have_one_fingerprint()
    {
        var a = Run(Write(1, X, 0), Write(2, Y, 1), Read(1, Y), Read(2, X));
        var b = Run(Write(2, Y, 0), Write(1, X, 1), Read(2, X), Read(1, Y));
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_read_that_reads_another_store_changes_the_fingerprint()
    {
        var before = Run(Read(1, X), Write(2, X, 0));
        var after = Run(Write(2, X, 0), Read(1, X));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Stores_to_one_location_in_the_other_order_change_the_fingerprint()
    {
        var a = Run(Write(1, X, 0), Write(2, X, 1));
        var b = Run(Write(2, X, 0), Write(1, X, 1));
        Assert.NotEqual(a, b);
    }
}
