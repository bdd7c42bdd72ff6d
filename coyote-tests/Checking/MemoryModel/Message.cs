namespace Wireless.Checking.MemoryModel;

/// <summary>
/// One store in a location's modification order: its value, its timestamp (position), and, if it releases (a release
/// or seq_cst store, an RMW continuing a release sequence, or a relaxed store after a release fence), the view and
/// vector clock an acquiring reader joins.
/// </summary>
public sealed class Message(long value, double timestamp, View? view, VectorClock? clock, bool isRmw, int thread, long step)
{
    public long Value { get; } = value;
    public double Timestamp { get; } = timestamp;
    public View? View { get; } = view;
    public VectorClock? Clock { get; } = clock;
    /// <summary>Written by a read-modify-write: nothing may be inserted just before it (RMW atomicity).</summary>
    public bool IsRmw { get; } = isRmw;
    public int Thread { get; } = thread;
    /// <summary>The trace step of the store (0 for a location's initial value).</summary>
    public long Step { get; } = step;
}
