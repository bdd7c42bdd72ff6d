using Wireless.Memory;

namespace Wireless;

/// <summary>The reference runtimes by name, for command lines, benchmarks and checkers.</summary>
public static class RuntimeKinds
{
    public const string Wireless = "wireless";
    public const string Wired = "wired";

    public static IReadOnlyList<string> Names { get; } = [Wireless, Wired];

    /// <summary>Creates runtime <paramref name="kind"/>; throws <see cref="ArgumentException"/> naming the known ones.</summary>
    public static ITaskRuntime Create<TMem>(string kind, RuntimeConfig config) where TMem : struct, ISharedMemory => kind switch
    {
        Wireless => new WirelessRuntime<TMem>(config),
        Wired => new WiredRuntime<TMem>(config),
        _ => throw new ArgumentException($"unknown runtime '{kind}'; known: {string.Join(", ", Names)}"),
    };
}
