using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// What the three paged-attention workloads (<see cref="PagedAttention"/>, <see cref="PagedAttentionManual"/>,
/// <see cref="PaUnrollManual"/>) share: <c>batch</c> sequences of <c>nb</c> KV blocks each over
/// <c>batch · nb</c> physical blocks, the external tensors <c>query</c>, <c>key_cache</c>, <c>value_cache</c> and
/// <c>out</c> (declared in that order), the block table and the tensor sizes and kernel durations. Tensors are tiny
/// (see the size constants) so that the 65,792-task cases run fast; only the graph shapes match the benchmark. Each
/// subclass submits its own graph.
/// </summary>
public abstract class PagedAttentionBase : Workload
{
    /// <summary>Elements of one batch's query rows (q_tile × head_dim, shrunk).</summary>
    internal const int QueryElements = 16;
    /// <summary>Elements of one physical K or V cache block (block × head_dim, shrunk).</summary>
    internal const int KvBlockElements = 8;
    /// <summary>Elements of sij and pij (q_tile × block, shrunk).</summary>
    internal const int ScoreElements = 8;
    /// <summary>Elements of a per-row vector: mi, li, mi_b, li_b (q_tile, shrunk).</summary>
    internal const int RowElements = 4;
    /// <summary>Elements of oi and oi_tmp (q_tile × head_dim, shrunk).</summary>
    internal const int AccumulatorElements = 16;
    /// <summary>Elements of one batch's rows of <c>out</c>.</summary>
    internal const int OutElements = 16;

    /// <summary>Simulated kernel durations (ns) of one block.</summary>
    internal const long QkNs = 1500, SfNs = 800, PvNs = 1500, UpNs = 600;

    private const ulong BlockTableSeed = 0xB10C_7AB1_E000_0001UL;

    /// <summary>Lengths of the alloc_tensors buffers oi, li, mi.</summary>
    internal static readonly int[] AccLengths = [AccumulatorElements, RowElements, RowElements];

    private readonly Tensor _query;
    private readonly Tensor _out;

    /// <param name="name">Workload name.</param>
    /// <param name="batch">Sequences.</param>
    /// <param name="blocks">KV blocks per sequence (<c>nb</c>).</param>
    private protected PagedAttentionBase(string name, int batch, int blocks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        Name = name;
        Batch = batch;
        Blocks = blocks;
        PhysicalBlocks = batch * blocks;
        _query = Globals.Declare("query", batch * QueryElements);
        KeyCache = Globals.Declare("key_cache", PhysicalBlocks * KvBlockElements);
        ValueCache = Globals.Declare("value_cache", PhysicalBlocks * KvBlockElements);
        _out = Globals.Declare("out", batch * OutElements);
    }

    public sealed override string Name { get; }

    /// <summary>Sequences.</summary>
    private protected int Batch { get; }

    /// <summary>KV blocks per sequence (<c>nb</c>).</summary>
    private protected int Blocks { get; }

    /// <summary>Physical KV blocks in each cache: one per (sequence, block).</summary>
    private protected int PhysicalBlocks { get; }

    private protected Tensor KeyCache { get; }
    private protected Tensor ValueCache { get; }

    /// <summary>Sequence <paramref name="b"/>'s query rows.</summary>
    private protected Tensor QueryRows(int b) => _query.View(b * QueryElements, QueryElements);

    /// <summary>Sequence <paramref name="b"/>'s rows of <c>out</c>.</summary>
    private protected Tensor OutRows(int b) => _out.View(b * OutElements, OutElements);

    /// <summary>The block table: the physical KV block of sequence <paramref name="b"/>'s block <paramref name="bn"/>.</summary>
    private protected int PhysicalBlock(int b, int bn)
        => (int)(Mixing.Mix(BlockTableSeed, (ulong)((long)b * Blocks + bn)) % (ulong)PhysicalBlocks);
}
