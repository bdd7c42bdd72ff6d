namespace Wireless.Checking.MemoryModel;

/// <summary>
/// A view: for each atomic location (by its dense id, <see cref="WeakMemory"/>), the timestamp (position in its
/// modification order) of the newest store the holder must not read before. A thread's view bounds what its loads may
/// read (coherence); a release store carries a copy of its thread's view, and an acquire load that reads it joins it
/// (visibility of everything before the release). Locations not raised are at their initial store (0). Message views
/// come from <see cref="WeakMemory"/>'s pool and go back to it, so a warm run allocates none.
/// </summary>
public sealed class View : MaxVector<double>
{
    public double this[int location] => Get(location);

    /// <summary>Raises the view of <paramref name="location"/> to <paramref name="timestamp"/>.</summary>
    public new void Raise(int location, double timestamp) => base.Raise(location, timestamp);
}
