using Wireless.Checking.Cli;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// Where <c>replay</c> writes its pictures: to the traces folder, or to the folder <c>--out</c> names, never next to the
/// trace (a pinned trace lives in the source tree), and it prints the path of each file it wrote.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class ReplayOutputTests
{
    private static readonly string s_pinned = Path.Combine(AppContext.BaseDirectory, "regressions", "watermark-stall.trace");

    /// <summary>A copy of the pinned trace in a folder of its own named like the source tree's.</summary>
    private static string PinnedCopy()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Checks.TraceFolder, Guid.NewGuid().ToString("N"), "regressions")).FullName;
        var path = Path.Combine(folder, "watermark-stall.trace");
        File.Copy(s_pinned, path);
        return path;
    }

    /// <summary>The absolute paths named by the output's "Wrote ...: path" lines.</summary>
    private static string[] WrittenPaths(string output)
        => output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Wrote ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToArray();

    [Fact(Timeout = 120_000)]
    public async Task Replay_writes_nothing_next_to_the_trace_and_prints_each_file()
    {
        var trace = PinnedCopy();
        var (exit, output) = await Task.Run(() => Checks.RunCommandLine("replay", trace));
        Assert.Equal(ExitCodes.Bug, exit);
        Assert.Equal(["watermark-stall.trace"], Directory.GetFiles(Path.GetDirectoryName(trace)!).Select(Path.GetFileName));
        var written = WrittenPaths(output);
        Assert.NotEmpty(written);
        var traces = Path.GetFullPath(new Exploration.ExploreOptions().TraceFolder);
        foreach (var path in written)
        {
            Assert.True(File.Exists(path), $"replay printed {path}, which does not exist");
            Assert.Equal(traces, Path.GetDirectoryName(path));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Replay_writes_to_the_out_folder()
    {
        var trace = PinnedCopy();
        var folder = Path.Combine(Checks.TraceFolder, Guid.NewGuid().ToString("N"), "pictures");
        var (exit, output) = await Task.Run(() => Checks.RunCommandLine("replay", trace, "--out", folder));
        Assert.Equal(ExitCodes.Bug, exit);
        var written = WrittenPaths(output);
        Assert.Contains(Path.Combine(Path.GetFullPath(folder), "watermark-stall.html"), written);
        Assert.All(written, path => Assert.True(File.Exists(path) && Path.GetDirectoryName(path) == Path.GetFullPath(folder), path));
    }
}
