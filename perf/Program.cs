using System.CommandLine;
using System.CommandLine.Invocation;

namespace Wireless.Perf;

/// <summary>Entry point: the <c>run</c>, <c>list</c> and <c>bench</c> commands.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "Runs workloads on the reference model of the wireless task scheduler (hw-native-sys/simpler PR #1107) "
            + "on a simulated accelerator, checks the output against a sequential reference and reports throughput "
            + "and the per-phase scheduler profile.")
        {
            new RunCommand(),
            new ListCommand(),
            new BenchCommand(),
            new ReportCommand(),
            new AllocCommand(),
            new SweepCommand(),
        };
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // One line per error (some built-in messages span lines) and the bad-input exit code, instead of the default error text plus full help.
            foreach (var error in parseResult.Errors)
                Console.Error.WriteLine($"error: {string.Join(' ', error.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}");
            return ExitCodes.BadInput;
        }
        return parseResult.Invoke();
    }
}
