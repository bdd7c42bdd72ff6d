namespace Wireless.Checking.Bounded;

/// <summary>
/// One scheduling decision of a bounded schedule: which threads could run (a bit per thread id), which one ran, and
/// which one had been running and whether it could have gone on (then running another is a preemption), and the
/// state the run was in (<see cref="BoundedScheduler"/>: the same state means the same schedules from here on).
/// </summary>
public readonly record struct Decision(ulong Candidates, int Chosen, int Current, bool CurrentCanContinue, ulong State)
{
    /// <summary>Whether running <paramref name="thread"/> at this decision preempts the current thread.</summary>
    public bool Preempts(int thread) => CurrentCanContinue && thread != Current;
}
