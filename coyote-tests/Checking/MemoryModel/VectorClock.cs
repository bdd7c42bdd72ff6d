namespace Wireless.Checking.MemoryModel;

/// <summary>
/// A vector clock over the model's threads: <c>this[t]</c> is the latest epoch of thread <c>t</c> known to
/// happen-before the holder. Mutable; <see cref="Clone"/> for snapshots carried by messages.
/// </summary>
public sealed class VectorClock
{
    private int[] _epochs;

    public VectorClock(int threads = 8) => _epochs = new int[threads];

    private VectorClock(int[] epochs) => _epochs = epochs;

    public int this[int thread]
    {
        get => thread < _epochs.Length ? _epochs[thread] : 0;
        set
        {
            if (thread >= _epochs.Length) Array.Resize(ref _epochs, Math.Max(thread + 1, _epochs.Length * 2));
            _epochs[thread] = value;
        }
    }

    public VectorClock Clone() => new((int[])_epochs.Clone());

    public void Join(VectorClock other)
    {
        if (other._epochs.Length > _epochs.Length) Array.Resize(ref _epochs, other._epochs.Length);
        for (var i = 0; i < other._epochs.Length; i++)
            if (other._epochs[i] > _epochs[i]) _epochs[i] = other._epochs[i];
    }
}
