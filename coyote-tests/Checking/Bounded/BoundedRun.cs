using Wireless.Checking.Exploration;
using Wireless.Checking.Seam;

namespace Wireless.Checking.Bounded;

/// <summary>
/// Runs one iteration under a <see cref="BoundedScheduler"/>, without Coyote's testing engine: the iteration's main
/// thread is the caller's, its runtime threads are real threads the scheduler serializes, and the bug, if any, is the
/// scheduler's (a failed check, a deadlock, an exception), in the specification's words (<see cref="BugMessage"/>).
/// </summary>
/// <remarks>
/// Why not Coyote's engine: the strategy takes every decision itself, so Coyote's were forced, and its engine cost
/// most of each schedule (an iteration's runtime, its controlled threads, a hand-off through its lock at each of its
/// own steps: about 190 context switches per proof-sized schedule, against about 20 now; spec/SPEC.md §9.2). The
/// code under test is the same rewritten build: outside a Coyote test its rewritten calls pass through.
/// </remarks>
public static class BoundedRun
{
    /// <summary>
    /// Runs <paramref name="iteration"/> (whose <see cref="Iteration.Schedules"/> gives <paramref name="scheduler"/>)
    /// to its end; returns the bug it found, or null. When it returns, no thread of the run is left running.
    /// </summary>
    public static string? Run(Iteration iteration, BoundedScheduler scheduler)
    {
        try
        {
            iteration.Run();
        }
        catch (Exception e)
        {
            // An exception out of the iteration's own thread (a failed check of the main thread is caught inside).
            scheduler.Abandon(0, e);
        }
        scheduler.Drain();
        return scheduler.Failure is { } failure ? BugMessage.Normalize(failure, ExploreOptions.FairLivenessThreshold, iteration.LastWaits) : null;
    }
}
