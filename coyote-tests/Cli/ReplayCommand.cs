using System.CommandLine;
using Wireless.Checking.Exploration;

namespace Wireless.Checking.Cli;

/// <summary>
/// <c>replay</c>: re-runs a bug trace exactly; prints the interleaving as numbered steps and the violated property;
/// writes an HTML swimlane picture and the interleaving as Chrome trace-event JSON (Perfetto UI) to the traces folder or
/// the <c>--out</c> folder, never next to the trace (a pinned trace lives in the source tree), and prints the path of
/// each file it writes. Exit 1 if the bug reproduces, 0 if the run followed the trace and the bug did not come back (it
/// was fixed), 4 if the run did not follow the trace (it says where), 2 if the file cannot be read.
/// </summary>
internal sealed class ReplayCommand : Command
{
    private readonly Argument<string> _file = new("trace") { Description = "A .trace file written by 'explore'." };

    private static readonly ExploreOptions Defaults = new();

    private readonly Option<string> _out = new("--out")
    {
        Description = "Folder for the pictures of the replay (HTML swimlanes, Chrome trace-event JSON), named after the trace (never next to the trace: a pinned one lives in the source tree).",
        DefaultValueFactory = _ => Defaults.TraceFolder,
    };

    private readonly Option<bool> _all = new("--all")
    {
        Description = "Print every step, without folding runs of polling reads.",
    };

    public ReplayCommand() : base("replay", "Re-run a bug trace exactly and show its interleaving. Exit codes: 1 the bug "
        + "reproduced; 0 the run followed the trace and the bug did not come back (fixed); 4 the run did not follow the trace "
        + "(a recorded choice not available, a schedule that ends early or runs past its end, content that does not match its "
        + "checksum: an edited or damaged trace, or changed code); 2 the file cannot be read or is not a complete trace.")
    {
        Arguments.Add(_file);
        Options.Add(_out);
        Options.Add(_all);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var path = parseResult.GetValue(_file)!;
        ReplayOutcome outcome;
        try
        {
            outcome = Replayer.Replay(BugTrace.Load(path));
        }
        catch (DamagedTraceException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.Diverged;
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }

        var trace = outcome.Trace;
        output.WriteLine($"Trace {path}: scenario {trace.Scenario}, runtime {trace.Runtime}, variant {trace.Variant}, memory model {(trace.MemoryModel ? "on" : "off")}, conformance {(trace.Conformance ? "on" : "off")}, found with strategy {trace.Strategy} seed {trace.Seed} ({trace.Source}).");
        output.WriteLine($"Replaying on {BuildInfo.Describe()}.");
        output.WriteLine();
        var interleaving = new Interleaving(outcome.Steps, fold: !parseResult.GetValue(_all));
        interleaving.WriteText(output);
        output.WriteLine();
        var folder = Directory.CreateDirectory(parseResult.GetValue(_out)!).FullName;
        var name = Path.GetFileNameWithoutExtension(path);
        var html = Path.Combine(folder, name + ".html");
        SwimlaneHtml.Write(html, interleaving, outcome);
        var events = Path.Combine(folder, name + ".chrome-trace.json");
        ChromeTrace.Write(events, interleaving, outcome);
        (string What, string Path)[] written =
        [
            ("the swimlane picture (HTML, any browser)", html),
            ("the interleaving as Chrome trace events (open in ui.perfetto.dev or chrome://tracing)", events),
        ];
        if (outcome.FinalState.Length > 0)
        {
            output.WriteLine("State when the run stopped:");
            output.WriteLine(outcome.FinalState.TrimEnd());
            output.WriteLine();
        }
        if (outcome.Divergence is { } divergence)
        {
            output.WriteLine($"The trace did not replay as recorded: {divergence}.");
            output.WriteLine("The run above is not the recorded one, so it shows nothing about the bug either way: the trace was edited or damaged, or the code changed since it was recorded.");
            PrintWritten(output, written);
            return ExitCodes.Diverged;
        }
        if (outcome.Reproduced)
        {
            output.WriteLine($"Violated: {outcome.Bug}");
            if (outcome.Bug != trace.Bug) output.WriteLine($"(the trace recorded: {trace.Bug})");
        }
        else
        {
            output.WriteLine($"The bug did not reproduce (the trace recorded: {trace.Bug}).");
        }
        PrintWritten(output, written);
        return outcome.Reproduced ? ExitCodes.Bug : ExitCodes.Ok;
    }

    private static void PrintWritten(TextWriter output, IEnumerable<(string What, string Path)> files)
    {
        foreach (var (what, path) in files) output.WriteLine($"Wrote {what}: {path}");
    }
}
