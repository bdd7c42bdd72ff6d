using System.Runtime.InteropServices;
using Microsoft.Coyote.Runtime;
using Microsoft.Coyote.Specifications;

namespace Wireless.Checking.Seam;

/// <summary>How the checker treats a polling loop's idle iterations (spec/SPEC.md §9).</summary>
public enum IdleReduction
{
    /// <summary>A thread whose idle iterations only re-read unchanged values blocks until one of them is stored to.</summary>
    Block,
    /// <summary>No reduction: an idle iteration ends with a yield, as a real spin loop would.</summary>
    Off,
    /// <summary>
    /// Threads that would block keep running, and every step they take until a store wakes them is checked to be the
    /// stutter the reduction assumes (reads of the same locations, no writes, no labels); a step that is not fails the
    /// iteration. Checks the premise of <see cref="Block"/> on the real code.
    /// </summary>
    Verify,
}

/// <summary>
/// The idle-poll reduction (the await / spin-assume reduction of GenMC, Coyote's own <c>SpinWait.SpinUntil</c>): a
/// checked thread whose polling loop found nothing to do, twice over the same unchanged values, is not scheduled
/// again until another thread stores to a location it read, so exploration spends no scheduling points on polls
/// that find nothing. When every thread waits, Coyote reports the deadlock at once (L1).
/// </summary>
/// <remarks>
/// Design. The seam reports every shared access of every checked thread here. An idle iteration is what a thread
/// does between two <c>SpinHint</c>s (the seam's "this iteration found nothing to do"). A thread's <em>streak</em> is
/// the set of locations its consecutive idle iterations read, each with the location's version (its store count)
/// when read. At a spin hint the thread blocks iff
/// <list type="bullet">
/// <item>the iteration just ended wrote nothing, reported no label other than "classified: still two unmet", announced
/// no plain buffer access, issued no fence and did not read the clock (it was not <em>busy</em>);</item>
/// <item>every location it read is already in the streak, and the load read that location's newest store (under the
/// memory model a load may read an older one: the next iteration, after the spin hint's catch-up, could read
/// something else);</item>
/// <item>no location of the streak has been stored to since it was read.</item>
/// </list>
/// Otherwise the iteration's reads join the streak (a busy iteration clears it) and the thread yields, as before.
/// A blocked thread is registered on every location of its streak; any store to one of them (atomic or plain,
/// placed anywhere in the modification order) wakes it and clears its streak. Blocking uses Coyote's
/// <c>SpinWait.SpinUntil</c>, which the rewriter turns into a controlled wait on a condition that reads only this
/// class's fields (no seam access), so Coyote sees the wait, reports a deadlock when every operation waits, and
/// replays it.
///
/// Why it is sound (premise checked by <see cref="IdleReduction.Verify"/>): a blocked thread's omitted steps would read
/// the same locations and get the same values (the newest store of each, none newer yet), write nothing and change
/// its private state only by rotating its pending FIFO over entries it does not modify; so they are stutter steps,
/// and every execution with them is stutter-equivalent to one without, which the strategy can still schedule.
/// A thread with more than 63 ids before it (never the case in the scenarios) does not block.
/// </remarks>
internal sealed class IdleWaits(IdleReduction mode)
{
    private readonly record struct Read(nint Location, long Version);

    private struct Watch
    {
        public long Version;
        /// <summary>Bit t: thread t is blocked (or, when verifying, would be) on this location.</summary>
        public ulong Waiters;
    }

    /// <summary>The idle state of one checked thread.</summary>
    private sealed class Poller(int id)
    {
        public readonly int Id = id;
        public readonly List<Read> Streak = [];
        public readonly List<Read> Iteration = [];
        /// <summary>Why the current iteration is not a stutter (null while it is one).</summary>
        public string? Busy;
        public bool Blocked;
        public Func<bool>? Unblocked;
    }

    private const int MaxPollers = 64;

    private readonly Dictionary<nint, Watch> _watches = [];
    private Poller?[] _pollers = new Poller?[16];

    public IdleReduction Mode => mode;

    /// <summary>Blocks avoided: spin hints at which a thread stopped being scheduled (for statistics).</summary>
    public long Blocks { get; private set; }

    /// <summary>A load by thread <paramref name="thread"/>; <paramref name="newest"/>: it read the newest store.</summary>
    public void OnRead(int thread, nint location, bool newest)
    {
        if (mode == IdleReduction.Off) return;
        var p = PollerOf(thread);
        var version = WatchOf(location).Version;
        if (p.Blocked)
        {
            if (!Contains(p.Streak, location)) Violation(p, $"read a location it had not read while idle ({location:x})");
            return;
        }
        p.Iteration.Add(new Read(location, newest ? version : -1));
    }

    /// <summary>A store (or a successful read-modify-write) by thread <paramref name="thread"/>.</summary>
    public void OnWrite(int thread, nint location)
    {
        if (mode == IdleReduction.Off) return;
        ref var watch = ref WatchOf(location);
        watch.Version++;
        if (watch.Waiters != 0) Wake(watch.Waiters);
        OnBusy(thread, "wrote to shared memory");
    }

    /// <summary>Something that makes thread <paramref name="thread"/>'s iteration more than a stutter.</summary>
    public void OnBusy(int thread, string what)
    {
        if (mode == IdleReduction.Off) return;
        var p = PollerOf(thread);
        if (p.Blocked) Violation(p, what);
        p.Busy ??= what;
    }

    /// <summary>
    /// The end of an idle iteration of thread <paramref name="thread"/>: blocks it until a store wakes it if the
    /// iteration was a stutter of its streak; otherwise yields.
    /// </summary>
    public void AtSpinHint(int thread)
    {
        if (mode == IdleReduction.Off || thread >= MaxPollers)
        {
            SchedulingPoint.Yield();
            return;
        }
        var p = PollerOf(thread);
        if (p.Blocked)
        {
            // Verifying: the thread runs on although it would be blocked.
            SchedulingPoint.Yield();
            return;
        }
        var streakHolds = Unchanged(p.Streak);
        var stutter = p.Busy is null && streakHolds && p.Streak.Count > 0 && RepeatsStreak(p);
        if (!stutter)
        {
            if (p.Busy is not null || !streakHolds) p.Streak.Clear();
            foreach (var r in p.Iteration)
                if (r.Version >= 0 && r.Version == WatchOf(r.Location).Version && !Contains(p.Streak, r.Location)) p.Streak.Add(r);
            p.Iteration.Clear();
            p.Busy = null;
            SchedulingPoint.Yield();
            return;
        }
        p.Iteration.Clear();
        var bit = 1UL << p.Id;
        foreach (var r in p.Streak) WatchOf(r.Location).Waiters |= bit;
        p.Blocked = true;
        Blocks++;
        if (mode == IdleReduction.Verify)
        {
            SchedulingPoint.Yield();
            return;
        }
        // Rewritten into Coyote's controlled wait: not scheduled until Wake clears Blocked.
        SpinWait.SpinUntil(p.Unblocked!);
    }

    /// <summary>The threads blocked now and the locations each waits on (for a deadlock's diagnosis).</summary>
    public IEnumerable<(int Thread, IReadOnlyList<nint> Locations)> Blocked()
    {
        foreach (var p in _pollers)
            if (p is { Blocked: true }) yield return (p.Id, p.Streak.Select(r => r.Location).ToList());
    }

    private bool RepeatsStreak(Poller p)
    {
        foreach (var r in p.Iteration)
        {
            if (r.Version < 0 || r.Version != WatchOf(r.Location).Version) return false;
            if (!Contains(p.Streak, r.Location)) return false;
        }
        return true;
    }

    private bool Unchanged(List<Read> reads)
    {
        foreach (var r in reads)
            if (WatchOf(r.Location).Version != r.Version) return false;
        return true;
    }

    private static bool Contains(List<Read> reads, nint location)
    {
        foreach (var r in reads)
            if (r.Location == location) return true;
        return false;
    }

    private void Wake(ulong waiters)
    {
        while (waiters != 0)
        {
            var id = System.Numerics.BitOperations.TrailingZeroCount(waiters);
            waiters &= waiters - 1;
            var p = _pollers[id]!;
            var bit = 1UL << id;
            foreach (var r in p.Streak) WatchOf(r.Location).Waiters &= ~bit;
            p.Streak.Clear();
            p.Blocked = false;
        }
    }

    private static void Violation(Poller p, string what)
        => Specification.Assert(false, $"[idle] the idle-poll reduction's premise failed: thread {p.Id}, idle and waiting for a store, {what}");

    private ref Watch WatchOf(nint location) => ref CollectionsMarshal.GetValueRefOrAddDefault(_watches, location, out _);

    private Poller PollerOf(int thread)
    {
        if (thread >= _pollers.Length) Array.Resize(ref _pollers, Math.Max(thread + 1, _pollers.Length * 2));
        if (_pollers[thread] is { } p) return p;
        p = new Poller(thread);
        p.Unblocked = () => !p.Blocked;
        return _pollers[thread] = p;
    }
}
