using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wireless.Memory;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// The seam's cost: does <c>TMem = FastMemory</c> compile away? Each category times the same loop over one shared-memory
/// operation of the hot path (acquire load, release store, CAS, exchange, fetch-add), written once directly with
/// <see cref="Volatile"/>/<see cref="Interlocked"/> (the baseline) and once through the seam in a generic method
/// instantiated with <see cref="FastMemory"/>. Single-threaded: the question is the code, not contention. Times are
/// per operation. The disassembly diagnoser exports both loops' machine code (BenchmarkDotNet.Artifacts/results/
/// *-asm.md) to compare instruction by instruction.
/// </summary>
[MemoryDiagnoser]
[MarkdownExporterAttribute.GitHub]
[DisassemblyDiagnoser(maxDepth: 2, exportGithubMarkdown: true)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SeamBenchmarks
{
    /// <summary>Operations per invocation (the loop length).</summary>
    public const int Operations = 1024;

    private const int Mask = 63;

    /// <summary>64 ints (4 cache lines): a polled array like the completion flags, always in L1.</summary>
    private readonly int[] _cells = GC.AllocateArray<int>(Mask + 1, pinned: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations), BenchmarkCategory("acquire load")]
    public int LoadDirect() => Direct.AcquireLoads(_cells);

    [Benchmark(OperationsPerInvoke = Operations), BenchmarkCategory("acquire load")]
    public int LoadSeam() => ThroughSeam.AcquireLoads<FastMemory>(_cells);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations), BenchmarkCategory("release store")]
    public void StoreDirect() => Direct.ReleaseStores(_cells);

    [Benchmark(OperationsPerInvoke = Operations), BenchmarkCategory("release store")]
    public void StoreSeam() => ThroughSeam.ReleaseStores<FastMemory>(_cells);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations), BenchmarkCategory("CAS")]
    public int CasDirect() => Direct.CompareExchanges(_cells);

    [Benchmark(OperationsPerInvoke = Operations), BenchmarkCategory("CAS")]
    public int CasSeam() => ThroughSeam.CompareExchanges<FastMemory>(_cells);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations), BenchmarkCategory("exchange")]
    public int ExchangeDirect() => Direct.Exchanges(_cells);

    [Benchmark(OperationsPerInvoke = Operations), BenchmarkCategory("exchange")]
    public int ExchangeSeam() => ThroughSeam.Exchanges<FastMemory>(_cells);

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations), BenchmarkCategory("fetch-add")]
    public int FetchAddDirect() => Direct.FetchAdds(_cells);

    [Benchmark(OperationsPerInvoke = Operations), BenchmarkCategory("fetch-add")]
    public int FetchAddSeam() => ThroughSeam.FetchAdds<FastMemory>(_cells);

    /// <summary>The loops written directly against <see cref="Volatile"/> and <see cref="Interlocked"/>.</summary>
    private static class Direct
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int AcquireLoads(int[] cells)
        {
            var sum = 0;
            for (var i = 0; i < Operations; i++) sum += Volatile.Read(ref cells[i & Mask]);
            return sum;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void ReleaseStores(int[] cells)
        {
            for (var i = 0; i < Operations; i++) Volatile.Write(ref cells[i & Mask], i);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int CompareExchanges(int[] cells)
        {
            var sum = 0;
            for (var i = 0; i < Operations; i++) sum += Interlocked.CompareExchange(ref cells[i & Mask], i, sum);
            return sum;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Exchanges(int[] cells)
        {
            var sum = 0;
            for (var i = 0; i < Operations; i++) sum += Interlocked.Exchange(ref cells[i & Mask], i);
            return sum;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int FetchAdds(int[] cells)
        {
            var sum = 0;
            for (var i = 0; i < Operations; i++) sum += Interlocked.Add(ref cells[i & Mask], 1) - 1;
            return sum;
        }
    }

    /// <summary>The same loops through the seam, with the orderings and actions the runtime's hot path passes.</summary>
    private static class ThroughSeam
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int AcquireLoads<TMem>(int[] cells) where TMem : struct, ISharedMemory
        {
            var sum = 0;
            for (var i = 0; i < Operations; i++) sum += TMem.Load(ref cells[i & Mask], MemoryOrder.Acquire, SpecAction.Classify);
            return sum;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void ReleaseStores<TMem>(int[] cells) where TMem : struct, ISharedMemory
        {
            for (var i = 0; i < Operations; i++) TMem.Store(ref cells[i & Mask], i, MemoryOrder.Release, SpecAction.Complete);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int CompareExchanges<TMem>(int[] cells) where TMem : struct, ISharedMemory
        {
            var sum = 0;
            for (var i = 0; i < Operations; i++) sum += TMem.CompareExchange(ref cells[i & Mask], i, sum, MemoryOrder.SeqCst, SpecAction.AdvanceWatermark);
            return sum;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int Exchanges<TMem>(int[] cells) where TMem : struct, ISharedMemory
        {
            var sum = 0;
            for (var i = 0; i < Operations; i++) sum += TMem.Exchange(ref cells[i & Mask], i, MemoryOrder.AcqRel, SpecAction.CloseWakeList);
            return sum;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public static int FetchAdds<TMem>(int[] cells) where TMem : struct, ISharedMemory
        {
            var sum = 0;
            for (var i = 0; i < Operations; i++) sum += TMem.FetchAdd(ref cells[i & Mask], 1, MemoryOrder.Relaxed, SpecAction.Complete);
            return sum;
        }
    }
}
