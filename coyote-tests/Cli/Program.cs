using System.CommandLine;
using Wireless.Cli;

namespace Wireless.Checking.Cli;

/// <summary>Entry point of the checker's command line: <c>list</c>, <c>explore</c>, <c>replay</c>, <c>merge</c>, <c>litmus</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "Systematic concurrency exploration of the wireless task scheduler (hw-native-sys/simpler PR #1107): the "
            + "runtime's own code under Coyote's controlled scheduler, with the specification's monitors, seeded-bug "
            + "variants, bug traces and exact replay.")
        {
            new ListCommand(),
            new ExploreCommand(),
            new ReplayCommand(),
            new MergeCommand(),
            new LitmusCommand(),
        };
        return CommandLineEntry.Invoke(root, args);
    }
}

/// <summary>Exit codes of the checker's command line.</summary>
internal static class ExitCodes
{
    /// <summary>No bug found (explore), or the bug did not reproduce (replay).</summary>
    public const int Ok = 0;
    /// <summary>A bug was found (explore), or it reproduced (replay).</summary>
    public const int Bug = 1;
    /// <summary>Bad input: unknown scenario or variant, bad option, unreadable trace or results file.</summary>
    public const int BadInput = Wireless.Cli.CommandLineEntry.BadInput;
    /// <summary>A worker process of <c>explore --workers</c> failed without results.</summary>
    public const int WorkerFailed = 3;
    /// <summary>
    /// <c>replay</c>: the trace does not replay as recorded (a recorded choice not available, a schedule that ends early or
    /// runs past its end, or content that does not match its checksum): it was edited, damaged, or the code changed.
    /// </summary>
    public const int Diverged = 4;
}
