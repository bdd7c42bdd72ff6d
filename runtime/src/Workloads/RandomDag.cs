using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// <c>random:&lt;seed&gt;:&lt;tasks&gt;</c>: a deterministic pseudo-random DAG for stress and property tests; not one of
/// the seed's benchmarks (seed-design §9), but built from the same ingredients (§2.3):
/// <list type="bullet">
/// <item>Tasks come in scopes of <see cref="MinScopeTasks"/>–<see cref="MaxScopeTasks"/> tasks; about
/// <see cref="ManualScopePercent"/>% of the scopes are MANUAL. Some scopes start with an <c>alloc_tensors</c> task.</item>
/// <item>Shapes: mostly AIC and AIV, about <see cref="MixPercent"/>% MIX. Kernel durations
/// <see cref="MinKernelNs"/>–<see cref="MaxKernelNs"/> ns.</item>
/// <item>Each task has 0–<see cref="MaxExplicitDeps"/> explicit dependencies on tasks among the last
/// <see cref="RecentWindow"/> submitted.</item>
/// <item>Tasks produce 0–<see cref="MaxOutputs"/> heap outputs that later tasks of the SAME scope read (creator
/// edges; in manual scopes the reader also gets an explicit dependency on the producer). A heap tensor is never used
/// after its scope ended.</item>
/// <item>Some tasks InOut one or two cells of the external tensor <c>cells</c>, or one "wide" view spanning two
/// adjacent cells (TensorMap modifier edges, partial overlaps, covering removal). Cells are only ever accessed
/// through InOut, so every access is ordered after the previous one and there is no write-after-read hazard the
/// TensorMap cannot see. A manual-scope access gets an explicit dependency on the cell's last writer, and since a
/// manual task is not inserted in the TensorMap, the next auto access after it does too.</item>
/// </list>
/// A task has at most 13 distinct producers (3 explicit + 2 inputs + 6 TensorMap + 2 manual-writer edges), within
/// the default fanin maximum of 16.
/// </summary>
public sealed class RandomDag : Workload
{
    public const int MinScopeTasks = 4;
    public const int MaxScopeTasks = 16;
    public const int ManualScopePercent = 20;
    public const int AllocScopePercent = 25;
    public const int MixPercent = 8;
    public const int RecentWindow = 32;
    public const int MaxExplicitDeps = 3;
    public const int MaxInputs = 2;
    public const int MaxOutputs = 2;
    public const int MinOutputElements = 4;
    public const int MaxOutputElements = 16;
    public const int CellCount = 16;
    public const int CellElements = 4;
    /// <summary>Percent of tasks that touch cells; the first <see cref="WideCellPercent"/> of them use a wide view.</summary>
    public const int CellPercent = 40;
    public const int WideCellPercent = 8;
    public const int ScalarPercent = 50;
    public const long MinKernelNs = 200;
    public const long MaxKernelNs = 3000;

    private const int MaxAllocBuffers = 2;
    private const int MaxScopeOutputs = MaxAllocBuffers + MaxScopeTasks * MaxOutputs;

    private readonly ulong _seed;
    private readonly int _tasks;
    private readonly string _name;
    private readonly Tensor _cells;

    public RandomDag(long seed, int tasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tasks, 1);
        _seed = Mixing.Mix(0x52_41_4E_44_4F_4D_44_41UL, unchecked((ulong)seed));
        _tasks = tasks;
        _name = $"random:{seed}:{tasks}";
        _cells = Globals.Declare("cells", CellCount * CellElements);
    }

    public override string Name => _name;

    public override int TaskCount => _tasks;

    public override void Orchestrate(IOrchestrator o)
    {
        // Per-run state (allocated once per run, so one instance can be run by several executors at once).
        var rng = new Rng(_seed);
        var recent = new TaskId[RecentWindow];
        var cellWriter = new TaskId[CellCount];
        var cellWritten = new bool[CellCount];
        var cellWrittenInManual = new bool[CellCount];
        var available = new Tensor[MaxScopeOutputs];
        var availableProducer = new TaskId[MaxScopeOutputs];
        Span<int> allocLengths = stackalloc int[MaxAllocBuffers];
        Span<Tensor> allocOutputs = stackalloc Tensor[MaxAllocBuffers];
        Span<int> touched = stackalloc int[2];
        var submitted = 0;

        while (submitted < _tasks)
        {
            var size = Math.Min(rng.Next(MinScopeTasks, MaxScopeTasks + 1), _tasks - submitted);
            var mode = rng.Percent(ManualScopePercent) ? ScopeMode.Manual : ScopeMode.Auto;
            o.BeginScope(mode);
            var availableCount = 0;
            var inScope = 0;

            if (size >= 2 && rng.Percent(AllocScopePercent))
            {
                var buffers = rng.Next(1, MaxAllocBuffers + 1);
                for (var i = 0; i < buffers; i++) allocLengths[i] = rng.Next(MinOutputElements, MaxOutputElements + 1);
                var alloc = o.AllocTensors(allocLengths[..buffers], allocOutputs);
                for (var i = 0; i < buffers; i++)
                {
                    available[availableCount] = allocOutputs[i];
                    availableProducer[availableCount++] = alloc;
                }
                recent[submitted++ % RecentWindow] = alloc;
                inScope++;
            }

            for (; inScope < size; inScope++)
            {
                var shapeRoll = rng.Next(0, 100);
                var shape = shapeRoll < MixPercent ? Shape.MIX : shapeRoll % 2 == 0 ? Shape.AIC : Shape.AIV;
                var t = o.NewTask(Kernel.Generic, shape).Duration(rng.NextLong(MinKernelNs, MaxKernelNs + 1));
                if (rng.Percent(ScalarPercent)) t.Scalar(rng.NextLong(0, 1L << 40));

                var window = Math.Min(submitted, RecentWindow);
                if (window > 0)
                {
                    var deps = rng.Next(0, MaxExplicitDeps + 1);
                    for (var i = 0; i < deps; i++) t.Dep(recent[(submitted - 1 - rng.Next(0, window)) % RecentWindow]);
                }

                if (availableCount > 0)
                {
                    var inputs = rng.Next(0, MaxInputs + 1);
                    for (var i = 0; i < inputs; i++)
                    {
                        var j = rng.Next(0, availableCount);
                        var source = available[j];
                        var length = rng.Next(1, source.Length + 1);
                        t.In(source.View(rng.Next(0, source.Length - length + 1), length));
                        if (mode == ScopeMode.Manual) t.Dep(availableProducer[j]);
                    }
                }

                var touchedCount = 0;
                var cellRoll = rng.Next(0, 100);
                if (cellRoll < WideCellPercent)
                {
                    var c = rng.Next(0, CellCount - 1);
                    touched[touchedCount++] = c;
                    touched[touchedCount++] = c + 1;
                    t.InOut(_cells.View(c * CellElements, 2 * CellElements));
                }
                else if (cellRoll < CellPercent)
                {
                    var c = rng.Next(0, CellCount);
                    touched[touchedCount++] = c;
                    t.InOut(_cells.View(c * CellElements, CellElements));
                    if (rng.Percent(30))
                    {
                        var d = (c + rng.Next(1, CellCount)) % CellCount;
                        touched[touchedCount++] = d;
                        t.InOut(_cells.View(d * CellElements, CellElements));
                    }
                }
                for (var i = 0; i < touchedCount; i++)
                {
                    var c = touched[i];
                    var needsExplicit = mode == ScopeMode.Manual ? cellWritten[c] : cellWrittenInManual[c];
                    if (needsExplicit) t.Dep(cellWriter[c]);
                }

                var outputs = rng.Next(0, MaxOutputs + 1);
                for (var i = 0; i < outputs; i++) t.Out(rng.Next(MinOutputElements, MaxOutputElements + 1));

                var id = o.Submit(t);
                recent[submitted++ % RecentWindow] = id;
                for (var i = 0; i < outputs; i++)
                {
                    available[availableCount] = t.Output(i);
                    availableProducer[availableCount++] = id;
                }
                for (var i = 0; i < touchedCount; i++)
                {
                    var c = touched[i];
                    cellWriter[c] = id;
                    cellWritten[c] = true;
                    cellWrittenInManual[c] = mode == ScopeMode.Manual;
                }
            }
            o.EndScope();
        }
    }

    /// <summary>SplitMix64: a small, fast, fully specified generator (System.Random's sequence is not a contract).</summary>
    private struct Rng(ulong seed)
    {
        private ulong _state = seed;

        private ulong NextULong()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
        public int Next(int low, int high) => low + (int)(NextULong() % (ulong)(high - low));

        public long NextLong(long low, long high) => low + (long)(NextULong() % (ulong)(high - low));

        public bool Percent(int percent) => Next(0, 100) < percent;
    }
}
