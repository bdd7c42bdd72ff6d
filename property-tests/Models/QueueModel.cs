using System.Collections.Immutable;

namespace Wireless.Properties;

/// <summary>The pure model of a bounded FIFO: its items, and what the last operation must have returned.</summary>
public sealed record QueueModel(int Capacity, ImmutableList<int> Items, bool LastSucceeded = false, int LastValue = 0)
{
    public override string ToString() => $"[{string.Join(",", Items)}] of {Capacity}";
}
