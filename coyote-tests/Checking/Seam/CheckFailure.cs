using Microsoft.Coyote.Specifications;

namespace Wireless.Checking.Seam;

/// <summary>
/// Where every check fails an iteration: the bounded strategy's scheduler when it runs the iteration (it stops the run
/// and reports the bug itself, spec/SPEC.md §9.2), Coyote's assertion otherwise.
/// </summary>
public static class CheckFailure
{
    /// <summary>Fails the current iteration with <paramref name="message"/> (taken as it is, not as a format); does not return.</summary>
    public static void Report(string message)
    {
        if (CheckRun.CurrentOrNull?.Bounded is { } bounded) bounded.Fail(message);
        Specification.Assert(false, "{0}", message);
    }
}
