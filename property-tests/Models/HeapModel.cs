using System.Collections.Immutable;

namespace Wireless.Properties;

/// <summary>
/// A live block of the heap model: its position and length, and the gap it skipped at the end of the heap when it
/// wrapped (<c>[GapStart, capacity)</c>, empty if <see cref="GapStart"/> equals the capacity), freed with it.
/// </summary>
public sealed record HeapBlock(int Position, int Length, int GapStart, int Capacity)
{
    public bool Overlaps(int position, int length)
        => Position < position + length && position < Position + Length || GapStart < position + length && position < Capacity;

    public override string ToString() => $"[{Position},{Position + Length}){(GapStart < Capacity ? $"+gap[{GapStart},{Capacity})" : "")}";
}

/// <summary>
/// The pure model of the output heap (seed §2.8): live blocks in allocation order and where the last one ended. A new
/// block goes right after the last one, or at position 0 if it would straddle the end, skipping a gap that belongs to
/// it (unless the ring is empty: then it simply restarts there). It fits if the ring is empty or neither it nor its
/// gap overlaps a live block or gap. Blocks are freed oldest first.
/// </summary>
public sealed record HeapModel(int Capacity, ImmutableList<HeapBlock> Live, int HeadPosition, bool LastFit = false, int LastPosition = 0)
{
    public override string ToString() => $"live {string.Join(" ", Live)}, head at {HeadPosition}";
}
