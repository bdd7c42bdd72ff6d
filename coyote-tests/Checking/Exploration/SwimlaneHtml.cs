using System.Net;
using System.Text;
using Wireless.Checking.Seam;

namespace Wireless.Checking.Exploration;

/// <summary>
/// Writes an interleaving as a self-contained HTML page (no server, no scripts from the network): one swimlane
/// (column) per runtime thread and core, one row per step, colored by the spec action; folded polling runs span
/// the lanes; the violated property is shown at the top and at the end.
/// </summary>
public static class SwimlaneHtml
{
    public static void Write(string path, Interleaving interleaving, BugTrace trace, string? bug)
    {
        var lanes = interleaving.Threads;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
          .Append(Enc($"{trace.Scenario} / {trace.Variant}"))
          .Append("</title><style>")
          .Append("body{font:12px/1.35 ui-monospace,Menlo,Consolas,monospace;margin:16px;color:#222}")
          .Append("h1{font-size:16px} .bug{background:#fde2e1;border:1px solid #d33;padding:8px;margin:8px 0;white-space:pre-wrap}")
          .Append("table{border-collapse:collapse} th{position:sticky;top:0;background:#eee;padding:4px 6px;border-bottom:2px solid #999}")
          .Append("td{border-bottom:1px solid #eee;padding:2px 6px;vertical-align:top;min-width:120px} td.n{color:#888;text-align:right;min-width:40px}")
          .Append("td.fold{color:#777;font-style:italic;background:#fafafa} .ev{font-weight:bold}")
          .Append(".orch{background:#e8f0fe}.wire{background:#fff4d6}.wake{background:#e6f4ea}.done{background:#fce8e6}.recl{background:#f3e8fd}.core{background:#e0f7fa}.gate{background:#f1f3f4}")
          .Append("</style></head><body>");
        sb.Append("<h1>").Append(Enc($"scenario {trace.Scenario}, variant {trace.Variant}")).Append("</h1>");
        sb.Append("<div>").Append(Enc($"found with strategy {trace.Strategy}, seed {trace.Seed}; {trace.Source}")).Append("</div>");
        sb.Append("<div class=\"bug\">").Append(Enc(bug ?? "the bug did not reproduce")).Append("</div>");
        sb.Append("<table><tr><th>step</th>");
        foreach (var lane in lanes) sb.Append("<th>").Append(Enc(lane)).Append("</th>");
        sb.Append("</tr>");
        foreach (var row in interleaving.Rows)
        {
            sb.Append("<tr><td class=\"n\">").Append(row.First.Number).Append("</td>");
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
                    sb.Append("<td class=\"").Append(Category(s)).Append("\">");
                    if (s.Action is null) sb.Append("<span class=\"ev\">").Append(Enc(s.Location)).Append("</span><br>").Append(Enc(s.Value));
                    else sb.Append("<b>").Append(Enc(s.Action.ToString()!)).Append("</b> ").Append(Enc(s.What)).Append("<br>").Append(Enc(s.Location)).Append(": ").Append(Enc(s.Value));
                    sb.Append("</td>");
                }
            }
            sb.Append("</tr>");
        }
        sb.Append("</table><div class=\"bug\">").Append(Enc(bug ?? "no bug")).Append("</div></body></html>");
        File.WriteAllText(path, sb.ToString());
    }

    private static string Category(TraceStep s) => s.Action switch
    {
        null => s.Location switch
        {
            "TaskCompleted" or "TaskCompletedInline" => "done",
            "SlotReclaimed" => "recl",
            _ => "",
        },
        Wireless.Memory.SpecAction.Allocate or Wireless.Memory.SpecAction.StampLastConsumer or Wireless.Memory.SpecAction.PrepareTask
            or Wireless.Memory.SpecAction.PublishTask or Wireless.Memory.SpecAction.AllocTensors or Wireless.Memory.SpecAction.EndScope => "orch",
        Wireless.Memory.SpecAction.DrainWiring or Wireless.Memory.SpecAction.Classify => "wire",
        Wireless.Memory.SpecAction.RegisterWake or Wireless.Memory.SpecAction.CloseWakeList => "wake",
        Wireless.Memory.SpecAction.Complete or Wireless.Memory.SpecAction.AdvanceWatermark => "done",
        Wireless.Memory.SpecAction.Reclaim => "recl",
        Wireless.Memory.SpecAction.CoreAck or Wireless.Memory.SpecAction.RunKernel or Wireless.Memory.SpecAction.CoreFinish => "core",
        Wireless.Memory.SpecAction.Gate => "gate",
        _ => "",
    };

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
