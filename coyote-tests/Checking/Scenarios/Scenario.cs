using Wireless.Memory;
using Wireless.Workloads;

namespace Wireless.Checking.Scenarios;

/// <summary>
/// A named small configuration to explore: a workload and a runtime configuration (the checker forces the core driver
/// of <see cref="Cores"/>, no timeouts and the variant under test), or a custom body (the gate scenario).
/// </summary>
public sealed record Scenario(string Name, string Description, Func<Workload>? Workload, RuntimeConfig Config, Action<Bug, MemoryMap>? CustomBody = null)
{
    /// <summary>For a scenario made from a JSON DAG: its text (saved in traces).</summary>
    public string? DagJson { get; init; }

    /// <summary>
    /// How the simulated cores run: on threads of their own (the default: every scenario explores the core/scheduler
    /// hand-off through the registers), or inline in their scheduler thread (the proof-sized scenarios, whose schedule
    /// space must stay small enough to enumerate).
    /// </summary>
    public CoreDriver Cores { get; init; } = CoreDriver.Threaded;

    /// <summary>The specification properties this scenario checks (spec/SPEC.md).</summary>
    public string Properties => CustomBody is null ? "S1-S5, L1" : "G1-G4";

    /// <summary>The runtime configuration to explore with seeded bugs <paramref name="bugs"/>.</summary>
    public RuntimeConfig CheckedConfig(Bug bugs) => Config with
    {
        Cores = Cores,
        Device = DeviceMode.Zero,
        TimeoutMilliseconds = 0,
        Profile = false,
        Bugs = bugs,
    };
}
