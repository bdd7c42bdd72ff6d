namespace Wireless.Spec.Checking;

/// <summary>
/// An append-only list of unmanaged values in fixed-size chunks: growing never copies, so lists of hundreds of
/// millions of entries (the explored graph's edges) grow without a transient double allocation.
/// </summary>
/// <remarks>Chunks of 2^20 entries by default; small, often cleared lists (the conformance check's) take smaller ones.</remarks>
internal sealed class ChunkedList<T>(int chunkBits = 20) where T : unmanaged
{
    private readonly int _chunkBits = chunkBits;
    private readonly int _chunkMask = (1 << chunkBits) - 1;
    private readonly List<T[]> _chunks = [];

    public long Count { get; private set; }

    public void Add(T value)
    {
        var chunk = (int)(Count >> _chunkBits);
        if (chunk == _chunks.Count) _chunks.Add(new T[_chunkMask + 1]);
        _chunks[chunk][Count & _chunkMask] = value;
        Count++;
    }

    public T this[long index]
    {
        get => _chunks[(int)(index >> _chunkBits)][index & _chunkMask];
        set => _chunks[(int)(index >> _chunkBits)][index & _chunkMask] = value;
    }

    /// <summary>Empties the list; its chunks are kept for reuse.</summary>
    public void Clear() => Count = 0;

    /// <summary>Approximate bytes held.</summary>
    public long Bytes => (long)_chunks.Count * (_chunkMask + 1) * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}
