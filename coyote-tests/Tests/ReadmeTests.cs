using System.Text.RegularExpressions;
using Wireless.Checking.Exploration;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>The README's worked example quotes steps of a pinned trace: they must be the steps its replay prints.</summary>
[Collection(CoyoteCollection.Name)]
public sealed partial class ReadmeTests
{
    [Fact(Timeout = 300_000)]
    public async Task The_worked_example_quotes_the_pinned_trace()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("## A worked example", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var example = readme[start..(end < 0 ? readme.Length : end)];
        var quoted = QuotedStep().Matches(example).Select(m => m.Groups[1].Value.TrimEnd()).ToList();
        Assert.NotEmpty(quoted);

        var trace = BugTrace.Load(Path.Combine(AppContext.BaseDirectory, "regressions", "watermark-stall.trace"));
        var replay = await Task.Run(() => Replayer.Replay(trace));
        var printed = new StringWriter();
        // Unfolded, as `replay --all` prints it (the README quotes that): a quoted poll may fall in a folded run.
        new Interleaving(replay.Steps, fold: false).WriteText(printed);
        var lines = printed.ToString().Split('\n').Select(l => l.TrimEnd()).ToHashSet();
        foreach (var line in quoted) Assert.Contains(line, lines);
    }

    /// <summary>A step line of an indented block: four spaces of Markdown, then the replay's own line.</summary>
    [GeneratedRegex(@"^    (\s*\d+  \S.*)$", RegexOptions.Multiline)]
    private static partial Regex QuotedStep();

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "coyote-tests"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (README.md) is not above the test's folder");
    }
}
