using System.Collections.Immutable;

namespace Wireless.Properties;

/// <summary>
/// The generated part of a runtime configuration. Always valid: window a power of two ≥ 2, clusters ≥ schedulers,
/// launch CPU ids in 0..63 and at least as many as the threads that must survive.
/// </summary>
public sealed record GraphConfig
{
    public int Window { get; init; } = 16;
    public int Schedulers { get; init; } = 1;
    public int Clusters { get; init; } = 1;
    public DeviceMode Device { get; init; } = DeviceMode.Zero;
    public int FirstLocalId { get; init; }
    public int MaxFanin { get; init; } = 16;
    public int HeapElements { get; init; } = 4096;
    /// <summary>CPU ids of the launched threads (repeats allowed), or default (CPU ids 0, 1, 2, ...).</summary>
    public ImmutableArray<int> LaunchCpuIds { get; init; } = [];

    /// <summary>The runtime configuration: this one plus a no-progress timeout and seeded bugs.</summary>
    public RuntimeConfig ToRuntimeConfig(int timeoutMilliseconds, Bug bugs = Bug.None) => new()
    {
        Window = Window,
        Schedulers = Schedulers,
        Clusters = Clusters,
        Device = Device,
        FirstLocalId = FirstLocalId,
        MaxFanin = MaxFanin,
        HeapElements = HeapElements,
        LaunchCpuIds = LaunchCpuIds.IsDefaultOrEmpty ? null : LaunchCpuIds,
        TimeoutMilliseconds = timeoutMilliseconds,
        Profile = false,
        Bugs = bugs,
    };

    public override string ToString()
        => $"window {Window}, {Schedulers} scheduler{(Schedulers == 1 ? "" : "s")}, {Clusters} cluster{(Clusters == 1 ? "" : "s")}, "
           + $"{Device.ToString().ToLowerInvariant()} device, first id {FirstLocalId}, max fanin {MaxFanin}, heap {HeapElements}"
           + (LaunchCpuIds.IsDefaultOrEmpty ? "" : $", CPUs [{string.Join(",", LaunchCpuIds)}]");
}
