using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// <c>paged_attention_manual_scope</c> (seed-design §9.2): the paged-attention graph of <see cref="PagedAttention"/>
/// with explicit dependencies only. Per batch one MANUAL scope holds the <c>alloc_tensors</c> task A and all 4·nb
/// block tasks (no inner scopes), so the runtime does no TensorMap work and finds no owner edges. Edges:
/// SF_bn←QK_bn, PV_bn←SF_bn, UP_bn←PV_bn, UP_bn←UP_{bn-1} (bn ≥ 1), UP_last←A (keeps the scratch buffers alive).
/// Fanin: QK 0, SF 1, PV 1, UP 1 (bn = 0) / 2 (bn ≥ 1), +1 on the last block. SF→UP (mi_b, li_b) is ordered only
/// transitively through PV. The tasks still pass their tensors: the kernels compute on them.
/// </summary>
public sealed class PagedAttentionManual : PagedAttentionBase
{
    /// <param name="name">Workload name.</param>
    /// <param name="batch">Sequences (one manual scope each).</param>
    /// <param name="blocks">KV blocks per sequence (<c>nb</c>).</param>
    public PagedAttentionManual(string name, int batch, int blocks) : base(name, batch, blocks) { }

    /// <summary>Case1: the PA Case1 shape (batch 256, nb 64) → 65,792 tasks.</summary>
    public static PagedAttentionManual Case1() => new("paged-attention-manual-case1", 256, 64);

    /// <summary>Case2: batch 64, block 64, ctx 8192 → nb 128 → 64·(1 + 512) = 32,832 tasks.</summary>
    public static PagedAttentionManual Case2() => new("paged-attention-manual-case2", 64, 128);

    public override int TaskCount => Batch * (1 + 4 * Blocks);

    public override void Orchestrate(IOrchestrator o)
    {
        ReadOnlySpan<int> accLengths = AccLengths;
        Span<Tensor> acc = stackalloc Tensor[3];
        for (var b = 0; b < Batch; b++)
        {
            var qi = QueryRows(b);
            var outRows = OutRows(b);
            o.BeginScope(ScopeMode.Manual);
            var alloc = o.AllocTensors(accLengths, acc);
            Tensor oi = acc[0], li = acc[1], mi = acc[2];
            var previousUp = default(TaskId);
            for (var bn = 0; bn < Blocks; bn++)
            {
                var block = PhysicalBlock(b, bn);
                var last = bn == Blocks - 1;

                var qk = o.NewTask(Kernel.QK, Shape.AIC)
                    .In(qi)
                    .In(KeyCache.View(block * KvBlockElements, KvBlockElements))
                    .Duration(QkNs);
                qk.Out(ScoreElements);
                var qkId = o.Submit(qk);
                var sij = qk.Output(0);

                var sf = o.NewTask(Kernel.SF, Shape.AIV).In(sij).Dep(qkId).Duration(SfNs);
                sf.Out(ScoreElements);
                sf.Out(RowElements);
                sf.Out(RowElements);
                var sfId = o.Submit(sf);
                Tensor pij = sf.Output(0), miBlock = sf.Output(1), liBlock = sf.Output(2);

                var pv = o.NewTask(Kernel.PV, Shape.AIC)
                    .In(pij)
                    .In(ValueCache.View(block * KvBlockElements, KvBlockElements))
                    .Dep(sfId)
                    .Duration(PvNs);
                pv.Out(AccumulatorElements);
                var pvId = o.Submit(pv);
                var oiTmp = pv.Output(0);

                var up = o.NewTask(Kernel.UP, Shape.AIV)
                    .In(miBlock).In(liBlock).In(oiTmp)
                    .InOut(mi).InOut(li).InOut(oi).InOut(outRows)
                    .Scalar(bn == 0 ? 1 : 0)
                    .Scalar(last ? 1 : 0)
                    .Dep(pvId)
                    .Duration(UpNs);
                if (bn > 0) up.Dep(previousUp);
                if (last) up.Dep(alloc);
                previousUp = o.Submit(up);
            }
            o.EndScope();
        }
    }
}
