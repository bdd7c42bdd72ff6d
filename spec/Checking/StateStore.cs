using System.Buffers.Binary;
using System.Numerics;

namespace Wireless.Spec.Checking;

/// <summary>
/// The set of explored states: each encoded state stored once in a byte arena and numbered in order of discovery,
/// with an open-addressing hash table (linear probing) from a state's bytes to its number.
/// </summary>
/// <remarks>
/// Design: states have a fixed length, so state i lives at byte i × size of the arena (in chunks, never copied). The
/// table holds numbers + 1 (0 = free); each state's 64-bit hash is kept, so most probes are decided without comparing
/// bytes, and the table doubles at a load of 1/2 by re-inserting from the kept hashes. Chunks of 2^16 states by
/// default; a small store that is cleared and refilled often (the conformance check's) takes smaller ones.
/// </remarks>
internal sealed class StateStore
{
    private readonly int _size;
    private readonly int _chunkBits;
    private readonly int _chunkStates;
    private readonly List<byte[]> _arena = [];
    private readonly ChunkedList<ulong> _hashes;
    private int[] _table;
    private int _mask;

    public StateStore(int stateSize, int chunkBits = 16)
    {
        _size = stateSize;
        _chunkBits = chunkBits;
        _chunkStates = 1 << chunkBits;
        _hashes = new ChunkedList<ulong>(Math.Max(chunkBits, 10));
        _table = new int[_chunkStates];
        _mask = _chunkStates - 1;
    }

    public int Count { get; private set; }

    /// <summary>Approximate bytes held.</summary>
    public long Bytes => (long)_arena.Count * _chunkStates * _size + _hashes.Bytes + (long)_table.Length * sizeof(int);

    /// <summary>The stored bytes of state <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Get(int index)
        => _arena[index >> _chunkBits].AsSpan((index & (_chunkStates - 1)) * _size, _size);

    /// <summary>Empties the store; its memory is kept for reuse.</summary>
    public void Clear()
    {
        Array.Clear(_table);
        _hashes.Clear();
        Count = 0;
    }

    /// <summary>Returns the number of <paramref name="state"/>, adding it if new.</summary>
    public int AddOrFind(ReadOnlySpan<byte> state, out bool added)
    {
        var hash = Hash(state);
        var pos = (int)hash & _mask;
        while (true)
        {
            var entry = _table[pos];
            if (entry == 0) break;
            var index = entry - 1;
            if (_hashes[index] == hash && Get(index).SequenceEqual(state))
            {
                added = false;
                return index;
            }
            pos = (pos + 1) & _mask;
        }

        var number = Count;
        var chunk = number >> _chunkBits;
        if (chunk == _arena.Count) _arena.Add(new byte[_chunkStates * _size]);
        state.CopyTo(_arena[chunk].AsSpan((number & (_chunkStates - 1)) * _size));
        _hashes.Add(hash);
        _table[pos] = number + 1;
        Count++;
        if (Count * 2 > _table.Length) Grow();
        added = true;
        return number;
    }

    private void Grow()
    {
        var table = new int[_table.Length * 2];
        var mask = table.Length - 1;
        for (var i = 0; i < Count; i++)
        {
            var pos = (int)_hashes[i] & mask;
            while (table[pos] != 0) pos = (pos + 1) & mask;
            table[pos] = i + 1;
        }
        _table = table;
        _mask = mask;
    }

    /// <summary>A 64-bit hash of the state's bytes (multiply-rotate over 8-byte words, then a final avalanche).</summary>
    internal static ulong Hash(ReadOnlySpan<byte> s)
    {
        const ulong k = 0x9E3779B97F4A7C15UL;
        var h = (ulong)s.Length * k;
        var i = 0;
        for (; i + 8 <= s.Length; i += 8)
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(s[i..])) * k, 29);
        ulong tail = 0;
        for (var shift = 0; i < s.Length; i++, shift += 8) tail |= (ulong)s[i] << shift;
        h = BitOperations.RotateLeft((h ^ tail) * k, 29);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
