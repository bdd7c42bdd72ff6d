using Wireless.Cli;
using System.Diagnostics;
using System.Globalization;
using Wireless.Orchestration;
using Wireless.Scheduling;

namespace Wireless.Perf;

/// <summary>Prints the scheduler threads' counters and per-phase profile, and the orchestrator's, as aligned tables.</summary>
internal static class ProfileReport
{
    private static readonly (SchedulerPhase Phase, string Name)[] Phases =
    [
        (SchedulerPhase.Completion, "completion check"),
        (SchedulerPhase.WiringDrain, "wiring drain"),
        (SchedulerPhase.PendingPoll, "pending poll"),
        (SchedulerPhase.Dispatch, "dispatch"),
        (SchedulerPhase.Idle, "idle"),
    ];

    /// <summary>Clock reads timed to estimate one read's cost.</summary>
    private const int CalibrationReads = 100_000;

    /// <summary>
    /// Writes the counters and, when <paramref name="timed"/>, each phase's time, share of the thread's loop time and
    /// entries. <paramref name="allocTasks"/> of the <paramref name="tasks"/> are <c>alloc_tensors</c> tasks, which no
    /// scheduler thread completes or dispatches (0 when the run did not complete).
    /// </summary>
    public static void Write(TextWriter output, IReadOnlyList<SchedulerProfile> profiles, bool timed, int tasks, int allocTasks)
    {
        output.WriteLine("Scheduler threads:");
        var counters = new TextTable(
            ("thread", true), ("iterations", true), ("completed", true), ("dispatched", true), ("classified", true), ("loop time", true));
        foreach (var p in profiles)
        {
            counters.AddRow(
                p.ThreadIndex.ToString(CultureInfo.InvariantCulture), Format.Count(p.Iterations),
                Format.Count(p.TasksCompleted), Format.Count(p.TasksDispatched), Format.Count(p.Classified),
                timed ? Format.Duration(LoopTime(p)) : "-");
        }
        counters.Write(output);
        output.WriteLine("  (completed: tasks finished on the thread's cores; dispatched: core payload writes, 3 per MIX task; "
            + "classified: pending-FIFO visits)");
        if (allocTasks > 0)
            output.WriteLine($"  ({Format.Count(tasks)} tasks = {Format.Count(tasks - allocTasks)} completed on cores + {Format.Count(allocTasks)} alloc_tensors "
                + $"task{(allocTasks == 1 ? ", which the orchestrator completes when it submits it" : "s, which the orchestrator completes when it submits them")})");
        if (!timed)
        {
            output.WriteLine("  (phase times not collected: --no-profile)");
            return;
        }

        output.WriteLine();
        output.WriteLine("Scheduler phases (% of the thread's loop time):");
        var phases = new TextTable(("thread", true), ("phase", false), ("time", true), ("%", true), ("entries", true));
        foreach (var p in profiles)
        {
            var loop = LoopTime(p);
            for (var i = 0; i < Phases.Length; i++)
            {
                var (phase, name) = Phases[i];
                var time = p.Time(phase);
                phases.AddRow(
                    i == 0 ? p.ThreadIndex.ToString(CultureInfo.InvariantCulture) : "",
                    name, Format.Duration(time), Format.Percent(loop > TimeSpan.Zero ? time / loop : 0),
                    Format.Count(p.Entries[(int)phase]));
            }
        }
        phases.Write(output);
    }

    private static readonly (OrchestratorPhase Phase, string Name)[] OrchestratorPhases =
    [
        (OrchestratorPhase.Program, "program"),
        (OrchestratorPhase.Allocate, "allocate"),
        (OrchestratorPhase.BackPressure, "back-pressure"),
        (OrchestratorPhase.Discover, "discover"),
        (OrchestratorPhase.Link, "link/stamp"),
        (OrchestratorPhase.Prepare, "prepare"),
        (OrchestratorPhase.TensorMap, "tensormap"),
        (OrchestratorPhase.Publish, "publish"),
        (OrchestratorPhase.AllocTensors, "alloc_tensors"),
        (OrchestratorPhase.EndScope, "end scope"),
    ];

    /// <summary>Writes the orchestrator's time per phase, share of its run and nanoseconds per submitted task.</summary>
    public static void Write(TextWriter output, OrchestratorProfile profile)
    {
        if (!profile.Enabled) return;
        var total = profile.Total;
        output.WriteLine();
        output.WriteLine($"Orchestrator phases ({Format.Duration(total)} for {Format.Count(profile.Tasks)} tasks, "
            + $"{Format.Count(total.TotalNanoseconds / Math.Max(profile.Tasks, 1))} ns/task):");
        var phases = new TextTable(("phase", false), ("time", true), ("%", true), ("ns/task", true), ("entries", true));
        foreach (var (phase, name) in OrchestratorPhases)
        {
            var time = profile.Time(phase);
            phases.AddRow(
                name, Format.Duration(time), Format.Percent(total > TimeSpan.Zero ? time / total : 0),
                Format.Count(time.TotalNanoseconds / Math.Max(profile.Tasks, 1)), Format.Count(profile.Entries[(int)phase]));
        }
        phases.Write(output);
    }

    /// <summary>
    /// What the phase timers cost the run: the clock reads of the scheduler loops and the orchestrator times one read's
    /// cost, timed here and now (an estimate: on a loaded machine a read costs more), and its share of
    /// <paramref name="elapsed"/>.
    /// </summary>
    public static string DescribeCost(IReadOnlyList<SchedulerProfile> profiles, OrchestratorProfile orchestrator, TimeSpan elapsed)
    {
        var reads = profiles.Sum(p => p.ClockReads) + orchestrator.ClockReads;
        long sink = 0;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < CalibrationReads; i++) sink ^= Stopwatch.GetTimestamp();
        var cost = Stopwatch.GetElapsedTime(started) * ((double)reads / CalibrationReads);
        GC.KeepAlive(sink);
        return $"on: phase timers in the scheduler loop and the orchestrator, {Format.Count(reads)} clock reads, about {Format.Duration(cost)} "
            + $"({Format.Percent(elapsed > TimeSpan.Zero ? cost / elapsed : 0)} of the run); --no-profile turns them off";
    }

    /// <summary>The sum of the thread's phase times: its whole loop time while profiling.</summary>
    private static TimeSpan LoopTime(SchedulerProfile profile)
        => Phases.Aggregate(TimeSpan.Zero, (sum, phase) => sum + profile.Time(phase.Phase));
}
