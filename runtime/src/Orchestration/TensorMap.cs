namespace Wireless.Orchestration;

/// <summary>
/// Finds the last writers of a tensor region (seed §2.3). Entries record a region written by an INOUT or
/// OUTPUT_EXISTING argument and the local id of the task that wrote it; they are chained in buckets keyed by the
/// tensor's base, and a lookup returns every live entry whose region overlaps. An INOUT that fully covers an entry
/// removes it, keeping chains short.
/// </summary>
/// <remarks>
/// Design: orchestrator-private, so no field needs ordering. Liveness comes in as a <c>last_task_alive</c> value the
/// orchestrator read (acquire) once per submission: an entry whose producer is before it is retired, so it is
/// dropped. A heap entry whose producer is before the tensor's owner describes an earlier buffer that occupied the
/// same heap range, so it is dropped too. With <c>capacity == 0</c> the pool grows without bound (the sequential
/// reference uses that; it never retires anything).
/// </remarks>
internal sealed class TensorMap
{
    private const int NoEntry = -1;

    private struct Entry
    {
        public MemorySpace Space;
        public int Base;
        public int Start;
        public int End;
        public int Producer;
        public int Next;
        public int Bucket;
        public bool Used;
    }

    private readonly int[] _buckets;
    private readonly bool _bounded;
    private Entry[] _entries;
    private int _freeHead = NoEntry;
    private int _highWater;

    public TensorMap(int capacity, int buckets = 4096)
    {
        _bounded = capacity > 0;
        _entries = new Entry[_bounded ? capacity : 1024];
        _buckets = new int[buckets];
        Array.Fill(_buckets, NoEntry);
    }

    public int Count { get; private set; }
    public int Capacity => _bounded ? _entries.Length : int.MaxValue;

    /// <summary>
    /// Adds the producers of every live entry overlapping <paramref name="tensor"/> to <paramref name="producers"/>;
    /// with <paramref name="removeCovered"/> removes entries the tensor fully covers.
    /// </summary>
    public void Lookup(in Tensor tensor, bool removeCovered, bool filterRetired, int lastTaskAlive, ProducerSet producers, TaskBuilder task)
    {
        ref var head = ref _buckets[BucketOf(tensor.Space, tensor.Base)];
        var prev = NoEntry;
        var i = head;
        while (i != NoEntry)
        {
            ref var e = ref _entries[i];
            var next = e.Next;
            var sameTensor = e.Space == tensor.Space && e.Base == tensor.Base;
            var stale = sameTensor && ((filterRetired && LocalId.Before(e.Producer, lastTaskAlive))
                                       || (tensor.HasOwner && LocalId.Before(e.Producer, tensor.Owner)));
            if (sameTensor && !stale && e.Start < tensor.End && tensor.Start < e.End)
            {
                producers.Add(e.Producer, EdgeKind.Modifier, task);
                stale = removeCovered && tensor.Start <= e.Start && e.End <= tensor.End;
            }
            if (stale)
            {
                Unlink(ref head, prev, i);
            }
            else
            {
                prev = i;
            }
            i = next;
        }
    }

    /// <summary>Records that <paramref name="producer"/> writes <paramref name="tensor"/>. False if the pool is full.</summary>
    public bool TryInsert(in Tensor tensor, int producer)
    {
        int i;
        if (_freeHead != NoEntry)
        {
            i = _freeHead;
            _freeHead = _entries[i].Next;
        }
        else if (_highWater < _entries.Length)
        {
            i = _highWater++;
        }
        else if (!_bounded)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
            i = _highWater++;
        }
        else
        {
            return false;
        }
        var bucket = BucketOf(tensor.Space, tensor.Base);
        _entries[i] = new Entry
        {
            Space = tensor.Space, Base = tensor.Base, Start = tensor.Start, End = tensor.End,
            Producer = producer, Next = _buckets[bucket], Bucket = bucket, Used = true,
        };
        _buckets[bucket] = i;
        Count++;
        return true;
    }

    /// <summary>Frees every entry whose producer retired (before <paramref name="lastTaskAlive"/>); returns how many.</summary>
    public int CollectRetired(int lastTaskAlive)
    {
        var freed = 0;
        for (var b = 0; b < _buckets.Length; b++)
        {
            ref var head = ref _buckets[b];
            var prev = NoEntry;
            var i = head;
            while (i != NoEntry)
            {
                var next = _entries[i].Next;
                if (LocalId.Before(_entries[i].Producer, lastTaskAlive))
                {
                    Unlink(ref head, prev, i);
                    freed++;
                }
                else
                {
                    prev = i;
                }
                i = next;
            }
        }
        return freed;
    }

    public void Clear()
    {
        Array.Fill(_buckets, NoEntry);
        _freeHead = NoEntry;
        _highWater = 0;
        Count = 0;
    }

    private void Unlink(ref int head, int prev, int i)
    {
        if (prev == NoEntry) head = _entries[i].Next;
        else _entries[prev].Next = _entries[i].Next;
        _entries[i].Used = false;
        _entries[i].Next = _freeHead;
        _freeHead = i;
        Count--;
    }

    private int BucketOf(MemorySpace space, int tensorBase)
        => (int)((uint)((tensorBase * 0x9E3779B1) ^ ((int)space << 30)) % (uint)_buckets.Length);
}
