namespace Wireless.Verification;

/// <summary>
/// What a run did, indexed by submission index: each task's kernel digest (a mix of everything it read) and how
/// many times its kernel ran. With the final global memory it is compared against the sequential reference.
/// </summary>
/// <remarks>
/// Instrumentation, not runtime state: each task's entries are written only by the core that runs it, and read by
/// consumers after the completion flag's release/acquire, like any output buffer.
/// </remarks>
public sealed class ExecutionRecord
{
    public ExecutionRecord(int taskCount)
    {
        Digests = GC.AllocateArray<long>(taskCount, pinned: true);
        RunCounts = GC.AllocateArray<int>(taskCount, pinned: true);
    }

    public long[] Digests { get; }
    public int[] RunCounts { get; }
    public int TaskCount => Digests.Length;

    public void Clear()
    {
        Array.Clear(Digests);
        Array.Clear(RunCounts);
    }
}
