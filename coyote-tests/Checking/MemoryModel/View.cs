namespace Wireless.Checking.MemoryModel;

/// <summary>
/// A view: for each atomic location, the timestamp (position in its modification order) of the newest store the
/// holder must not read before. A thread's view bounds what its loads may read (coherence); a release store carries
/// its thread's view, and an acquire load that reads it joins it (visibility of everything before the release).
/// Locations absent from the view are at their initial store.
/// </summary>
public sealed class View
{
    private readonly Dictionary<nint, double> _timestamps;

    public View() => _timestamps = [];

    private View(Dictionary<nint, double> timestamps) => _timestamps = timestamps;

    public double this[nint location] => _timestamps.TryGetValue(location, out var ts) ? ts : 0;

    public int Count => _timestamps.Count;

    /// <summary>Raises the view of <paramref name="location"/> to <paramref name="timestamp"/>.</summary>
    public void Raise(nint location, double timestamp)
    {
        if (timestamp > this[location]) _timestamps[location] = timestamp;
    }

    public void Join(View other)
    {
        foreach (var (location, ts) in other._timestamps) Raise(location, ts);
    }

    public View Clone() => new(new Dictionary<nint, double>(_timestamps));
}
