using Wireless.Spec.Cli;

namespace Wireless.Spec.Tests;

/// <summary>The command line's exit codes: 0 every property holds, 1 a violation, 2 bad input.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Check_exits_0_when_every_property_holds() => Assert.Equal(0, Program.Main(["check", "chain"]));

    [Fact]
    public void Check_exits_1_on_a_violation() => Assert.Equal(1, Program.Main(["check", "chain", "--variant", "double-wake"]));

    [Fact]
    public void List_exits_0() => Assert.Equal(0, Program.Main(["list"]));

    [Theory]
    [InlineData("check", "no-such-configuration")]
    [InlineData("check", "chain", "--variant", "no-such-variant")]
    [InlineData("check", "gate", "--variant", "double-wake")]
    [InlineData("check", "chain", "--variant", "gate-no-reset")]
    [InlineData("check", "chain", "--max-states", "0")]
    [InlineData("check", "out-of-order", "--max-states", "1000")]
    [InlineData("no-such-command")]
    public void Bad_input_exits_2(params string[] args) => Assert.Equal(2, Program.Main(args));

    /// <summary>A mistyped command gets one line naming the nearest command (it got three error lines and no suggestion).</summary>
    [Fact]
    public void A_mistyped_command_gets_one_line_naming_the_nearest_command()
    {
        var error = new StringWriter();
        var console = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, Program.Main(["chek", "chain"]));
        }
        finally
        {
            Console.SetError(console);
        }
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'chek' is not a command; did you mean 'check'?", line);
    }
}
