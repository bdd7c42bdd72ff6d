using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// <c>paged_attention_unroll_manual_scope</c> (seed-design §9.3): per batch one MANUAL scope holding the
/// <c>alloc_tensors</c> task A, then per group of up to <see cref="BlocksPerGroup"/> (N_UNROLL = 64) KV blocks
/// exactly four long tasks: QK (AIC, all of the group's K blocks → sij of n blocks), SF (AIV, two-pass softmax),
/// PV (AIC, split-K accumulate), UP (AIV, online-softmax update of the accumulators and the batch's <c>out</c>
/// rows). Explicit dependencies only: SF←QK, PV←SF, UP←PV, UP←previous UP (not the first group), UP←A (last group).
/// Case1 (nb 64, 1 group): UP fanin {PV, A}; Case2 (nb 128, 2 groups): UP_0 fanin 1, UP_1 {PV, UP_0, A}.
/// </summary>
/// <remarks>
/// The real QK gathers the group's K blocks through the block table, one region per block; a task here has at most
/// a handful of tensor arguments and no gather argument, so a group's blocks occupy one contiguous run of physical
/// blocks whose start is chosen pseudo-randomly, and QK and PV read that run as one view. Kernel durations scale
/// with the number of blocks in the group.
/// </remarks>
public sealed class PaUnrollManual : PagedAttentionBase
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

    public override int TaskCount => Batch * (1 + 4 * _groups);

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
            for (var g = 0; g < _groups; g++)
            {
                var n = Math.Min(BlocksPerGroup, Blocks - g * BlocksPerGroup);
                var last = g == _groups - 1;
                var kvOffset = FirstBlockOfGroup(b, g, n) * KvBlockElements;
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
                Tensor pij = sf.Output(0), miGroup = sf.Output(1), liGroup = sf.Output(2);

                var pv = o.NewTask(Kernel.PV, Shape.AIC)
                    .In(pij)
                    .In(ValueCache.View(kvOffset, kvLength))
                    .Dep(sfId)
                    .Duration(PvNs * n);
                pv.Out(AccumulatorElements);
                var pvId = o.Submit(pv);
                var oiTmp = pv.Output(0);

                var up = o.NewTask(Kernel.UP, Shape.AIV)
                    .In(miGroup).In(liGroup).In(oiTmp)
                    .InOut(mi).InOut(li).InOut(oi).InOut(outRows)
                    .Scalar(g == 0 ? 1 : 0)
                    .Scalar(last ? 1 : 0)
                    .Dep(pvId)
                    .Duration(UpNs);
                if (g > 0) up.Dep(previousUp);
                if (last) up.Dep(alloc);
                previousUp = o.Submit(up);
            }
            o.EndScope();
        }
    }

    /// <summary>The first physical block of the contiguous run holding group <paramref name="g"/> of sequence <paramref name="b"/>.</summary>
    private int FirstBlockOfGroup(int b, int g, int n)
        => (int)(Mixing.Mix(GroupTableSeed, (ulong)((long)b * _groups + g)) % (ulong)(PhysicalBlocks - n + 1));
}
