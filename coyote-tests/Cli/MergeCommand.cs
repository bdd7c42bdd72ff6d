using System.CommandLine;

namespace Wireless.Checking.Cli;

/// <summary>
/// <c>merge</c>: combines the results files of the parts of one exploration (<c>explore --shard i/n --results file</c>,
/// run anywhere) into its closing table. Exit 1 if any part found a bug, 2 if a file cannot be read or the files are
/// not parts of one exploration.
/// </summary>
internal sealed class MergeCommand : Command
{
    private readonly Argument<string[]> _files = new("results")
    {
        Description = "The --results files of the parts of one exploration.",
        Arity = ArgumentArity.OneOrMore,
    };

    public MergeCommand() : base("merge", "Combine the results of the parts of a sharded exploration (explore --shard i/n --results file).")
    {
        Arguments.Add(_files);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var parts = parseResult.GetValue(_files)!.Select(ExploreResults.Load).ToList();
            var outcomes = ExploreResults.Merge(parts, out var missing);
            output.WriteLine($"Merged {parts.Count} of {parts[0].ShardCount} part(s) of: {parts[0].Exploration}.");
            if (missing.Count > 0) output.WriteLine($"Missing part(s): {string.Join(", ", missing)}; the table covers the others only.");
            return OutcomeReport.Write(output, outcomes, listBugs: true);
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
    }
}
