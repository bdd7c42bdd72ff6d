namespace Wireless.Checking.MemoryModel;

/// <summary>
/// A vector clock over the model's threads: <c>this[t]</c> is the latest epoch of thread <c>t</c> known to
/// happen-before the holder. A message's clock is a copy taken from <see cref="WeakMemory"/>'s pool.
/// </summary>
public sealed class VectorClock : MaxVector<int>
{
    public int this[int thread]
    {
        get => Get(thread);
        set => Set(thread, value);
    }
}
