using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// <c>paged_attention_unroll_manual_scope</c> (seed-design §9.3): the manual-scope chain of
/// <see cref="ManualScopePagedAttention"/> with one step per group of up to <see cref="BlocksPerGroup"/> (N_UNROLL = 64)
/// KV blocks: QK over all of the group's K blocks (sij of n blocks), SF a two-pass softmax, PV a split-K accumulate.
/// Case1 (nb 64, 1 group): UP fanin {PV, A}; Case2 (nb 128, 2 groups): UP_0 fanin 1, UP_1 {PV, UP_0, A}.
/// </summary>
/// <remarks>
/// The real QK gathers the group's K blocks through the block table, one region per block; a task here has at most
/// a handful of tensor arguments and no gather argument, so a group's blocks occupy one contiguous run of physical
/// blocks whose start is chosen pseudo-randomly, and QK and PV read that run as one view. Kernel durations scale
/// with the number of blocks in the group.
/// </remarks>
public sealed class PaUnrollManual : ManualScopePagedAttention
{
    /// <summary>N_UNROLL: blocks handled by one group of four tasks.</summary>
    public const int BlocksPerGroup = 64;

    private const ulong GroupTableSeed = 0x6A00_7AB1_E000_0002UL;

    private readonly int _groups;

    /// <param name="name">Workload name.</param>
    /// <param name="batch">Sequences (one manual scope each).</param>
    /// <param name="blocks">KV blocks per sequence (<c>nb</c>), grouped by <see cref="BlocksPerGroup"/>.</param>
    public PaUnrollManual(string name, int batch, int blocks) : base(name, batch, blocks)
        => _groups = (blocks + BlocksPerGroup - 1) / BlocksPerGroup;

    /// <summary>Case1: PA Case1 shape (batch 256, nb 64): 1 group → 256·(1 + 4) = 1,280 tasks.</summary>
    public static PaUnrollManual Case1() => new("pa-unroll-manual-case1", 256, 64);

    /// <summary>Case2: batch 64, nb 128: 2 groups → 64·(1 + 8) = 576 tasks.</summary>
    public static PaUnrollManual Case2() => new("pa-unroll-manual-case2", 64, 128);

    private protected override int Steps => _groups;

    private protected override (int First, int Count) KvRun(int b, int step)
    {
        var n = Math.Min(BlocksPerGroup, Blocks - step * BlocksPerGroup);
        return (FirstBlockOfGroup(b, step, n), n);
    }

    /// <summary>The first physical block of the contiguous run holding group <paramref name="g"/> of sequence <paramref name="b"/>.</summary>
    private int FirstBlockOfGroup(int b, int g, int n)
        => (int)(Mixing.Mix(GroupTableSeed, (ulong)((long)b * _groups + g)) % (ulong)(PhysicalBlocks - n + 1));
}
