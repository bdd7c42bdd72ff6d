using System.CommandLine;
using Wireless.Checking.Exploration;

namespace Wireless.Checking.Cli;

/// <summary>
/// <c>replay</c>: re-runs a bug trace exactly; prints the interleaving as numbered steps and the violated property;
/// writes an HTML swimlane picture. Exit 1 if the bug reproduces, 0 if the run followed the trace and the bug did not
/// come back (it was fixed), 4 if the run did not follow the trace (it says where), 2 if the file cannot be read.
/// </summary>
internal sealed class ReplayCommand : Command
{
    private readonly Argument<string> _file = new("trace") { Description = "A .trace file written by 'explore'." };

    private readonly Option<string?> _html = new("--html")
    {
        Description = "Where to write the swimlane picture (HTML). [default: next to the trace, with .html appended]",
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
        Options.Add(_html);
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
        var html = parseResult.GetValue(_html) ?? path + ".html";
        SwimlaneHtml.Write(html, interleaving, trace, outcome.Bug);
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
            output.WriteLine($"Swimlane picture: {Path.GetFullPath(html)}");
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
        output.WriteLine($"Swimlane picture: {Path.GetFullPath(html)}");
        return outcome.Reproduced ? ExitCodes.Bug : ExitCodes.Ok;
    }
}
