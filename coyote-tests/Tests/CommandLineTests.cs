using Wireless.Checking.Cli;
using Xunit;

namespace Wireless.Checking.Tests;

[Collection(CoyoteCollection.Name)]
public sealed class CommandLineTests
{
    [Fact]
    public void Replay_of_a_missing_or_malformed_trace_exits_2()
    {
        Assert.Equal(2, Program.Main(["replay", Path.Combine(Path.GetTempPath(), "no-such-file.trace")]));
        var bad = Path.GetTempFileName();
        File.WriteAllText(bad, "{ \"format\": \"something else\" }");
        Assert.Equal(2, Program.Main(["replay", bad]));
        File.WriteAllText(bad, "not json");
        Assert.Equal(2, Program.Main(["replay", bad]));
    }

    /// <summary>A DAG the runtime rejects is bad input (exit 2, as <c>run</c> says), not a bug with a trace (it was exit 1).</summary>
    [Fact]
    public void Explore_rejects_a_DAG_the_runtime_rejects_with_exit_2()
    {
        var tasks = string.Join(", ", Enumerable.Repeat("{ \"shape\": \"AIV\" }", 40));
        var path = Path.Combine(Path.GetTempPath(), $"wide-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $"{{ \"tasks\": [ {tasks}, {{ \"shape\": \"AIV\", \"deps\": [{string.Join(", ", Enumerable.Range(0, 40))}] }} ] }}");
        var error = new StringWriter();
        var console = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(ExitCodes.BadInput, Checks.RunCommandLine("explore", path, "--iterations", "2", "--workers", "1").Exit);
        }
        finally
        {
            Console.SetError(console);
        }
        Assert.Contains("more than 16 explicit dependencies", error.ToString());
    }

    /// <summary>A DAG that injects a fault says so before exploring: the error it causes is the DAG's, not a runtime bug.</summary>
    [Fact]
    public void Explore_says_that_a_DAG_s_fault_is_deliberate()
    {
        var path = Path.Combine(Path.GetTempPath(), $"faulty-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{ \"tasks\": [ { \"shape\": \"AIV\" }, { \"shape\": \"AIV\", \"deps\": [0], \"fault\": \"throw\" } ] }");
        var (exit, output) = Checks.RunCommandLine("explore", path, "--iterations", "2", "--workers", "1", "--traces", Checks.TraceFolder);
        Assert.Equal(ExitCodes.Bug, exit);
        Assert.Contains("injects kernel faults on purpose (tasks[1]: throw)", output);
    }

    /// <summary>An existing file is read as a JSON DAG whatever its extension (a .txt file was an "unknown scenario").</summary>
    [Fact]
    public void Explore_reads_a_DAG_file_whatever_its_extension()
    {
        var path = Path.Combine(Path.GetTempPath(), $"diamond-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "{ \"tasks\": [ { \"shape\": \"AIC\" }, { \"shape\": \"AIV\", \"deps\": [0] }, { \"shape\": \"AIV\", \"deps\": [0] }, { \"shape\": \"MIX\", \"deps\": [1, 2] } ] }");
        Assert.Equal(ExitCodes.Ok, Checks.RunCommandLine("explore", path, "--iterations", "2", "--workers", "1", "--traces", Checks.TraceFolder).Exit);
    }

    [Fact]
    public void Explore_rejects_unknown_scenarios_variants_and_strategies_with_exit_2()
    {
        Assert.Equal(2, Program.Main(["explore", "no-such-scenario"]));
        Assert.Equal(2, Program.Main(["explore", "chain", "--variant", "no-such-variant"]));
        Assert.Equal(2, Program.Main(["explore", "chain", "--strategy", "dfs"]));
        Assert.Equal(2, Program.Main(["explore", "chain", "--iterations", "0"]));
        Assert.Equal(2, Program.Main(["explore", "chain", "--runtime", "fanout"]));
        Assert.Equal(2, Program.Main(["explore", "chain", "--runtime", "wired", "--variant", "double-wake"]));
    }

    /// <summary>A mistyped command gets one line naming the nearest command (it got three error lines and no suggestion).</summary>
    [Fact]
    public void A_mistyped_command_gets_one_line_naming_the_nearest_command()
    {
        var error = new StringWriter();
        var console = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(ExitCodes.BadInput, Program.Main(["explor", "chain"]));
        }
        finally
        {
            Console.SetError(console);
        }
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'explor' is not a command; did you mean 'explore'?", line);
    }

    [Fact]
    public void List_exits_0() => Assert.Equal(0, Program.Main(["list"]));

    [Fact]
    public void Explore_exits_1_on_a_bug_and_0_without()
    {
        var traces = Path.Combine(Path.GetTempPath(), "wireless-cli-test-traces");
        Assert.Equal(0, Program.Main(["explore", "chain", "--iterations", "3", "--traces", traces]));
        Assert.Equal(1, Program.Main(["explore", "chain", "--variant", "double-wake", "--iterations", "50", "--traces", traces]));
    }

    [Fact]
    public void Explore_says_once_why_no_scenario_is_checked_for_conformance()
    {
        var traces = Path.Combine(Path.GetTempPath(), "wireless-cli-test-traces");
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, Program.Main(["explore", "chain", "--runtime", "wired", "--memory-model", "off", "--iterations", "1", "--traces", traces]));
        }
        finally
        {
            Console.SetOut(console);
        }
        var text = output.ToString();
        Assert.Contains("conformance to the protocol model not checked", text);
        Assert.Single(text.Split('\n'), line => line.StartsWith("No conformance check: the protocol model is of the wireless design"));
        Assert.DoesNotContain("chain: no conformance check", text);
    }
}
