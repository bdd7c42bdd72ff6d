using System.Collections.Concurrent;
using Wireless.Workloads;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// The workloads the benchmarks run: the catalog's (seed-design §9, random DAGs) and, for the task-count scaling,
/// paged attention of Case1's shape (64 KV blocks per sequence, 257 tasks per sequence) with as many sequences as
/// give about the wanted number of tasks.
/// </summary>
internal static class BenchmarkWorkloads
{
    /// <summary>KV blocks per sequence of the PA-shaped workloads, as in Case1.</summary>
    public const int PagedAttentionBlocks = 64;

    private static readonly ConcurrentDictionary<string, int> TaskCounts = new();

    /// <summary>A catalog workload (a §9 name or <c>random:&lt;seed&gt;:&lt;tasks&gt;</c>).</summary>
    public static Workload Create(string name) => WorkloadCatalog.Create(name);

    /// <summary>Tasks of catalog workload <paramref name="name"/> (cached: some workloads are costly to construct).</summary>
    public static int TaskCount(string name) => TaskCounts.GetOrAdd(name, n => WorkloadCatalog.Create(n).TaskCount);

    /// <summary>Paged attention of Case1's shape with about <paramref name="approximateTasks"/> tasks (at least one sequence).</summary>
    public static Workload PagedAttentionShaped(int approximateTasks)
        => new PagedAttention($"paged-attention-{approximateTasks}", SequencesFor(approximateTasks), PagedAttentionBlocks);

    /// <summary>The exact task count of <see cref="PagedAttentionShaped"/>(<paramref name="approximateTasks"/>).</summary>
    public static int PagedAttentionShapedTaskCount(int approximateTasks) => SequencesFor(approximateTasks) * (1 + 4 * PagedAttentionBlocks);

    private static int SequencesFor(int approximateTasks)
        => Math.Max(1, (int)Math.Round(approximateTasks / (double)(1 + 4 * PagedAttentionBlocks)));
}
