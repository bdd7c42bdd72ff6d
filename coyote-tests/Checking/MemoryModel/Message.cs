namespace Wireless.Checking.MemoryModel;

/// <summary>
/// One store in a location's modification order: its value, its timestamp (position), and, if it releases (a release
/// or seq_cst store, an RMW continuing a release sequence, or a relaxed store after a release fence), the view and
/// vector clock an acquiring reader joins (lent by <see cref="WeakMemory"/>'s pool until the message is dropped).
/// </summary>
/// <param name="IsRmw">Written by a read-modify-write: nothing may be inserted just before it (RMW atomicity).</param>
/// <param name="Thread">The writing thread (-1 for a location's initial value).</param>
/// <param name="Step">The trace step of the store (0 for a location's initial value).</param>
/// <param name="Epoch">The writing thread's epoch at the store: it happens before whatever has reached that epoch.</param>
/// <param name="WriteReleased">What it releases comes from release stores only, no release fence (for <see cref="ScOrder"/>).</param>
public readonly record struct Message(long Value, double Timestamp, View? View, VectorClock? Clock, bool IsRmw, int Thread, long Step, int Epoch, bool WriteReleased);
