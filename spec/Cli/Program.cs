using System.CommandLine;
using System.CommandLine.Invocation;

namespace Wireless.Spec.Cli;

/// <summary>Entry point of the spec's command line: <c>list</c>, <c>check</c>, <c>variants</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "The wireless task-readiness protocol (hw-native-sys/simpler PR #1107) as an executable model, checked "
            + "exhaustively: every interleaving of bounded configurations, safety on every state, liveness under fairness.")
        {
            new ListCommand(),
            new CheckCommand(),
            new VariantsCommand(),
        };
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
                Console.Error.WriteLine($"error: {string.Join(' ', error.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}");
            return ExitCodes.BadInput;
        }
        return parseResult.Invoke();
    }
}
