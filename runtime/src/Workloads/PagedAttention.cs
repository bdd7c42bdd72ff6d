using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// <c>paged_attention</c> with automatic dependencies (seed-design §9.1). Per batch <c>b</c> (one q-tile: q_loop = 1
/// in every case) an auto scope holds an <c>alloc_tensors</c> task A with the online-softmax accumulators
/// (oi, li, mi), then for each KV block <c>bn</c> a nested auto scope with four single-core tasks:
/// <list type="bullet">
/// <item>QK_bn (AIC): In(query rows of b), In(key_cache block from the block table) → Out(sij). Fanin 0.</item>
/// <item>SF_bn (AIV): In(sij) → Out(pij), Out(mi_b), Out(li_b). Fanin 1 (creator edge to QK_bn).</item>
/// <item>PV_bn (AIC): In(pij), In(value_cache block) → Out(oi_tmp). Fanin 1 (creator edge to SF_bn).</item>
/// <item>UP_bn (AIV): In(mi_b), In(li_b), In(oi_tmp), InOut(mi), InOut(li), InOut(oi), InOut(out rows of b);
/// scalars is_first, is_last. Fanin 3 for bn = 0 ({SF, PV, A}) and 4 for bn ≥ 1 (+ UP_{bn-1}, a TensorMap
/// modifier edge on the accumulators and the <c>out</c> rows).</item>
/// </list>
/// Batches are independent (disjoint <c>out</c> rows). The block table is a deterministic pseudo-random map from
/// (b, bn) to a physical KV block, so K/V reads are scattered but create no dependencies. Tensors are tiny (see the
/// size constants) so that the 65,792-task case runs fast; only the graph shape matches the benchmark.
/// </summary>
public sealed class PagedAttention : PagedAttentionBase
{
    /// <param name="name">Workload name.</param>
    /// <param name="batch">Sequences (each one independent chain of UP tasks).</param>
    /// <param name="blocks">KV blocks per sequence (<c>nb</c>).</param>
    public PagedAttention(string name, int batch, int blocks) : base(name, batch, blocks) { }

    /// <summary>Case1: batch 256, nb 64 → 256·(1 + 4·64) = 65,792 tasks.</summary>
    public static PagedAttention Case1() => new("paged-attention-case1", 256, 64);

    /// <summary>Case4 (added by #1107): batch 16, nb 16 → 16·65 = 1,040 tasks.</summary>
    public static PagedAttention Case4() => new("paged-attention-case4", 16, 16);

    /// <summary>CaseSmall1: batch 1, nb 3 → 13 tasks.</summary>
    public static PagedAttention Small1() => new("paged-attention-small1", 1, 3);

    public override int TaskCount => Batch * (1 + 4 * Blocks);

    public override void Orchestrate(IOrchestrator o)
    {
        ReadOnlySpan<int> accLengths = AccLengths;
        Span<Tensor> acc = stackalloc Tensor[3];
        for (var b = 0; b < Batch; b++)
        {
            var qi = QueryRows(b);
            var outRows = OutRows(b);
            o.BeginScope();
            o.AllocTensors(accLengths, acc);
            Tensor oi = acc[0], li = acc[1], mi = acc[2];
            for (var bn = 0; bn < Blocks; bn++)
            {
                o.BeginScope();
                var block = PhysicalBlock(b, bn);

                var qk = o.NewTask(Kernel.QK, Shape.AIC)
                    .In(qi)
                    .In(KeyCache.View(block * KvBlockElements, KvBlockElements))
                    .Duration(QkNs);
                qk.Out(ScoreElements);
                o.Submit(qk);
                var sij = qk.Output(0);

                var sf = o.NewTask(Kernel.SF, Shape.AIV).In(sij).Duration(SfNs);
                sf.Out(ScoreElements);
                sf.Out(RowElements);
                sf.Out(RowElements);
                o.Submit(sf);
                Tensor pij = sf.Output(0), miBlock = sf.Output(1), liBlock = sf.Output(2);

                var pv = o.NewTask(Kernel.PV, Shape.AIC)
                    .In(pij)
                    .In(ValueCache.View(block * KvBlockElements, KvBlockElements))
                    .Duration(PvNs);
                pv.Out(AccumulatorElements);
                o.Submit(pv);
                var oiTmp = pv.Output(0);

                o.Submit(o.NewTask(Kernel.UP, Shape.AIV)
                    .In(miBlock).In(liBlock).In(oiTmp)
                    .InOut(mi).InOut(li).InOut(oi).InOut(outRows)
                    .Scalar(bn == 0 ? 1 : 0)
                    .Scalar(bn == Blocks - 1 ? 1 : 0)
                    .Duration(UpNs));
                o.EndScope();
            }
            o.EndScope();
        }
    }
}
