using System.Text.Json;
using System.Text.Json.Nodes;
using Wireless.Checking.Cli;
using Wireless.Checking.Exploration;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// <c>replay</c> tells a trace that does not replay as recorded from a bug that was fixed: a rerouted choice, a schedule
/// cut short or one with choices left over, and edited content each exit 4 and say what diverged; a half-written file is
/// not a complete trace (exit 2). Before, each printed the run it got instead, "The bug did not reproduce", and exit 0.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class ReplayDivergenceTests
{
    private static readonly string s_pinned = Path.Combine(AppContext.BaseDirectory, "regressions", "watermark-stall.trace");

    /// <summary>The pinned trace with Coyote's recorded steps changed by <paramref name="edit"/>, written to a new file.</summary>
    private static string WithSteps(string name, Func<JsonArray, JsonArray> edit)
    {
        var trace = BugTrace.Load(s_pinned);
        var coyote = JsonNode.Parse(trace.CoyoteTrace)!.AsObject();
        coyote["Steps"] = edit(coyote["Steps"]!.AsArray());
        var path = Path.Combine(Checks.TraceFolder, $"diverging-{name}.trace");
        (trace with { CoyoteTrace = coyote.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) }).Save(path);
        return path;
    }

    private static (int Exit, string Output) Replay(string path)
        => Checks.RunCommandLine("replay", path, "--out", Checks.TraceFolder);

    [Fact(Timeout = 120_000)]
    public async Task A_recorded_choice_that_is_not_available_is_named_with_its_step()
    {
        var path = WithSteps("rerouted", steps =>
        {
            // The first choice after step 300 that hands control to another operation hands it to operation 0 instead.
            var copy = JsonNode.Parse(steps.ToJsonString())!.AsArray();
            for (var i = 300; i < copy.Count; i++)
            {
                var step = copy[i]!.GetValue<string>();
                var next = step.IndexOf("next(", StringComparison.Ordinal);
                if (next < 0 || step[(next + 5)..].StartsWith("0:", StringComparison.Ordinal)) continue;
                copy[i] = step[..(next + 5)] + "0:1)";
                break;
            }
            return copy;
        });
        var (exit, output) = await Task.Run(() => Replay(path));
        Assert.Equal(ExitCodes.Diverged, exit);
        Assert.Contains("The trace did not replay as recorded: a recorded choice was not available", output);
        Assert.Contains("execution step '30", output);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_schedule_cut_short_runs_past_its_end()
    {
        var path = WithSteps("short", steps => new JsonArray(steps.Take(300).Select(s => JsonValue.Create(s!.GetValue<string>())).ToArray<JsonNode?>()));
        var (exit, output) = await Task.Run(() => Replay(path));
        Assert.Equal(ExitCodes.Diverged, exit);
        Assert.Contains("went on past the trace's last recorded choice (300)", output);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_schedule_with_choices_left_over_ends_early()
    {
        var path = WithSteps("long", steps => new JsonArray(steps.Concat(steps.TakeLast(50)).Select(s => JsonValue.Create(s!.GetValue<string>())).ToArray<JsonNode?>()));
        var (exit, output) = await Task.Run(() => Replay(path));
        Assert.Equal(ExitCodes.Diverged, exit);
        Assert.Matches(@"the run ended after \d+ of the trace's \d+ recorded choices", output);
    }

    [Fact(Timeout = 120_000)]
    public async Task Edited_content_does_not_match_the_checksum()
    {
        var path = Path.Combine(Checks.TraceFolder, "diverging-edited.trace");
        BugTrace.Load(s_pinned).Save(path);
        Assert.Equal(ExitCodes.Bug, (await Task.Run(() => Replay(path))).Exit);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"variant\": \"watermark-stall\"", "\"variant\": \"none\"", StringComparison.Ordinal));
        var error = new StringWriter();
        var console = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = (await Task.Run(() => Replay(path))).Exit;
        }
        finally
        {
            Console.SetError(console);
        }
        Assert.Equal(ExitCodes.Diverged, exit);
        Assert.Contains("does not match its checksum", error.ToString());
    }

    [Fact]
    public void A_half_written_trace_is_not_a_complete_trace_file()
    {
        var path = Path.Combine(Directory.CreateDirectory(Checks.TraceFolder).FullName, "diverging-half.trace");
        var text = File.ReadAllText(s_pinned);
        File.WriteAllText(path, text[..(text.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => BugTrace.Load(path));
        Assert.Contains("is not a complete bug trace file", error.Message);
    }
}
