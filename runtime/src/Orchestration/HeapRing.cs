namespace Wireless.Orchestration;

/// <summary>
/// The output heap as a ring of elements (seed §2.8): blocks are allocated at the head in submission order and
/// freed from the tail in the same order, when their tasks are reclaimed. A block never straddles the end of the
/// heap; it starts at the next wrap instead, and the skipped gap is freed with it. An empty ring restarts at the
/// block (the seed's rebase of an empty ring parked mid-heap).
/// </summary>
/// <remarks>
/// Orchestrator-private. Head and tail are element counters that only grow (64-bit, so they never wrap); a
/// position is the counter modulo the capacity. Every element in <c>[tail, head)</c> may still be in use.
/// </remarks>
internal sealed class HeapRing(int capacity)
{
    public int Capacity { get; } = capacity;
    public long Head { get; private set; }
    public long Tail { get; private set; }

    public void Reset()
    {
        Head = 0;
        Tail = 0;
    }

    /// <summary>Where a block of <paramref name="length"/> elements would start (never straddling the end).</summary>
    public long BlockStart(long length)
    {
        var pos = Head % Capacity;
        return pos + length <= Capacity ? Head : Head + (Capacity - pos);
    }

    /// <summary>True if a block starting at <paramref name="blockStart"/> and ending at <paramref name="blockEnd"/> fits now.</summary>
    public bool Fits(long blockStart, long blockEnd) => blockEnd - (Head == Tail ? blockStart : Tail) <= Capacity;

    public void Commit(long blockStart, long blockEnd)
    {
        if (Head == Tail) Tail = blockStart;
        Head = blockEnd;
    }

    /// <summary>Frees everything before <paramref name="tail"/>.</summary>
    public void ReleaseTo(long tail)
    {
        if (tail > Tail) Tail = Math.Min(tail, Head);
    }

    public static int Position(long counter, int capacity) => (int)(counter % capacity);
}
