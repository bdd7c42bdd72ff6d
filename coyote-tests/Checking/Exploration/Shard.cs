namespace Wireless.Checking.Exploration;

/// <summary>
/// Part <see cref="Index"/> (0-based) of <see cref="Count"/> disjoint parts of an exploration: for every scenario,
/// its share of the iteration budget, explored with its own seed (the run's seed plus its index), so that parts run
/// anywhere (worker processes, CI matrix jobs, a Kubernetes indexed Job, a Slurm array) and their results merge into
/// one exploration. Part 0 explores exactly what an unsharded run with the same seed explores first. The bounded
/// strategy's depth-first search does not split: its parts are the scenarios themselves, each explored whole by
/// one part (<see cref="Owns"/>).
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static Shard Whole { get; } = new(0, 1);

    public bool IsWhole => Count == 1;

    /// <summary>"i/n" (0 ≤ i &lt; n); throws <see cref="ArgumentException"/> with a clear message otherwise.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var index) || !int.TryParse(parts[1], out var count))
            throw new ArgumentException($"--shard must be i/n, the 0-based part i of n (got '{text}')");
        if (count < 1 || index < 0 || index >= count)
            throw new ArgumentException($"--shard {text}: the part must be 0 to {Math.Max(count, 1) - 1} of {count} parts, and n at least 1");
        return new Shard(index, count);
    }

    /// <summary>Part <paramref name="worker"/> of this part split <paramref name="workers"/> ways, as a part of the whole.</summary>
    public Shard Split(int worker, int workers) => new(Index * workers + worker, Count * workers);

    /// <summary>This part's share of a total of <paramref name="iterations"/> (the first parts take the remainder).</summary>
    public int ShareOf(int iterations) => iterations / Count + (Index < iterations % Count ? 1 : 0);

    /// <summary>
    /// Whether this part explores scenario <paramref name="scenario"/> (0-based) of <paramref name="scenarios"/> under the
    /// bounded strategy: parts take consecutive runs of scenarios, so a part split again (<see cref="Split"/>) owns
    /// exactly its parts' scenarios.
    /// </summary>
    public bool Owns(int scenario, int scenarios) => (long)scenario * Count / scenarios == Index;

    /// <summary>The options this part explores with: its seed, its share of the iterations, its name in trace files.</summary>
    public ExploreOptions ApplyTo(ExploreOptions options)
        => IsWhole ? options : options.IsBounded ? options with { TraceTag = $"part{Index}of{Count}" } : options with
        {
            Seed = unchecked(options.Seed + (uint)Index),
            Iterations = ShareOf(options.Iterations),
            TraceTag = $"part{Index}of{Count}",
        };

    public override string ToString() => $"{Index}/{Count}";
}
