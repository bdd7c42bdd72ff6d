namespace Wireless.Perf;

/// <summary>The process exit codes of the perf command line.</summary>
internal static class ExitCodes
{
    /// <summary>The run's output matches the sequential reference (or <c>list</c> / <c>--help</c> succeeded).</summary>
    public const int Ok = 0;

    /// <summary>The run failed (runtime error, timeout) or its output differs from the sequential reference.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: an unknown workload, a bad option value, a malformed JSON file or a bad program.</summary>
    public const int BadInput = Wireless.Cli.CommandLineEntry.BadInput;
}
