using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// What the two manual-scope paged-attention workloads (<see cref="PagedAttentionManual"/>, <see cref="PaUnrollManual"/>)
/// share: per sequence one MANUAL scope holding the <c>alloc_tensors</c> task A (the accumulators oi, li, mi) and a
/// chain of steps, each exactly four tasks over a contiguous run of <c>n</c> physical KV blocks: QK (AIC, the run's K
/// blocks → sij), SF (AIV, softmax → pij, mi_b, li_b), PV (AIC, pij · the run's V blocks → oi_tmp), UP (AIV,
/// online-softmax update of the accumulators and the sequence's <c>out</c> rows). Explicit dependencies only:
/// SF←QK, PV←SF, UP←PV, UP←previous UP (not the first step), UP←A (last step, keeping the scratch buffers alive).
/// Output sizes and kernel durations scale with <c>n</c>. A subclass says how many steps a sequence has and which run
/// of blocks each step covers.
/// </summary>
public abstract class ManualScopePagedAttention : PagedAttentionBase
{
    private protected ManualScopePagedAttention(string name, int batch, int blocks) : base(name, batch, blocks) { }

    /// <summary>Steps (groups of four tasks) per sequence.</summary>
    private protected abstract int Steps { get; }

    /// <summary>The run of physical blocks step <paramref name="step"/> of sequence <paramref name="b"/> covers.</summary>
    private protected abstract (int First, int Count) KvRun(int b, int step);

    public sealed override int TaskCount => Batch * (1 + 4 * Steps);

    public sealed override void Orchestrate(IOrchestrator o)
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
            for (var step = 0; step < Steps; step++)
            {
                var (first, n) = KvRun(b, step);
                var last = step == Steps - 1;
                var kvOffset = first * KvBlockElements;
                var kvLength = n * KvBlockElements;

                var qk = o.NewTask(Kernel.QK, Shape.AIC)
                    .In(qi)
                    .In(KeyCache.View(kvOffset, kvLength))
                    .Duration(QkNs * n);
                qk.Out(n * ScoreElements);
                var qkId = o.Submit(qk);
                var sij = qk.Output(0);

                var sf = o.NewTask(Kernel.SF, Shape.AIV).In(sij).Dep(qkId).Duration(SfNs * n);
                sf.Out(n * ScoreElements);
                sf.Out(RowElements);
                sf.Out(RowElements);
                var sfId = o.Submit(sf);
                Tensor pij = sf.Output(0), miStep = sf.Output(1), liStep = sf.Output(2);

                var pv = o.NewTask(Kernel.PV, Shape.AIC)
                    .In(pij)
                    .In(ValueCache.View(kvOffset, kvLength))
                    .Dep(sfId)
                    .Duration(PvNs * n);
                pv.Out(AccumulatorElements);
                var pvId = o.Submit(pv);
                var oiTmp = pv.Output(0);

                var up = o.NewTask(Kernel.UP, Shape.AIV)
                    .In(miStep).In(liStep).In(oiTmp)
                    .InOut(mi).InOut(li).InOut(oi).InOut(outRows)
                    .Scalar(step == 0 ? 1 : 0)
                    .Scalar(last ? 1 : 0)
                    .Dep(pvId)
                    .Duration(UpNs);
                if (step > 0) up.Dep(previousUp);
                if (last) up.Dep(alloc);
                previousUp = o.Submit(up);
            }
            o.EndScope();
        }
    }
}
