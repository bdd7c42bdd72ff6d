using System.Text.RegularExpressions;
using Wireless.Checking.Cli;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The swimlane picture of the pinned watermark-stall trace opens on what matters: the orchestrator's and schedulers'
/// lanes first, the gate's start-up folded away, a legend, the stall diagnosis and the violated property at the top with
/// a link to the violating step.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class SwimlaneHtmlTests
{
    private static async Task<string> Picture()
    {
        var folder = Path.Combine(Checks.TraceFolder, Guid.NewGuid().ToString("N"));
        var trace = Path.Combine(AppContext.BaseDirectory, "regressions", "watermark-stall.trace");
        var (exit, _) = await Task.Run(() => Checks.RunCommandLine("replay", trace, "--out", folder));
        Assert.Equal(ExitCodes.Bug, exit);
        return File.ReadAllText(Path.Combine(folder, "watermark-stall.html"));
    }

    [Fact(Timeout = 120_000)]
    public async Task Protocol_lanes_come_first_then_cores_then_gate_only_threads()
    {
        var html = await Picture();
        var header = Regex.Match(html, "<tr class=\"lanes\">(.*?)</tr>").Groups[1].Value;
        var lanes = Regex.Matches(header, "<th>(.*?)</th>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["orch", "sched-0", "sched-1", "core-0", "core-1", "core-2", "core-3", "core-4", "core-5", "aicpu-0", "aicpu-1", "aicpu-2", "aicpu-3"], lanes);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_diagnosis_and_a_link_to_the_violation_come_before_the_steps_and_the_start_up_is_folded()
    {
        var html = await Picture();
        var firstTable = html.IndexOf("<table", StringComparison.Ordinal);
        var top = html[..firstTable];
        Assert.Contains("Violated: [L1] deadlock", top);
        Assert.Contains("the orchestrator waits for a slot for task#9", top);
        Assert.Contains("href=\"#violation\"", top);
        Assert.Contains("class=\"legend\"", top);
        // The violation's row is the run's last step (its number changes whenever the trace is re-pinned).
        var violationStep = Regex.Match(html, "<tr id=\"violation\"[^>]*><td class=\"n\">(\\d+)</td>");
        Assert.True(violationStep.Success, "no row marked as the violation");
        var lastStep = Regex.Matches(html, "<td class=\"n\">(\\d+)</td>").Max(m => int.Parse(m.Groups[1].Value));
        Assert.Equal(lastStep, int.Parse(violationStep.Groups[1].Value));
        // The gate's start-up is inside a folded block; the first task's publication is not.
        var details = Regex.Match(html, "<details>.*?</details>", RegexOptions.Singleline);
        Assert.True(details.Success, "no folded start-up");
        Assert.Contains("GatePassed", details.Value);
        Assert.DoesNotContain("TaskPublished", details.Value);
    }
}
