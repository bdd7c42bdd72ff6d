using System.Net;
using System.Text;
using Wireless.Checking.Seam;
using Wireless.Memory;

namespace Wireless.Checking.Exploration;

/// <summary>
/// Writes a replayed interleaving as a self-contained HTML page (no server, no scripts from the network): at the top the
/// violated property, the state where the run stopped (the stall diagnosis) and a link to the violating step (the last
/// one: the run stops where it fails), and a legend; then one swimlane (column) per runtime thread and core, in
/// <see cref="Interleaving.Threads"/> order (protocol threads first), one row per step, colored by the spec action. The
/// start-up (the gate, idle cores) is folded in a block that opens on a click; folded polling runs span the lanes.
/// </summary>
public static class SwimlaneHtml
{
    /// <summary>A color of the picture: its CSS class, its background and what it marks (the legend's line).</summary>
    private sealed record Category(string Class, string Color, string Meaning);

    private static readonly Category[] s_categories =
    [
        new("orch", "#e8f0fe", "orchestrator: allocate, stamp last consumer, prepare, publish, alloc_tensors, end scope"),
        new("wire", "#fff4d6", "scheduler 0: drain the wiring queue, classify pending tasks"),
        new("wake", "#e6f4ea", "wake lists: register a waiter, close with the sentinel"),
        new("done", "#fce8e6", "completion: completion flag, watermark, TaskCompleted"),
        new("recl", "#f3e8fd", "reclamation: last_task_alive, SlotReclaimed"),
        new("core", "#e0f7fa", "cores: ACK, kernel, FIN"),
        new("gate", "#f1f3f4", "the CPU-mask gate"),
        new("other", "#ffffff", "ready queues, dispatch, polling cores, idle and abort checks"),
    ];

    public static void Write(string path, Interleaving interleaving, ReplayOutcome outcome)
    {
        var trace = outcome.Trace;
        var lanes = interleaving.Threads;
        var last = interleaving.Rows.Count > 0 ? interleaving.Rows[^1].First.Number : 0;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
          .Append(Enc($"{trace.Scenario} / {trace.Variant}"))
          .Append("</title><style>")
          .Append("body{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;margin:16px;color:#222}")
          .Append("h1{font-size:16px} .bug{background:#fde2e1;border:1px solid #d33;padding:8px;margin:8px 0;white-space:pre-wrap}")
          .Append(".state{background:#fff8e1;border:1px solid #e0b000;padding:8px;margin:8px 0;white-space:pre-wrap}")
          .Append(".legend span{display:inline-block;border:1px solid #ccc;padding:1px 6px;margin:2px 4px 2px 0}")
          .Append("details{margin:8px 0} summary{cursor:pointer;color:#555}")
          .Append("table{border-collapse:collapse;table-layout:fixed} th{position:sticky;top:0;background:#eee;padding:4px 6px;border-bottom:2px solid #999;width:170px}")
          .Append("th.n{width:48px} td{border-bottom:1px solid #eee;padding:2px 6px;vertical-align:top;overflow-wrap:anywhere} td.n{color:#888;text-align:right}")
          .Append("td.fold{color:#777;font-style:italic;background:#fafafa} .ev{font-weight:bold} tr#violation td{outline:2px solid #d33}");
        foreach (var c in s_categories) sb.Append('.').Append(c.Class).Append("{background:").Append(c.Color).Append('}');
        sb.Append("</style></head><body>");
        sb.Append("<h1>").Append(Enc($"scenario {trace.Scenario}, variant {trace.Variant}")).Append("</h1>");
        sb.Append("<div>").Append(Enc($"found with strategy {trace.Strategy}, seed {trace.Seed}; {trace.Source}")).Append("</div>");
        sb.Append("<div class=\"bug\">").Append(Enc(Verdict(outcome))).Append("\n<a href=\"#violation\">")
          .Append(Enc(outcome.Reproduced ? $"go to the violating step ({last})" : $"go to the last step ({last})")).Append("</a></div>");
        if (outcome.FinalState.Length > 0)
            sb.Append("<div class=\"state\">").Append(Enc("State when the run stopped:\n" + outcome.FinalState.TrimEnd())).Append("</div>");
        sb.Append("<div class=\"legend\">");
        foreach (var c in s_categories) sb.Append("<span class=\"").Append(c.Class).Append("\">").Append(Enc(c.Meaning)).Append("</span>");
        sb.Append("<span class=\"ev\">bold: a protocol event</span><span class=\"fold\">grey: polling reads that found nothing new, folded</span>")
          .Append("<span style=\"outline:2px solid #d33\">the violating step</span></div>");

        var startup = interleaving.StartupRows;
        if (startup > 0)
        {
            var rows = interleaving.Rows;
            sb.Append("<details><summary>").Append(Enc($"Start-up: steps {rows[0].First.Number}–{rows[startup].First.Number - 1}, the gate and idle cores until the orchestrator and the schedulers start (click to show)"))
              .Append("</summary>");
            Table(sb, lanes, rows.Take(startup), last);
            sb.Append("</details>");
        }
        Table(sb, lanes, interleaving.Rows.Skip(startup), last);
        sb.Append("<div class=\"bug\">").Append(Enc(Verdict(outcome))).Append("</div></body></html>");
        File.WriteAllText(path, sb.ToString());
    }

    private static string Verdict(ReplayOutcome outcome)
        => outcome.Divergence is { } divergence ? $"The trace did not replay as recorded: {divergence}; the run shown is not the recorded one."
            : outcome.Bug is { } bug ? $"Violated: {bug}"
            : $"The bug did not reproduce (the trace recorded: {outcome.Trace.Bug}).";

    private static void Table(StringBuilder sb, IReadOnlyList<string> lanes, IEnumerable<Interleaving.Row> rows, long last)
    {
        sb.Append("<table><tr class=\"lanes\"><th class=\"n\">step</th>");
        foreach (var lane in lanes) sb.Append("<th>").Append(Enc(lane)).Append("</th>");
        sb.Append("</tr>");
        foreach (var row in rows)
        {
            sb.Append(row.First.Number == last ? "<tr id=\"violation\">" : "<tr>");
            sb.Append("<td class=\"n\">").Append(row.First.Number).Append("</td>");
            if (row.IsFolded)
            {
                sb.Append("<td class=\"fold\" colspan=\"").Append(lanes.Count).Append("\">")
                  .Append(Enc($"{row.Count} polling reads that found nothing new (by {string.Join(", ", row.Threads)})")).Append("</td>");
            }
            else
            {
                foreach (var lane in lanes)
                {
                    if (lane != row.First.Thread)
                    {
                        sb.Append("<td></td>");
                        continue;
                    }
                    var s = row.First;
                    sb.Append("<td class=\"").Append(ClassOf(s)).Append("\">");
                    if (s.Action is null) sb.Append("<span class=\"ev\">").Append(Enc(s.Location)).Append("</span><br>").Append(Enc(s.Value));
                    else sb.Append("<b>").Append(Enc(s.Action.ToString()!)).Append("</b> ").Append(Enc(s.What)).Append("<br>").Append(Enc(s.Location)).Append(": ").Append(Enc(s.Value));
                    sb.Append("</td>");
                }
            }
            sb.Append("</tr>");
        }
        sb.Append("</table>");
    }

    private static string ClassOf(TraceStep s) => s.Action switch
    {
        null => s.Location switch
        {
            "TaskCompleted" or "TaskCompletedInline" => "done",
            "SlotReclaimed" => "recl",
            _ => "other",
        },
        SpecAction.Allocate or SpecAction.StampLastConsumer or SpecAction.PrepareTask
            or SpecAction.PublishTask or SpecAction.AllocTensors or SpecAction.EndScope => "orch",
        SpecAction.DrainWiring or SpecAction.Classify => "wire",
        SpecAction.RegisterWake or SpecAction.CloseWakeList => "wake",
        SpecAction.Complete or SpecAction.AdvanceWatermark => "done",
        SpecAction.Reclaim => "recl",
        SpecAction.CoreAck or SpecAction.RunKernel or SpecAction.CoreFinish => "core",
        SpecAction.Gate => "gate",
        _ => "other",
    };

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
