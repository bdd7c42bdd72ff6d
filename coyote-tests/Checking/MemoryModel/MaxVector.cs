using System.Numerics;

namespace Wireless.Checking.MemoryModel;

/// <summary>
/// A dense vector of numbers that only grows by pointwise maximum: the shape of a <see cref="View"/> (timestamps per
/// location) and of a <see cref="VectorClock"/> (epochs per thread). Reused rather than reallocated (<see cref="Clear"/>,
/// <see cref="CopyFrom"/>); it grows to the highest index set. Invariant: every entry at or beyond the length is 0.
/// </summary>
public abstract class MaxVector<T> where T : unmanaged, INumber<T>
{
    private T[] _values = new T[16];
    private int _length;

    protected T Get(int index) => index < _length ? _values[index] : T.Zero;

    protected void Set(int index, T value)
    {
        Extend(index + 1);
        _values[index] = value;
    }

    /// <summary>Raises entry <paramref name="index"/> to <paramref name="value"/> if that is larger.</summary>
    protected void Raise(int index, T value)
    {
        if (value > Get(index)) Set(index, value);
    }

    /// <summary>Pointwise maximum with <paramref name="other"/>.</summary>
    public void Join(MaxVector<T> other)
    {
        Extend(other._length);
        var mine = _values;
        var theirs = other._values;
        for (var i = 0; i < other._length; i++)
            if (theirs[i] > mine[i]) mine[i] = theirs[i];
    }

    /// <summary>Makes this vector equal to <paramref name="other"/>.</summary>
    public void CopyFrom(MaxVector<T> other)
    {
        Clear();
        Extend(other._length);
        Array.Copy(other._values, _values, other._length);
    }

    public void Clear()
    {
        Array.Clear(_values, 0, _length);
        _length = 0;
    }

    private void Extend(int length)
    {
        if (length <= _length) return;
        if (length > _values.Length) Array.Resize(ref _values, Math.Max(length, 2 * _values.Length));
        _length = length;
    }
}
