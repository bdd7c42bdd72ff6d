namespace Wireless.Orchestration;

/// <summary>Where a tensor's elements live.</summary>
public enum MemorySpace : byte
{
    /// <summary>Global memory: external tensors declared by the workload; live for the whole run.</summary>
    Global,
    /// <summary>The output heap ring: buffers of OUTPUT tensors, reclaimed with their producer's slot.</summary>
    Heap,
}

/// <summary>
/// A handle to a 1-D region of 32-bit elements: <c>[Base + Offset, Base + Offset + Length)</c> in
/// <see cref="Space"/>. <see cref="Base"/> is the start of the whole tensor (the TensorMap key, as the seed keys
/// entries by base address); a view keeps the base and moves the offset. A heap tensor carries the local id of the
/// task that produced it (<c>owner_task_id</c>), so consumers find their producer without the TensorMap.
/// </summary>
public readonly record struct Tensor(MemorySpace Space, int Base, int Offset, int Length, int Owner, bool HasOwner)
{
    public int Start => Base + Offset;
    public int End => Base + Offset + Length;

    public static Tensor External(int start, int length) => new(MemorySpace.Global, start, 0, length, 0, false);

    /// <summary>A sub-region of this tensor, relative to this view's start.</summary>
    public Tensor View(int offset, int length)
    {
        if (offset < 0 || length < 0 || offset + length > Length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"view [{offset}, {offset + length}) is outside a tensor of length {Length}");
        return this with { Offset = Offset + offset, Length = length };
    }

    public bool Overlaps(in Tensor other)
        => Space == other.Space && Base == other.Base && Start < other.End && other.Start < End;

    public bool Covers(in Tensor other)
        => Space == other.Space && Base == other.Base && Start <= other.Start && other.End <= End;

    public override string ToString()
        => $"{Space}[{Start},{End}){(HasOwner ? $" owner={Owner}" : "")}";
}

/// <summary>How a task uses a tensor argument (seed §2.3).</summary>
public enum ArgDirection : byte
{
    /// <summary>Read. Finds producers through the owner handle and the TensorMap.</summary>
    In,
    /// <summary>A new buffer the runtime allocates on the heap; the task is its owner.</summary>
    Out,
    /// <summary>Read and written. Finds producers like <see cref="In"/>, then is inserted in the TensorMap.</summary>
    InOut,
    /// <summary>Written without reading an existing tensor. Inserted in the TensorMap; no lookup.</summary>
    OutputExisting,
}

/// <summary>A tensor argument as stored with a task: region plus direction. No references, so it can be pinned.</summary>
public struct TensorArg
{
    public MemorySpace Space;
    public ArgDirection Direction;
    public int Base;
    public int Offset;
    public int Length;

    public readonly int Start => Base + Offset;
}
