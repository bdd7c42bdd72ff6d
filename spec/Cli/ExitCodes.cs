namespace Wireless.Spec.Cli;

/// <summary>Exit codes of the spec's command line (as the checker's: 0 fine, 1 a violation, 2 bad input).</summary>
internal static class ExitCodes
{
    /// <summary>Every property holds (check), every variant was caught (variants).</summary>
    public const int Ok = 0;

    /// <summary>A property is violated (check), or a variant escaped (variants).</summary>
    public const int Violation = 1;

    /// <summary>Bad input: unknown configuration or variant, bad option, or a configuration too big for --max-states.</summary>
    public const int BadInput = Wireless.Cli.CommandLineEntry.BadInput;
}
