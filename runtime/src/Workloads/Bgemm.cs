using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// <c>benchmark_bgemm</c> Case0 (seed-design §9.4): <c>matmul_add_task_num</c> 500 with <c>grid_k</c> 2, i.e.
/// 250 groups, each in its own auto scope. For k in {0, 1}: GEMM_k (AIC) reads views of the external A and B
/// (no fanin) and writes a heap product P_k; ADD_k (AIV) does InOut(the group's view of external C), In(P_k).
/// Fanin: GEMM 0, ADD_0 1 (creator edge to GEMM_0), ADD_1 2 (creator edge to GEMM_1, TensorMap modifier edge to
/// ADD_0 on C). Depth-3 chains GEMM_0→ADD_0→ADD_1 and GEMM_1→ADD_1; groups are independent. 1,000 tasks.
/// Tiles are shrunk to <see cref="TileElements"/> elements.
/// </summary>
public sealed class Bgemm : Workload
{
    /// <summary>Elements of one tile (4 × 128×128 f32 in the benchmark, shrunk).</summary>
    internal const int TileElements = 16;
    internal const long GemmNs = 2000, AddNs = 500;

    private readonly string _name;
    private readonly int _groups;
    private readonly int _gridK;
    private readonly Tensor _a;
    private readonly Tensor _b;
    private readonly Tensor _c;

    /// <param name="name">Workload name.</param>
    /// <param name="groups">Independent output tiles of C (one scope each).</param>
    /// <param name="gridK">GEMM + ADD pairs accumulated into each tile.</param>
    public Bgemm(string name, int groups, int gridK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gridK, 1);
        _name = name;
        _groups = groups;
        _gridK = gridK;
        _a = Globals.Declare("A", groups * gridK * TileElements);
        _b = Globals.Declare("B", groups * gridK * TileElements);
        _c = Globals.Declare("C", groups * TileElements);
    }

    /// <summary>Case0: 500 matmul-add tasks, grid_k 2 → 250 groups, 1,000 tasks.</summary>
    public static Bgemm Case0() => new("bgemm-case0", 250, 2);

    public override string Name => _name;

    public override int TaskCount => _groups * _gridK * 2;

    public override void Orchestrate(IOrchestrator o)
    {
        for (var g = 0; g < _groups; g++)
        {
            var cView = _c.View(g * TileElements, TileElements);
            o.BeginScope();
            for (var k = 0; k < _gridK; k++)
            {
                var tile = (g * _gridK + k) * TileElements;
                var gemm = o.NewTask(Kernel.GEMM, Shape.AIC)
                    .In(_a.View(tile, TileElements))
                    .In(_b.View(tile, TileElements))
                    .Duration(GemmNs);
                gemm.Out(TileElements);
                o.Submit(gemm);
                var product = gemm.Output(0);

                o.Submit(o.NewTask(Kernel.ADD, Shape.AIV).InOut(cView).In(product).Duration(AddNs));
            }
            o.EndScope();
        }
    }
}
