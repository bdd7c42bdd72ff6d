using System.Collections.Immutable;
using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>A region of a tensor as the TensorMap model sees it: space, tensor base, element range, and the owner of a heap tensor.</summary>
public sealed record MapRegion(MemorySpace Space, int Base, int Start, int End, int? Owner)
{
    public Tensor Tensor => new(Space, Base, Start - Base, End - Start, Owner ?? 0, Owner is not null);

    public bool SameTensor(MapRegion o) => Space == o.Space && Base == o.Base;
    public bool Overlaps(MapRegion o) => SameTensor(o) && Start < o.End && o.Start < End;
    public bool Covers(MapRegion o) => SameTensor(o) && Start <= o.Start && o.End <= End;

    public override string ToString() => $"{Space}@{Base}[{Start},{End}){(Owner is { } owner ? $" owner {owner}" : "")}";
}

/// <summary>A TensorMap entry of the model: a written region and its producer.</summary>
public sealed record MapEntry(MapRegion Region, int Producer)
{
    public override string ToString() => $"{Region}<-{Producer}";
}

/// <summary>
/// The pure model of the TensorMap (seed §2.3): the entries inserted and not removed. A lookup returns the producers of
/// the entries of the same tensor whose regions overlap; entries of retired producers (before <c>last_task_alive</c>,
/// when filtering) and, for a heap tensor, entries older than its owner are stale and removed; an INOUT lookup also
/// removes the entries its region covers. An insert fails only when the pool is at capacity.
/// </summary>
public sealed record TensorMapModel(int Capacity, ImmutableList<MapEntry> Entries, int Next, int Alive,
    bool LastInserted = false, ImmutableSortedSet<int>? LastFound = null, int LastFreed = 0)
{
    public override string ToString() => $"next producer {Next}, alive {Alive}, entries [{string.Join(", ", Entries)}]";
}
