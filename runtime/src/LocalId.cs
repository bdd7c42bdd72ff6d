using System.Runtime.CompilerServices;

namespace Wireless;

/// <summary>
/// Local ids: a per-ring counter that only grows and never repeats within a run. It is a 32-bit integer that may
/// wrap, so every comparison is serial-number arithmetic on the signed difference, which is correct while the
/// compared ids are less than 2^31 apart (the window is far smaller). Slot = <c>id &amp; (window - 1)</c>.
/// </summary>
public static class LocalId
{
    /// <summary><paramref name="a"/> comes strictly before <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Before(int a, int b) => unchecked(a - b) < 0;

    /// <summary><paramref name="a"/> comes before or is <paramref name="b"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AtOrBefore(int a, int b) => unchecked(a - b) <= 0;

    /// <summary>How many ids <paramref name="to"/> is after <paramref name="from"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Distance(int from, int to) => unchecked(to - from);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Next(int id) => unchecked(id + 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Add(int id, int n) => unchecked(id + n);

    /// <summary>The later of two ids.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Max(int a, int b) => Before(a, b) ? b : a;
}

/// <summary>A task as the orchestration program sees it: its local id.</summary>
public readonly record struct TaskId(int LocalId)
{
    public override string ToString() => $"task#{LocalId}";
}
