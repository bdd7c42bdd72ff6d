using Wireless.Memory;
using Wireless.Workloads;

namespace Wireless.Perf.Baselines;

/// <summary>The four ways to execute a workload that the benchmarks compare, by name.</summary>
internal static class RunnerKinds
{
    public const string Wireless = RuntimeKinds.Wireless;
    public const string Wired = RuntimeKinds.Wired;
    public const string Tpl = "tpl";
    public const string Sequential = "sequential";

    public static IReadOnlyList<string> Names { get; } = [Wireless, Wired, Tpl, Sequential];

    /// <summary>Creates runner <paramref name="kind"/> for <paramref name="workload"/>; throws <see cref="ArgumentException"/> for an unknown kind.</summary>
    public static IWorkloadRunner Create(string kind, RuntimeConfig config, Workload workload) => kind switch
    {
        Wireless or Wired => new RuntimeRunner(RuntimeKinds.Create<FastMemory>(kind, config), workload),
        Tpl => new TplRunner(config, workload),
        Sequential => new SequentialRunner(config, workload),
        _ => throw new ArgumentException($"unknown runner '{kind}'; known: {string.Join(", ", Names)}"),
    };
}
