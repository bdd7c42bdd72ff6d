using Wireless.Checking.Cli;
using Wireless.Checking.Exploration;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// Exploration in parts: a shard's share of the budget and its seed, worker processes, results files and merge.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class ShardTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "wireless-shard-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(10, 3)]
    [InlineData(2, 5)]
    [InlineData(1000, 16)]
    public void The_parts_share_the_iterations_exactly(int iterations, int parts)
    {
        var shares = Enumerable.Range(0, parts).Select(i => new Shard(i, parts).ShareOf(iterations)).ToArray();
        Assert.Equal(iterations, shares.Sum());
        Assert.True(shares.Max() - shares.Min() <= 1);
    }

    [Fact]
    public void Part_0_explores_with_the_run_s_seed_and_the_others_with_their_own()
    {
        var options = new ExploreOptions { Seed = 7, Iterations = 9 };
        Assert.Same(options, Shard.Whole.ApplyTo(options));
        var seeds = Enumerable.Range(0, 3).Select(i => new Shard(i, 3).ApplyTo(options).Seed).ToArray();
        Assert.Equal([7u, 8u, 9u], seeds);
        Assert.Equal(new Shard(5, 8), new Shard(1, 2).Split(1, 4));
    }

    [Theory]
    [InlineData("2/2")]
    [InlineData("-1/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("0/0")]
    public void A_bad_shard_is_bad_input(string shard)
        => Assert.Equal(ExitCodes.BadInput, Program.Main(["explore", "chain", "--shard", shard, "--iterations", "1"]));

    [Fact]
    public void Parts_explored_apart_merge_into_the_whole()
    {
        var a = Path.Combine(Folder, "a.json");
        var b = Path.Combine(Folder, "b.json");
        Assert.Equal(ExitCodes.Ok, Explore("--iterations", "5", "--shard", "0/2", "--workers", "1", "--results", a));
        Assert.Equal(ExitCodes.Ok, Explore("--iterations", "5", "--shard", "1/2", "--workers", "1", "--results", b));
        var merged = ExploreResults.Merge([ExploreResults.Load(a), ExploreResults.Load(b)], out var missing);
        Assert.Empty(missing);
        Assert.Equal(5, Assert.Single(merged).Iterations);
        Assert.Equal(ExitCodes.Ok, Program.Main(["merge", a, b]));
        Assert.Equal(ExitCodes.Ok, Program.Main(["merge", a]));
        Assert.Equal(ExitCodes.BadInput, Program.Main(["merge", a, a]));

        var other = Path.Combine(Folder, "other.json");
        Assert.Equal(ExitCodes.Ok, Explore("--iterations", "5", "--seed", "9", "--shard", "1/2", "--workers", "1", "--results", other));
        Assert.Equal(ExitCodes.BadInput, Program.Main(["merge", a, other]));
    }

    [Fact]
    public void Worker_processes_explore_the_parts_and_their_results_merge()
    {
        var results = Path.Combine(Folder, "workers.json");
        Assert.Equal(ExitCodes.Ok, Explore("--iterations", "4", "--workers", "2", "--results", results));
        var outcome = Assert.Single(ExploreResults.Load(results).Outcomes);
        Assert.Equal(4, outcome.Iterations);
        Assert.Equal(2, outcome.Parts);
    }

    [Fact]
    public void A_bug_found_by_one_worker_is_the_run_s_bug()
        => Assert.Equal(ExitCodes.Bug, Explore("--variant", "double-wake", "--iterations", "40", "--workers", "2"));

    private static int Explore(params string[] options)
        => Program.Main(["explore", "chain", "--memory-model", "off", "--traces", Path.Combine(Folder, "traces"), .. options]);
}
