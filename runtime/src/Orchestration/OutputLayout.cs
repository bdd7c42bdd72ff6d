namespace Wireless.Orchestration;

/// <summary>
/// Packs a task's OUTPUT tensors into one heap block, each output aligned to <see cref="Alignment"/> elements
/// (64 bytes), as the seed packs outputs per task.
/// </summary>
internal static class OutputLayout
{
    public const int Alignment = 16;

    public static int AlignedLength(int length) => (length + Alignment - 1) & ~(Alignment - 1);

    /// <summary>Total heap elements the task's outputs need.</summary>
    public static long BlockLength(TaskBuilder task)
    {
        long total = 0;
        foreach (var arg in task.Args)
            if (arg.Direction == ArgDirection.Out) total += AlignedLength(arg.Length);
        return total;
    }

    /// <summary>Points every OUTPUT argument into the block at <paramref name="blockOffset"/>; the task owns them.</summary>
    public static void Bind(TaskBuilder task, int blockOffset, int owner)
    {
        var args = task.MutableArgs;
        var outputs = task.Outputs;
        var k = 0;
        var offset = blockOffset;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Direction != ArgDirection.Out) continue;
            args[i].Base = offset;
            args[i].Offset = 0;
            outputs[k++] = new Tensor(MemorySpace.Heap, offset, 0, args[i].Length, owner, HasOwner: true);
            offset += AlignedLength(args[i].Length);
        }
    }

    /// <summary>Packs <c>alloc_tensors</c> buffers into the block; returns the block length.</summary>
    public static long BlockLength(ReadOnlySpan<int> lengths)
    {
        long total = 0;
        foreach (var length in lengths)
        {
            if (length <= 0) throw new RuntimeErrorException($"alloc_tensors: buffer length must be positive (got {length})");
            total += AlignedLength(length);
        }
        return total;
    }

    public static void Bind(ReadOnlySpan<int> lengths, Span<Tensor> outputs, int blockOffset, int owner)
    {
        if (outputs.Length < lengths.Length)
            throw new ArgumentException($"alloc_tensors: {lengths.Length} buffers need {lengths.Length} output slots (got {outputs.Length})");
        var offset = blockOffset;
        for (var i = 0; i < lengths.Length; i++)
        {
            outputs[i] = new Tensor(MemorySpace.Heap, offset, 0, lengths[i], owner, HasOwner: true);
            offset += AlignedLength(lengths[i]);
        }
    }

    /// <summary>The deterministic initial value of element <paramref name="j"/> of an <c>alloc_tensors</c> buffer.</summary>
    public static int AllocInitialValue(int taskIndex, int buffer, int j)
        => (int)Mixing.Mix(Mixing.Mix((ulong)taskIndex, (ulong)buffer), (ulong)j);
}
