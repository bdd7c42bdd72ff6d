using System.Collections.Immutable;
using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>
/// Model-based property of the TensorMap's overlap lookup: random inserts (producers in submission order, from ids next
/// to the wrap points), lookups of random regions (IN or INOUT, filtering retired producers or not, heap tensors with
/// owners), retirement and collection, on a small pool with 1, 2 or 4096 hash buckets (so different tensors share
/// chains); after every step the returned producers and the entry count match <see cref="TensorMapModel"/>.
/// </summary>
public sealed class TensorMapMachine(string name, Func<int, int, ITensorMapUnderTest> create) : Machine<ITensorMapUnderTest, TensorMapModel>(50)
{
    public override Arbitrary<Setup<ITensorMapUnderTest, TensorMapModel>> Setup => Arb.From(
        from capacity in Gen.Elements(4, 8, 64)
        from buckets in Gen.Elements(1, 2, 4096)
        from first in Gen.Elements(0, int.MaxValue - 5)
        select (Setup<ITensorMapUnderTest, TensorMapModel>)new MapSetup(name, capacity, buckets, first, create));

    public override Gen<Operation<ITensorMapUnderTest, TensorMapModel>> Next(TensorMapModel m)
        => Gen.Frequency(
            (4, Regions(m).Select(r => Op(new Insert(r)))),
            (4, from r in Regions(m) from inout in Gen.Elements(false, true) from filter in Gen.Elements(true, true, false)
                select Op(new Lookup(r, inout, filter))),
            (1, Gen.Choose(1, 3).Select(k => Op(new Retire(k)))),
            (1, Gen.Constant(Op(new Collect()))));

    private static Operation<ITensorMapUnderTest, TensorMapModel> Op(Operation<ITensorMapUnderTest, TensorMapModel> op) => op;

    /// <summary>Regions of three 32-element tensors in each space; heap regions carry an owner among the recent producers.</summary>
    private static Gen<MapRegion> Regions(TensorMapModel m)
        => from space in Gen.Elements(MemorySpace.Global, MemorySpace.Global, MemorySpace.Heap)
           from tensorBase in Gen.Elements(0, 32, 64)
           from start in Gen.Choose(0, 31)
           from length in Gen.Choose(1, 32 - start)
           from ownerBack in Gen.Choose(0, 6)
           select new MapRegion(space, tensorBase, tensorBase + start, tensorBase + start + length,
               space == MemorySpace.Heap ? LocalId.Add(m.Next, -ownerBack) : null);

    public override string ToString() => name;

    private sealed class MapSetup(string name, int capacity, int buckets, int first, Func<int, int, ITensorMapUnderTest> create) : Setup<ITensorMapUnderTest, TensorMapModel>
    {
        public override ITensorMapUnderTest Actual() => create(capacity, buckets);
        public override TensorMapModel Model() => new(capacity, [], first, first);
        public override string ToString() => $"{name}: capacity {capacity}, {buckets} bucket{(buckets == 1 ? "" : "s")}, first producer {first}";
    }

    private sealed class Insert(MapRegion region) : ModelStep<ITensorMapUnderTest, TensorMapModel>
    {
        public override TensorMapModel Run(TensorMapModel m)
            => m.Entries.Count < m.Capacity
                ? m with { Entries = m.Entries.Add(new MapEntry(region with { Owner = null }, m.Next)), Next = LocalId.Next(m.Next), LastInserted = true }
                : m with { LastInserted = false };

        protected override string? Apply(ITensorMapUnderTest map, TensorMapModel m)
        {
            var producer = m.LastInserted ? LocalId.Add(m.Next, -1) : m.Next;
            var inserted = map.TryInsert(region.Tensor, producer);
            if (inserted != m.LastInserted) return inserted ? "the insert succeeded in a full pool" : $"the insert failed with {m.Entries.Count - 1} of {m.Capacity} entries used";
            return map.Count == m.Entries.Count ? null : $"the map holds {map.Count} entries, the model {m.Entries.Count}";
        }

        public override string ToString() => $"insert {region} (next producer)";
    }

    private sealed class Lookup(MapRegion region, bool inout, bool filter) : ModelStep<ITensorMapUnderTest, TensorMapModel>
    {
        public override TensorMapModel Run(TensorMapModel m)
        {
            var found = ImmutableSortedSet.CreateBuilder<int>();
            var kept = ImmutableList.CreateBuilder<MapEntry>();
            foreach (var e in m.Entries)
            {
                var same = e.Region.SameTensor(region);
                var stale = same && (filter && LocalId.Before(e.Producer, m.Alive) || region.Owner is { } owner && LocalId.Before(e.Producer, owner));
                if (same && !stale && e.Region.Overlaps(region))
                {
                    found.Add(e.Producer);
                    stale = inout && region.Covers(e.Region);
                }
                if (!stale) kept.Add(e);
            }
            return m with { Entries = kept.ToImmutable(), LastFound = found.ToImmutable() };
        }

        protected override string? Apply(ITensorMapUnderTest map, TensorMapModel m)
        {
            var found = map.Lookup(region.Tensor, inout, filter, m.Alive).Order().ToList();
            if (!found.SequenceEqual(m.LastFound!)) return $"the lookup found producers {List(found)}, the model {List(m.LastFound!)}";
            return map.Count == m.Entries.Count ? null : $"the map holds {map.Count} entries after the lookup, the model {m.Entries.Count}";
        }

        public override string ToString() => $"lookup {(inout ? "inout" : "in")} {region}{(filter ? "" : " (no retirement filter)")}";
    }

    private sealed class Retire(int count) : ModelStep<ITensorMapUnderTest, TensorMapModel>
    {
        public override TensorMapModel Run(TensorMapModel m)
            => m with { Alive = LocalId.Before(LocalId.Add(m.Alive, count), m.Next) ? LocalId.Add(m.Alive, count) : m.Next };

        protected override string? Apply(ITensorMapUnderTest map, TensorMapModel m) => null;

        public override string ToString() => $"retire {count} more producers";
    }

    private sealed class Collect : ModelStep<ITensorMapUnderTest, TensorMapModel>
    {
        public override TensorMapModel Run(TensorMapModel m)
        {
            var kept = m.Entries.RemoveAll(e => LocalId.Before(e.Producer, m.Alive));
            return m with { Entries = kept, LastFreed = m.Entries.Count - kept.Count };
        }

        protected override string? Apply(ITensorMapUnderTest map, TensorMapModel m)
        {
            var freed = map.CollectRetired(m.Alive);
            if (freed != m.LastFreed) return $"collection freed {freed} entries, the model {m.LastFreed}";
            return map.Count == m.Entries.Count ? null : $"the map holds {map.Count} entries after collection, the model {m.Entries.Count}";
        }

        public override string ToString() => "collect retired entries";
    }
}
