using System.Globalization;
using Wireless.Checking.Exploration;
using Wireless.Cli;

namespace Wireless.Checking.Cli;

/// <summary>The closing table of an exploration (explore, merge) and its exit code.</summary>
internal static class OutcomeReport
{
    /// <summary>
    /// Writes one row per scenario and a verdict line (with each bug and its trace if <paramref name="listBugs"/>; explore
    /// has printed them as it found them); returns <see cref="ExitCodes.Bug"/> if any part found a bug.
    /// </summary>
    public static int Write(TextWriter output, IReadOnlyList<ScenarioOutcome> outcomes, bool listBugs)
    {
        output.WriteLine();
        var parts = outcomes.Any(o => o.Parts > 1);
        var table = new TextTable(("scenario", false), ("iterations", true), ("distinct", true), ("it/s", true), ("steps/it", true), ("max steps", true),
            ("GC pause", true), ("KB/it", true), ("checks", false), ("bugs", true));
        foreach (var o in outcomes)
        {
            var perIteration = Math.Max(1, o.Iterations);
            table.AddRow(o.Name, Num(o.Iterations), (o.Parts > 1 ? "<=" : "") + Num(o.DistinctExecutions), o.IterationsPerSecond.ToString("F0", CultureInfo.InvariantCulture),
                Num(o.TotalSteps / perIteration), Num(o.MaxSteps), (o.GcPauseShare * 100).ToString("F0", CultureInfo.InvariantCulture) + "%",
                Num(o.AllocatedBytes / 1024 / perIteration), o.Checks, parts ? $"{o.Bugs}/{o.Parts}" : o.Bugs.ToString(CultureInfo.InvariantCulture));
        }
        table.Write(output);
        output.WriteLine("  (distinct: iterations whose execution graphs differ, i.e. not only in the order of independent accesses)");
        if (parts) output.WriteLine("  (bugs: parts of the exploration that found one / parts; distinct: the parts' sum, an upper bound; it/s: all parts together, per second of wall-clock time)");
        var buggy = outcomes.Where(o => o.Bug is not null).ToList();
        output.WriteLine(buggy.Count == 0 ? "No bug found." : $"{buggy.Count} scenario(s) found a bug.");
        if (listBugs) foreach (var o in buggy) output.WriteLine($"  {o.Name}: {o.Bug}\n    trace: {o.TracePath}");
        return buggy.Count == 0 ? ExitCodes.Ok : ExitCodes.Bug;
    }

    private static string Num(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
