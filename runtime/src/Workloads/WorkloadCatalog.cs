using System.Globalization;

namespace Wireless.Workloads;

/// <summary>
/// The workloads a command line can name: the built-in benchmarks of seed-design §9, <c>random:&lt;seed&gt;:&lt;tasks&gt;</c>
/// (<see cref="RandomDag"/>) and JSON files (<see cref="JsonDag"/>).
/// </summary>
public static class WorkloadCatalog
{
    /// <summary>A built-in workload: its name, a one-line description and a factory.</summary>
    public sealed record Entry(string Name, string Description, Func<Workload> Create);

    /// <summary>Prefix of the random-DAG form <c>random:&lt;seed&gt;:&lt;tasks&gt;</c>.</summary>
    public const string RandomPrefix = "random:";

    /// <summary>The built-in workloads, in catalog order.</summary>
    public static IReadOnlyList<Entry> Entries { get; } =
    [
        new("paged-attention-case1", "paged attention, auto deps (TensorMap): batch 256, 64 blocks; 65,792 tasks; UP fanin 4 (seed §9.1 Case1)",
            PagedAttention.Case1),
        new("paged-attention-case4", "paged attention, auto deps (TensorMap): batch 16, 16 blocks; 1,040 tasks (seed §9.1 Case4)",
            PagedAttention.Case4),
        new("paged-attention-small1", "paged attention, auto deps (TensorMap): batch 1, 3 blocks; 13 tasks (seed §9.1 CaseSmall1)",
            PagedAttention.Small1),
        new("paged-attention-manual-case1", "paged attention, manual scopes, explicit deps: batch 256, 64 blocks; 65,792 tasks (seed §9.2 Case1)",
            PagedAttentionManual.Case1),
        new("paged-attention-manual-case2", "paged attention, manual scopes, explicit deps: batch 64, 128 blocks; 32,832 tasks (seed §9.2 Case2)",
            PagedAttentionManual.Case2),
        new("pa-unroll-manual-case1", "unrolled paged attention (64 blocks per task), manual scopes: batch 256; 1,280 long tasks (seed §9.3 Case1)",
            PaUnrollManual.Case1),
        new("pa-unroll-manual-case2", "unrolled paged attention (64 blocks per task), manual scopes: batch 64, 2 groups; 576 long tasks (seed §9.3 Case2)",
            PaUnrollManual.Case2),
        new("bgemm-case0", "batched GEMM + ADD, auto deps: 250 independent groups of GEMM/ADD x2; 1,000 tasks (seed §9.4 Case0)",
            Bgemm.Case0),
    ];

    /// <summary>The built-in workload names, in catalog order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The parameterised forms <see cref="Create"/> also accepts, with one-line descriptions.</summary>
    public static IReadOnlyList<(string Form, string Description)> Forms { get; } =
    [
        ("random:<seed>:<tasks>", "deterministic random DAG: mixed shapes, auto and manual scopes, explicit, creator and TensorMap edges"),
        ("<file>", "a DAG read from a JSON file, whatever its extension (see perf/examples/diamond.json)"),
    ];

    /// <summary>
    /// Creates a workload from a built-in name (case-insensitive), <c>random:&lt;seed&gt;:&lt;tasks&gt;</c>, or the path
    /// of an existing file (read as a JSON DAG, whatever its extension) or of one ending in <c>.json</c>. Throws <see cref="ArgumentException"/> for an unknown name or a bad random spec, and
    /// <see cref="Orchestration.RuntimeErrorException"/> for an unreadable or invalid JSON file.
    /// </summary>
    public static Workload Create(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        var spec = nameOrPath.Trim();
        foreach (var entry in Entries)
            if (string.Equals(entry.Name, spec, StringComparison.OrdinalIgnoreCase)) return entry.Create();

        if (spec.StartsWith(RandomPrefix, StringComparison.OrdinalIgnoreCase)) return CreateRandom(spec);

        if (IsDagFile(spec)) return JsonDag.Load(spec);

        throw new ArgumentException(
            $"unknown workload '{nameOrPath}'. Known workloads: {string.Join(", ", Names)}; or random:<seed>:<tasks>; or the path of a JSON DAG file");
    }

    /// <summary>
    /// Whether a workload argument names a JSON DAG file: an existing file, whatever its extension, or a path ending in
    /// <c>.json</c> (which, missing, gets the file's own error rather than "unknown workload").
    /// </summary>
    public static bool IsDagFile(string path)
        => File.Exists(path) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static RandomDag CreateRandom(string spec)
    {
        var parts = spec.Split(':');
        if (parts.Length != 3)
            throw new ArgumentException($"bad random workload '{spec}': expected random:<seed>:<tasks>, e.g. random:42:1000");
        if (!long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
            throw new ArgumentException($"bad random workload '{spec}': seed '{parts[1]}' is not an integer (expected random:<seed>:<tasks>)");
        if (!int.TryParse(parts[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var tasks))
            throw new ArgumentException($"bad random workload '{spec}': task count '{parts[2]}' is not an integer (expected random:<seed>:<tasks>)");
        if (tasks < 1)
            throw new ArgumentException($"bad random workload '{spec}': task count must be >= 1 (got {tasks})");
        return new RandomDag(seed, tasks);
    }
}
