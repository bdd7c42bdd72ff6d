using System.CommandLine;
using Wireless.Cli;

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
        return CommandLineEntry.Invoke(root, args);
    }
}
