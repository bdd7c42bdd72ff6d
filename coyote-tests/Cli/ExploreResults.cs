using Wireless.Checking.Exploration;

namespace Wireless.Checking.Cli;

/// <summary>
/// The results of one part of an exploration (<c>explore --shard i/n --results file</c>): what was explored, which part,
/// and every scenario's outcome. <c>merge</c> combines the parts' files into the outcome of the whole exploration.
/// </summary>
internal sealed record ExploreResults
{
    public const string CurrentFormat = "wireless-explore-results/1";

    public required string Format { get; init; }
    /// <summary>What was explored (target, runtime, variant, memory model, strategy, seed, budget): parts must agree.</summary>
    public required string Exploration { get; init; }
    public required int ShardIndex { get; init; }
    public required int ShardCount { get; init; }
    public required IReadOnlyList<ScenarioOutcome> Outcomes { get; init; }

    public void Save(string path) => JsonFile.Save(path, this);

    /// <summary>Reads a results file; throws <see cref="InvalidDataException"/> with a clear message if it cannot.</summary>
    public static ExploreResults Load(string path) => JsonFile.Load<ExploreResults>(path, "results", r => r.Format, CurrentFormat);

    /// <summary>
    /// The outcome of every scenario over all <paramref name="parts"/>, which must be distinct parts of one exploration;
    /// <paramref name="missing"/> names the parts of it that are not among them.
    /// </summary>
    public static IReadOnlyList<ScenarioOutcome> Merge(IReadOnlyList<ExploreResults> parts, out IReadOnlyList<string> missing)
    {
        if (parts.Count == 0) throw new InvalidDataException("no results to merge");
        var first = parts[0];
        foreach (var p in parts)
        {
            if (p.Exploration != first.Exploration)
                throw new InvalidDataException($"the results are of different explorations:\n  {first.Exploration}\n  {p.Exploration}");
            if (p.ShardCount != first.ShardCount)
                throw new InvalidDataException($"the results split the exploration differently ({first.ShardCount} and {p.ShardCount} parts)");
        }
        var duplicate = parts.GroupBy(p => p.ShardIndex).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"part {duplicate.Key}/{first.ShardCount} is given more than once");
        missing = Enumerable.Range(0, first.ShardCount).Except(parts.Select(p => p.ShardIndex)).Select(i => $"{i}/{first.ShardCount}").ToList();
        var names = parts.SelectMany(p => p.Outcomes.Select(o => o.Name)).Distinct();
        return names.Select(n => ScenarioOutcome.Merge(parts.OrderBy(p => p.ShardIndex).SelectMany(p => p.Outcomes.Where(o => o.Name == n)).ToList())).ToList();
    }
}
