using System.Diagnostics;

namespace Wireless.Perf.Baselines;

/// <summary>
/// The timed device for the baselines: after its kernel, a task occupies its thread for its simulated duration,
/// spinning on <see cref="Stopwatch"/> (the monotonic clock the simulated cores use), so a baseline thread is one
/// busy device core.
/// </summary>
internal static class SimulatedDuration
{
    private static readonly double TicksPerNanosecond = Stopwatch.Frequency / 1e9;

    /// <summary>Spins for <paramref name="nanoseconds"/> (returns at once for 0).</summary>
    public static void Spin(long nanoseconds)
    {
        if (nanoseconds <= 0) return;
        var until = Stopwatch.GetTimestamp() + (long)(nanoseconds * TicksPerNanosecond);
        while (Stopwatch.GetTimestamp() < until) Thread.SpinWait(1);
    }
}
