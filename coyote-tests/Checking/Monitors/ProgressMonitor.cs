using Microsoft.Coyote;
using Microsoft.Coyote.Specifications;
using CoyoteMonitor = Microsoft.Coyote.Specifications.Monitor;

namespace Wireless.Checking.Monitors;

/// <summary>
/// The liveness property (spec/SPEC.md §4): while the run is not over, the system keeps making progress — tasks get
/// published, dispatched, completed, slots reclaimed, threads through the gate. Hot while waiting for progress;
/// every progress event passes through a cold state, which resets Coyote's liveness temperature. So a fair
/// execution that spins for more than the temperature threshold without any progress (a lost wake-up, a lost
/// reclamation, a gate that never opens, a deadlock of spinning threads) is reported as a liveness bug.
/// </summary>
public sealed class ProgressMonitor : CoyoteMonitor
{
    /// <summary>Something happened that moves the run forward.</summary>
    public sealed class Progress : Event
    {
        public static readonly Progress Instance = new();
    }

    /// <summary>The run is over: every thread returned.</summary>
    public sealed class Finished : Event
    {
        public static readonly Finished Instance = new();
    }

    private static bool s_active;

    /// <summary>Sends <see cref="Progress"/> if the monitor is registered in this iteration.</summary>
    public static void NotifyProgress()
    {
        if (s_active) Specification.Monitor<ProgressMonitor>(Progress.Instance);
    }

    public static void Register()
    {
        Specification.RegisterMonitor<ProgressMonitor>();
        s_active = true;
    }

    public static void NotifyFinished()
    {
        if (!s_active) return;
        Specification.Monitor<ProgressMonitor>(Finished.Instance);
        s_active = false;
    }

    [Start]
    [Hot]
    [OnEventGotoState(typeof(Progress), typeof(Progressed))]
    [OnEventGotoState(typeof(Finished), typeof(Done))]
    private sealed class Waiting : State;

    [Cold]
    [OnEntry(nameof(BackToWaiting))]
    [OnEventGotoState(typeof(Progress), typeof(Progressed))]
    [OnEventGotoState(typeof(Finished), typeof(Done))]
    private sealed class Progressed : State;

    [Cold]
    [IgnoreEvents(typeof(Progress), typeof(Finished))]
    private sealed class Done : State;

    private void BackToWaiting() => RaiseGotoStateEvent<Waiting>();
}
