using System.Collections.Immutable;

namespace Wireless.Properties;

/// <summary>One launch through the affinity gate: the CPU id of each launched thread (repeats allowed) and how many survive.</summary>
public sealed record GateCase(ImmutableArray<int> Cpus, int Wanted)
{
    public override string ToString() => $"{Cpus.Length} thread{(Cpus.Length == 1 ? "" : "s")} on CPUs [{string.Join(",", Cpus)}], {Wanted} wanted";
}
