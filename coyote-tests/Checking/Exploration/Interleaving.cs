using Wireless.Checking.Seam;

namespace Wireless.Checking.Exploration;

/// <summary>
/// A recorded interleaving prepared for reading: every write, read-modify-write and protocol event is kept; a run
/// of consecutive plain reads that change nothing (threads polling an empty queue, an idle core, a closed gate) is
/// folded into one summary row, so a liveness trace shows its thousands of spinning steps as a few lines.
/// </summary>
public sealed class Interleaving
{
    /// <summary>A row: one step, or a folded run of polling steps.</summary>
    public sealed record Row(TraceStep First, int Count, IReadOnlyList<string> Threads)
    {
        public bool IsFolded => Count > 1;
    }

    private const int FoldAtLeast = 6;

    public Interleaving(IReadOnlyList<TraceStep> steps, bool fold = true)
    {
        Steps = steps;
        Threads = steps.Select(s => s.Thread).Distinct().OrderBy(ThreadOrder).ThenBy(t => t, StringComparer.Ordinal).ToArray();
        var rows = new List<Row>();
        var i = 0;
        while (i < steps.Count)
        {
            var j = i;
            while (fold && j < steps.Count && IsPoll(steps[j])) j++;
            if (j - i >= FoldAtLeast)
            {
                rows.Add(new Row(steps[i], j - i, steps.Skip(i).Take(j - i).Select(s => s.Thread).Distinct().ToArray()));
                i = j;
            }
            else
            {
                rows.Add(new Row(steps[i], 1, [steps[i].Thread]));
                i++;
            }
        }
        Rows = rows;
    }

    public IReadOnlyList<TraceStep> Steps { get; }
    public IReadOnlyList<Row> Rows { get; }
    /// <summary>Runtime threads and cores in display order: test, aicpu-*, core-*.</summary>
    public IReadOnlyList<string> Threads { get; }

    public void WriteText(TextWriter output)
    {
        output.WriteLine($"{"step",5}  {"thread",-9} {"action",-17} {"access",-20} {"location",-34} value");
        foreach (var row in Rows)
        {
            if (row.IsFolded)
                output.WriteLine($"{row.First.Number,5}  ... {row.Count} polling reads that found nothing new (by {string.Join(", ", row.Threads)})");
            else
                output.WriteLine(row.First.ToString());
        }
    }

    private static bool IsPoll(TraceStep s) => s.What.StartsWith("load", StringComparison.Ordinal) || s.What.StartsWith("cas", StringComparison.Ordinal) && s.Value.StartsWith("CAS failed", StringComparison.Ordinal);

    private static int ThreadOrder(string t) => t == "test" ? 0 : t.StartsWith("aicpu", StringComparison.Ordinal) ? 1 : 2;
}
