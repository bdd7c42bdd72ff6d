namespace Wireless.Spec.Checking;

/// <summary>
/// An append-only list of unmanaged values in fixed-size chunks: growing never copies, so lists of hundreds of
/// millions of entries (the explored graph's edges) grow without a transient double allocation.
/// </summary>
internal sealed class ChunkedList<T> where T : unmanaged
{
    private const int ChunkBits = 20;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<T[]> _chunks = [];

    public long Count { get; private set; }

    public void Add(T value)
    {
        var chunk = (int)(Count >> ChunkBits);
        if (chunk == _chunks.Count) _chunks.Add(new T[ChunkSize]);
        _chunks[chunk][Count & ChunkMask] = value;
        Count++;
    }

    public T this[long index]
    {
        get => _chunks[(int)(index >> ChunkBits)][index & ChunkMask];
        set => _chunks[(int)(index >> ChunkBits)][index & ChunkMask] = value;
    }

    /// <summary>Approximate bytes held.</summary>
    public long Bytes => (long)_chunks.Count * ChunkSize * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
}
