namespace Wireless;

/// <summary>Names of the seeded-bug variants as the command line and traces spell them.</summary>
public static class BugCatalog
{
    /// <summary>A variant: its flag, name, origin (reported, design, mutant, runtime), what it does, and which runtime has it.</summary>
    public sealed record Entry(Bug Bug, string Name, string Kind, string Summary, string Runtime = RuntimeKinds.Wireless);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new(Bug.NarrowCpuMask, "narrow-cpu-mask", "reported", "the gate's 16-bit CPU mask loses CPU ids >= 16; the barrier never opens (deadlock)"),
        new(Bug.PopcountBarrier, "popcount-barrier", "design", "the seed gate counts distinct CPU ids; two threads on one CPU never get through (deadlock)"),
        new(Bug.GateNoReset, "gate-no-reset", "reported", "the gate mask is never reset; the next launch picks the wrong survivors"),
        new(Bug.NoSentinel, "no-sentinel", "mutant", "the wake list is taken without closing it; a late registration is never woken (lost wake-up)"),
        new(Bug.PlainWatermark, "plain-watermark", "mutant", "the watermark is advanced by load+store; it can move backwards"),
        new(Bug.LostReclamation, "lost-reclamation", "design", "a contended advance_lock drops a reclamation; the orchestrator waits forever for a slot"),
        new(Bug.NoScopePin, "no-scope-pin", "design", "outputs are reclaimed while an open scope still holds their tensor handles (use after free)"),
        new(Bug.UncheckedStamp, "unchecked-stamp", "design", "last_consumer is stamped after a separate liveness check; reclamation can slip in between"),
        new(Bug.IgnoreLastFanin, "ignore-last-fanin", "mutant", "classification skips the last fanin; a task can run before a producer"),
        new(Bug.DoubleWake, "double-wake", "mutant", "a woken waiter is pushed twice; a task can be dispatched twice"),
        new(Bug.ReclaimIgnoresConsumer, "reclaim-ignores-consumer", "mutant", "reclamation ignores last_consumer; a slot is reused under a live consumer"),
        new(Bug.UnboundedWatermark, "unbounded-watermark", "mutant", "the watermark walk has no bound and passes slots of tasks never allocated"),
        new(Bug.PlainLastConsumer, "plain-last-consumer", "reported", "last_consumer_local_id is stamped with a plain read-max-write: a data race with the reclaimer (memory model)"),
        new(Bug.ReclaimBeforeClose, "reclaim-before-close", "design", "a slot is reclaimed before its completer closed the wake list; the late exchange closes the next task's list"),
        new(Bug.MixHoldSentinel, "mix-hold-sentinel", "runtime", "a held MIX task is marked by the id int.MinValue, a valid id after the wrap; that task is forgotten (stall)"),
        new(Bug.CursorPastUnmet, "cursor-past-unmet", "mutant", "a pending task's re-poll resumes past its two watched fanins; it can run before one of them"),
        new(Bug.WiredSplitRelease, "wired-split-release", "runtime", "the wired baseline drops a pin outside the slot lock, then checks; the check races with the slot's reuse (memory model)", RuntimeKinds.Wired),
        new(Bug.WatermarkStall, "watermark-stall", "design", "the watermark walk stops at the completer's own id; after out-of-order completions it stalls and the orchestrator waits forever"),
    ];

    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    public static string NameOf(Bug bug) => All.FirstOrDefault(e => e.Bug == bug)?.Name ?? bug.ToString();

    /// <summary>Throws <see cref="ArgumentException"/> if a variant in <paramref name="bugs"/> is not of <paramref name="runtime"/>.</summary>
    public static void CheckRuntime(Bug bugs, string runtime)
    {
        foreach (var e in All)
            if ((bugs & e.Bug) != 0 && e.Runtime != runtime)
                throw new ArgumentException($"the variant '{e.Name}' is of the {e.Runtime} runtime, not the {runtime} runtime (use --runtime {e.Runtime})");
    }

    /// <summary>Parses a comma-separated list of variant names; throws with the known names on an unknown one.</summary>
    public static Bug Parse(string? names)
    {
        if (string.IsNullOrWhiteSpace(names) || names == "none") return Bug.None;
        var result = Bug.None;
        foreach (var raw in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entry = Find(raw) ?? throw new ArgumentException(
                $"unknown variant '{raw}'; known variants: {string.Join(", ", All.Select(e => e.Name))}");
            result |= entry.Bug;
        }
        return result;
    }
}
