using Wireless.Checking.Seam;

namespace Wireless.Checking.Exploration;

/// <summary>
/// A recorded interleaving prepared for reading: every write, read-modify-write and protocol event is kept; a run
/// of consecutive plain reads that change nothing (threads polling an empty queue, an idle core, a closed gate) is
/// folded into one summary row, so a liveness trace shows its thousands of spinning steps as a few lines; the last step,
/// where the run stopped (the violation), keeps a row of its own. Its threads
/// are ordered protocol first: the orchestrator, the schedulers, the cores, then threads seen only in the gate (a
/// launched thread's steps before it took its role, or one that left).
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
        Threads = steps.Select(s => s.Thread).Distinct().OrderBy(ThreadOrder).ThenBy(Index).ThenBy(t => t, StringComparer.Ordinal).ToArray();
        var rows = new List<Row>();
        var i = 0;
        while (i < steps.Count)
        {
            var j = i;
            while (fold && j < steps.Count - 1 && IsPoll(steps[j])) j++;
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
        var protocol = rows.FindIndex(r => IsProtocol(r.First));
        StartupRows = protocol < 0 ? 0 : protocol;
    }

    public IReadOnlyList<TraceStep> Steps { get; }
    public IReadOnlyList<Row> Rows { get; }
    /// <summary>Runtime threads and cores in display order: orch, sched-*, core-*, aicpu-*, test, by number.</summary>
    public IReadOnlyList<string> Threads { get; }

    /// <summary>
    /// How many rows the start-up takes: those before the orchestrator or a scheduler first does protocol work (the gate,
    /// idle cores); 0 if no thread got that far (a gate scenario: the gate is the whole story).
    /// </summary>
    public int StartupRows { get; }

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

    private static bool IsProtocol(TraceStep s)
        => ThreadOrder(s.Thread) <= 1 && s.Action is not (null or Wireless.Memory.SpecAction.Gate or Wireless.Memory.SpecAction.Abort);

    private static readonly string[] s_order = ["orch", "sched-", "core-", "aicpu-", "test"];

    private static int ThreadOrder(string t)
    {
        var i = Array.FindIndex(s_order, prefix => t.StartsWith(prefix, StringComparison.Ordinal));
        return i < 0 ? s_order.Length : i;
    }

    /// <summary>The number a thread's name ends with ("core-10": 10), so that core-10 follows core-9.</summary>
    private static int Index(string t) => int.TryParse(t[(t.LastIndexOf('-') + 1)..], out var n) ? n : -1;
}
