using System.Globalization;

namespace Wireless.Perf.Report;

/// <summary>
/// The speedups of the wireless runtime per workload and device: the wired baseline's, TPL's and the sequential
/// bound's median time divided by wireless's (above 1: wireless is faster), with the geometric mean per device
/// over the workloads that have both times.
/// </summary>
internal static class Speedups
{
    private static readonly string[] Others = ["Wired", "Tpl", "Sequential"];

    public static void Write(TextWriter output, IReadOnlyList<RunTime> times)
    {
        var table = new MarkdownTable(
            ("workload", false), ("device", false), ("tasks", true), ("wireless ns/task", true),
            ("wired ÷ wireless", true), ("TPL ÷ wireless", true), ("sequential ÷ wireless", true));
        foreach (var device in times.Select(t => t.Device).Distinct())
        {
            var logs = Others.ToDictionary(o => o, _ => new List<double>());
            foreach (var workload in times.Where(t => t.Device == device).Select(t => t.Workload).Distinct())
            {
                var wireless = Find(times, workload, device, "Wireless");
                var cells = new List<string>
                {
                    workload, device, wireless is null ? "" : Count(wireless.Tasks),
                    wireless is null ? "NA" : (wireless.MedianNs / wireless.Tasks).ToString("F0", CultureInfo.InvariantCulture),
                };
                foreach (var other in Others)
                {
                    var time = Find(times, workload, device, other);
                    if (wireless is null || time is null)
                    {
                        cells.Add("NA");
                        continue;
                    }
                    var ratio = time.MedianNs / wireless.MedianNs;
                    logs[other].Add(Math.Log(ratio));
                    cells.Add(Ratio(ratio));
                }
                table.AddRow([.. cells]);
            }
            table.AddRow(["**geometric mean**", device, "", "", .. Others.Select(o => logs[o].Count == 0 ? "NA" : "**" + Ratio(Math.Exp(logs[o].Average())) + "**")]);
        }
        table.Write(output);
    }

    private static RunTime? Find(IReadOnlyList<RunTime> times, string workload, string device, string runner)
        => times.FirstOrDefault(t => t.Workload == workload && t.Device == device && t.Runner == runner);

    private static string Ratio(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture) + "×";

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
