using System.CommandLine;
using System.CommandLine.Invocation;

namespace Wireless.Cli;

/// <summary>
/// The shared entry of the three command lines (perf, coyote-tests, spec; linked into each): parses the arguments and,
/// on a parse error, writes one line per error and returns the bad-input exit code instead of System.CommandLine's
/// error text plus full help. A mistyped command gets one line that names the nearest command and lists them all.
/// </summary>
/// <remarks>
/// System.CommandLine's own suggestions (<c>ParseErrorAction.ShowTypoCorrections</c>) print a line per error (for
/// <c>runn x</c>: no command, 'runn' and 'x' unrecognized) and then the candidates on lines of their own; here the
/// first unmatched token of a command that has subcommands is the mistyped command, and the rest follows from it.
/// </remarks>
internal static class CommandLineEntry
{
    /// <summary>The exit code of every command line for bad input.</summary>
    public const int BadInput = 2;

    /// <summary>At most this many edits (insertions, deletions, substitutions) away is a typo of a command.</summary>
    private const int MaxTypoDistance = 2;

    public static int Invoke(RootCommand root, string[] args)
    {
        var parseResult = root.Parse(args);
        if (parseResult.Action is not ParseErrorAction) return parseResult.Invoke();
        var error = parseResult.InvocationConfiguration.Error;
        foreach (var line in ErrorLines(parseResult)) error.WriteLine($"error: {line}");
        return BadInput;
    }

    private static IEnumerable<string> ErrorLines(ParseResult parseResult)
    {
        var command = parseResult.CommandResult.Command;
        var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToArray();
        if (names.Length > 0 && !parseResult.CommandResult.Children.Any())
        {
            var commands = $"(commands: {string.Join(", ", names)}; --help describes them)";
            if (parseResult.UnmatchedTokens is not [var typed, ..]) return [$"no command given {commands}"];
            if (typed.StartsWith('-')) return [$"'{typed}' is not an option here; give a command first {commands}"];
            return [Nearest(typed, names) is { } nearest
                ? $"'{typed}' is not a command; did you mean '{nearest}'? {commands}"
                : $"'{typed}' is not a command {commands}"];
        }
        // Some built-in messages span lines: one line each.
        return parseResult.Errors.Select(e => string.Join(' ', e.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>The name closest to <paramref name="typed"/> (a prefix of it, or the fewest edits within <see cref="MaxTypoDistance"/>), or null.</summary>
    private static string? Nearest(string typed, IReadOnlyList<string> names)
    {
        var lower = typed.ToLowerInvariant();
        var prefixed = names.Where(n => lower.Length >= 2 && n.StartsWith(lower, StringComparison.Ordinal)).ToArray();
        if (prefixed.Length == 1) return prefixed[0];
        var (best, distance) = names.Select(n => (Name: n, Distance: EditDistance(lower, n))).MinBy(c => c.Distance);
        return distance <= MaxTypoDistance && distance < lower.Length ? best : null;
    }

    /// <summary>Levenshtein distance: the fewest single-character insertions, deletions and substitutions from <paramref name="a"/> to <paramref name="b"/>.</summary>
    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
