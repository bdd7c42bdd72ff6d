namespace Wireless.Workloads;

/// <summary>
/// <c>paged_attention_manual_scope</c> (seed-design §9.2): the paged-attention graph of <see cref="PagedAttention"/>
/// with explicit dependencies only, as the manual-scope chain of <see cref="ManualScopePagedAttention"/> with one step
/// per KV block. Per batch one MANUAL scope holds the <c>alloc_tensors</c> task A and all 4·nb
/// block tasks (no inner scopes), so the runtime does no TensorMap work and finds no owner edges. Edges:
/// SF_bn←QK_bn, PV_bn←SF_bn, UP_bn←PV_bn, UP_bn←UP_{bn-1} (bn ≥ 1), UP_last←A (keeps the scratch buffers alive).
/// Fanin: QK 0, SF 1, PV 1, UP 1 (bn = 0) / 2 (bn ≥ 1), +1 on the last block. SF→UP (mi_b, li_b) is ordered only
/// transitively through PV. The tasks still pass their tensors: the kernels compute on them.
/// </summary>
public sealed class PagedAttentionManual : ManualScopePagedAttention
{
    /// <param name="name">Workload name.</param>
    /// <param name="batch">Sequences (one manual scope each).</param>
    /// <param name="blocks">KV blocks per sequence (<c>nb</c>).</param>
    public PagedAttentionManual(string name, int batch, int blocks) : base(name, batch, blocks) { }

    /// <summary>Case1: the PA Case1 shape (batch 256, nb 64) → 65,792 tasks.</summary>
    public static PagedAttentionManual Case1() => new("paged-attention-manual-case1", 256, 64);

    /// <summary>Case2: batch 64, block 64, ctx 8192 → nb 128 → 64·(1 + 512) = 32,832 tasks.</summary>
    public static PagedAttentionManual Case2() => new("paged-attention-manual-case2", 64, 128);

    private protected override int Steps => Blocks;

    /// <summary>One block per step, where the block table puts it.</summary>
    private protected override (int First, int Count) KvRun(int b, int step) => (PhysicalBlock(b, step), 1);
}
