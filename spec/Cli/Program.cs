using System.CommandLine;
using Wireless.Cli;

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
        return CommandLineEntry.Invoke(root, args);
    }
}
