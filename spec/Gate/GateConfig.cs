using Wireless.Spec.Model;

namespace Wireless.Spec.Gate;

/// <summary>
/// A bounded configuration of the affinity-gate model: the CPU id of each launched thread (repeats allowed, ids
/// 0..63), how many threads the runtime wants, and the seeded bug. The gate is launched twice with the same threads.
/// </summary>
public sealed record GateConfig(string Name, IReadOnlyList<int> Cpus, int Wanted)
{
    public ModelVariant Variant { get; init; }

    public int Launched => Cpus.Count;
}
