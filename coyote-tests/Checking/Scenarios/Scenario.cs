using Wireless.Memory;
using Wireless.Workloads;

namespace Wireless.Checking.Scenarios;

/// <summary>
/// A named small configuration to explore: a workload and a runtime configuration (the checker forces threaded
/// cores, no timeouts and the variant under test), or a custom body (the gate scenario).
/// </summary>
public sealed record Scenario(string Name, string Description, Func<Workload>? Workload, RuntimeConfig Config, Action<Bug, MemoryMap>? CustomBody = null)
{
    /// <summary>For a scenario made from a JSON DAG: its text (saved in traces).</summary>
    public string? DagJson { get; init; }

    /// <summary>The specification properties this scenario checks (spec/SPEC.md).</summary>
    public string Properties => CustomBody is null ? "S1-S5, L1" : "G1-G4";

    /// <summary>The runtime configuration to explore with seeded bugs <paramref name="bugs"/>.</summary>
    public RuntimeConfig CheckedConfig(Bug bugs) => Config with
    {
        Cores = CoreDriver.Threaded,
        Device = DeviceMode.Zero,
        TimeoutMilliseconds = 0,
        Profile = false,
        Bugs = bugs,
    };
}
