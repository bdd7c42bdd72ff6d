using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Wireless.Tests;

/// <summary>
/// The benchmark figures the documents quote are the saved results: perf/README.md's results section is what
/// <c>perf -- report</c> generates from perf/results, and the README's Numbers section quotes that section's figures
/// and the commit the results were measured on. Re-running the benchmarks without updating the prose fails here.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PerfReadmeTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public void The_results_section_of_perf_README_is_what_report_generates_from_the_saved_results()
    {
        var work = Directory.CreateTempSubdirectory("wireless-report-").FullName;
        try
        {
            // A copy of both, since report also rewrites the plots in the results folder.
            var results = Path.Combine(work, "results");
            Directory.CreateDirectory(results);
            foreach (var file in Directory.GetFiles(Path.Combine(Root, "perf", "results")))
                File.Copy(file, Path.Combine(results, Path.GetFileName(file)));
            var readme = Path.Combine(work, "README.md");
            File.Copy(Path.Combine(Root, "perf", "README.md"), readme);

            var (exit, _, errors) = PerfCommandLineTests.Perf("report", "--results", results, "--readme", readme);
            Assert.True(exit == 0, string.Join('\n', errors));
            Assert.Equal(File.ReadAllText(Path.Combine(Root, "perf", "README.md")), File.ReadAllText(readme));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public void The_README_quotes_the_saved_results_and_their_commit()
    {
        var perfReadme = File.ReadAllText(Path.Combine(Root, "perf", "README.md"));
        var numbers = Section(File.ReadAllText(Path.Combine(Root, "README.md")), "## Numbers");

        // The commit the saved results were measured on (machine.txt: "build  commit ddfc67c72f12, ...").
        var machine = File.ReadAllText(Path.Combine(Root, "perf", "results", "machine.txt"));
        var commit = Regex.Match(machine, @"build\s+commit ([0-9a-f]{7})").Groups[1].Value;
        Assert.NotEmpty(commit);
        Assert.Contains($"commit `{commit}`", numbers);

        // wired ÷ wireless, geometric mean per device, from the workload table's "geometric mean" rows.
        string Mean(string device) =>
            Regex.Match(perfReadme, $@"\| \*\*geometric mean\*\* +\| {device} +\| +\| +\| +\*\*([0-9.]+×)\*\*").Groups[1].Value;
        var (zero, timed, empty) = (Mean("Zero"), Mean("Timed"), Mean("Empty"));
        Assert.All(new[] { zero, timed, empty }, Assert.NotEmpty);
        Assert.Contains($"wired ÷ wireless is {zero} in geometric mean over the eight workloads on the zero device, {timed} timed and {empty} with empty kernels", numbers);

        // paged-attention-case1's wireless ns/task on the zero and the empty device.
        string NsPerTask(string device) => int.Parse(
            Regex.Match(perfReadme, $@"\| paged-attention-case1 +\| {device} +\| +65,792 \| +([0-9]+) \|").Groups[1].Value,
            CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture);
        Assert.Contains($"paged-attention-case1 takes {NsPerTask("Zero")} ns a task", numbers);
        Assert.Contains($"{NsPerTask("Empty")} ns with empty kernels", numbers);
    }

    [Fact]
    public void The_README_quotes_the_saved_checker_speed()
    {
        var numbers = Section(File.ReadAllText(Path.Combine(Root, "README.md")), "## Numbers");
        var speed = File.ReadAllText(Path.Combine(Root, "perf", "results", "checker-speed.md"));
        var date = Regex.Match(speed, @"^Measured (\d{4}-\d\d-\d\d)").Groups[1].Value;
        Assert.NotEmpty(date);

        // The exploration table: scenario | it/s on | steps/it on | GC | it/s off | steps/it off | it/s workers | ratio.
        var rows = Regex.Matches(speed, @"^\| ([a-z0-9-]+) \| (\d+) \| (\d+) \| \d+% \| \d+ \| \d+ \| (\d+) \|", RegexOptions.Multiline)
            .Select(m => (Scenario: m.Groups[1].Value, On: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                Steps: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), Workers: int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture)))
            .ToList();
        Assert.True(rows.Count >= 10, $"only {rows.Count} rows in checker-speed.md's exploration table");
        var gate = rows.Single(r => r.Scenario == "gate");
        var others = rows.Where(r => r.Scenario != "gate").ToList();
        static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

        Assert.Contains($"Exploration (`perf/checker-speed.sh`, {date}): {others.Min(r => r.On)}–{others.Max(r => r.On)} iterations/s per "
            + $"scenario with the memory model in one process (the gate: {gate.On}), {others.Min(r => r.Workers)}–{others.Max(r => r.Workers)} "
            + $"with a worker process per CPU (the gate: {gate.Workers})", numbers);
        Assert.Contains($"{N(others.Min(r => r.Steps))}–{N(others.Max(r => r.Steps))} scheduling points per iteration", numbers);
    }

    /// <summary>The text of a markdown section up to the next heading of the same level, whitespace collapsed.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{heading}' section");
        var end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return Regex.Replace(markdown[start..(end < 0 ? markdown.Length : end)], @"\s+", " ");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "perf")))
                return dir.FullName;
        throw new InvalidOperationException("the repository root (README.md) is not above the test's folder");
    }
}
