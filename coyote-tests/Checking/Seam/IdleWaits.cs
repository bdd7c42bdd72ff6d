using System.Runtime.InteropServices;
using Microsoft.Coyote.Runtime;
using Wireless.Checking.Bounded;

namespace Wireless.Checking.Seam;

/// <summary>How the checker treats a polling loop's idle iterations (spec/SPEC.md §9.1).</summary>
public enum IdleReduction
{
    /// <summary>A thread whose idle iteration only read unchanged newest values blocks until one of them is stored to.</summary>
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
/// checked thread whose polling loop found nothing to do is not scheduled again until another thread stores to a
/// location it read, so exploration spends no scheduling points on polls that find nothing. When every thread waits,
/// Coyote (or, for the bounded strategy, <see cref="BoundedScheduler"/>) reports the deadlock at once (L1).
/// </summary>
/// <remarks>
/// Design. The seam reports every shared access of every checked thread here. An iteration is what a thread does
/// between two <c>SpinHint</c>s; the runtime calls <c>SpinHint</c> only at the end of an iteration that found nothing
/// to do and has settled (the seam's contract: run again with the same values read, it would read no other location,
/// write nothing and report nothing but a re-poll). At a spin hint the thread blocks iff the iteration
/// <list type="bullet">
/// <item>was not <em>busy</em>: it stored nothing shared, reported no protocol event other than "classified: still two
/// unmet producers", announced no plain buffer access, issued no fence and did not read the clock;</item>
/// <item>read, with every load, the newest store of that location (under the memory model a load may read an older
/// one, and the next iteration, after the spin hint's catch-up, could read something else), and no location it read
/// has been stored to since.</item>
/// </list>
/// Otherwise it yields, as before. A blocked thread is registered on every location its iteration read; any store to
/// one of them (atomic or plain, placed anywhere in the modification order) wakes it. Blocking uses Coyote's
/// <c>SpinWait.SpinUntil</c>, which the rewriter turns into a controlled wait on a condition that reads only this
/// class's fields (no seam access), so Coyote sees the wait, reports a deadlock when every operation waits, and
/// replays it. Under the bounded strategy, which runs without Coyote's engine, the thread blocks in its scheduler
/// instead (<see cref="BoundedScheduler.Block"/>), which wakes it on the same stores and reports the same deadlock.
///
/// Why it is sound (the contract is checked by <see cref="IdleReduction.Verify"/>): a blocked thread's omitted steps
/// would read the same locations and get the same values (the newest store of each, none newer yet), write nothing and
/// report nothing but re-polls; they are stutter steps, and every execution with them is stutter-equivalent to one
/// without, which the strategy can still schedule. A thread with id 64 or more (never the case in the scenarios) does
/// not block.
/// </remarks>
/// <param name="describe">Names a location (for the verify mode's message).</param>
/// <param name="threadName">Names a thread by id (for the verify mode's message).</param>
/// <param name="bounded">The bounded strategy's scheduler, which then blocks and wakes threads, or null.</param>
internal sealed class IdleWaits(IdleReduction mode, Func<nint, string?> describe, Func<int, string> threadName, BoundedScheduler? bounded = null)
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
        /// <summary>The current iteration's reads; while blocked, what it waits on.</summary>
        public readonly List<Read> Reads = [];
        /// <summary>Why the current iteration is not a stutter (null while it is one).</summary>
        public string? Busy;
        /// <summary>A load of the iteration read an older store than the newest, or (verifying) it was woken mid-way.</summary>
        public bool Stale;
        public bool Blocked;
        public Func<bool>? Unblocked;
    }

    private const int MaxPollers = 64;

    private readonly Dictionary<nint, Watch> _watches = [];
    private Poller?[] _pollers = new Poller?[16];

    /// <summary>Spin hints at which a thread was blocked (or, when verifying, would have been).</summary>
    public long Blocks { get; private set; }

    /// <summary>A load by thread <paramref name="thread"/>; <paramref name="newest"/>: it read the newest store.</summary>
    public void OnRead(int thread, nint location, bool newest)
    {
        if (mode == IdleReduction.Off) return;
        var p = PollerOf(thread);
        if (p.Blocked)
        {
            if (!Contains(p.Reads, location)) Violation(p, $"read {describe(location) ?? $"0x{location:x}"}, which its idle iteration did not read");
            return;
        }
        p.Reads.Add(new Read(location, WatchOf(location).Version));
        p.Stale |= !newest;
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
    /// iteration was a stutter; otherwise yields.
    /// </summary>
    public void AtSpinHint(int thread)
    {
        if (mode == IdleReduction.Off || thread >= MaxPollers)
        {
            Yield(thread);
            return;
        }
        var p = PollerOf(thread);
        if (p.Blocked)
        {
            // Verifying: the thread runs on although it would be blocked.
            Yield(thread);
            return;
        }
        if (p.Busy is not null || p.Stale || !Unchanged(p.Reads))
        {
            p.Reads.Clear();
            p.Busy = null;
            p.Stale = false;
            Yield(thread);
            return;
        }
        var bit = 1UL << p.Id;
        foreach (var r in p.Reads) WatchOf(r.Location).Waiters |= bit;
        p.Blocked = true;
        Blocks++;
        if (mode == IdleReduction.Verify)
        {
            Yield(thread);
            return;
        }
        if (bounded is not null)
        {
            bounded.Block(thread);
            return;
        }
        // Rewritten into Coyote's controlled wait: not scheduled until Wake clears Blocked.
        SpinWait.SpinUntil(p.Unblocked!);
    }

    /// <summary>An idle iteration that does not block ends with a scheduling point.</summary>
    private void Yield(int thread)
    {
        if (bounded is not null) bounded.Point(thread);
        else SchedulingPoint.Yield();
    }

    /// <summary>The threads blocked now and the locations each waits on (for a deadlock's diagnosis).</summary>
    public IEnumerable<(int Thread, IReadOnlyList<nint> Locations)> Blocked()
    {
        foreach (var p in _pollers)
            if (p is { Blocked: true }) yield return (p.Id, p.Reads.Select(r => r.Location).Distinct().ToList());
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
            foreach (var r in p.Reads) WatchOf(r.Location).Waiters &= ~bit;
            p.Reads.Clear();
            p.Blocked = false;
            if (mode == IdleReduction.Block) bounded?.Woken(id);
            // Verifying, the thread was running on and is woken mid-iteration: what it reads in the rest of it is no
            // whole iteration, so it must not be judged at the next spin hint. (A blocked thread wakes at its hint.)
            p.Stale = mode == IdleReduction.Verify;
        }
    }

    private void Violation(Poller p, string what)
        => CheckFailure.Report($"[idle] the idle-poll reduction's premise failed: {threadName(p.Id)}, idle and waiting for a store, {what} "
            + $"(it waits on {string.Join(", ", p.Reads.Select(r => describe(r.Location) ?? $"0x{r.Location:x}").Distinct())})");

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
