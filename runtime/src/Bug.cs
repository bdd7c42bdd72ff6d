namespace Wireless;

/// <summary>
/// Seeded-bug variants of the runtime, selectable at run time. Each one is the buggy behaviour the checks must
/// catch: a defect of the seed design that the project fixed, or a mutation that breaks one property of the
/// specification. Variant branches are compiled only into instantiations whose
/// <see cref="Memory.ISharedMemory.AllowsBugs"/> is true; the production build has none.
/// See <see cref="BugCatalog"/> for names and stories, and <c>spec/BUGLOG.md</c>.
/// </summary>
[Flags]
public enum Bug
{
    None = 0,
    /// <summary>The seed gate on a 16-bit mask: <c>1 &lt;&lt; cpu</c> is lost for CPU ids ≥ 16 and the barrier never opens.</summary>
    NarrowCpuMask = 1 << 0,
    /// <summary>The seed gate widened to 64 bits: its barrier counts distinct CPU ids, so two threads on one CPU deadlock it.</summary>
    PopcountBarrier = 1 << 1,
    /// <summary>The gate state is never reset, so the next launch passes with stale bits.</summary>
    GateNoReset = 1 << 2,
    /// <summary>The completer takes the wake list and leaves it open (null) instead of closing it with the sentinel.</summary>
    NoSentinel = 1 << 3,
    /// <summary>The watermark is advanced by a load and a store instead of a CAS.</summary>
    PlainWatermark = 1 << 4,
    /// <summary>Reclamation gives up when the try-lock is contended and never re-checks (the seed's advance_lock).</summary>
    LostReclamation = 1 << 5,
    /// <summary>Tasks whose outputs are still reachable through an open scope's tensor handles are reclaimed (the seed's empty end_scope).</summary>
    NoScopePin = 1 << 6,
    /// <summary>The stamp of last_consumer_local_id is a read-max-write after a separate liveness check, not one atomic decision.</summary>
    UncheckedStamp = 1 << 7,
    /// <summary>Classification ignores a task's last fanin: a task can be readied before all its producers completed.</summary>
    IgnoreLastFanin = 1 << 8,
    /// <summary>A woken waiter is pushed twice on the ready queue: a task can be dispatched twice.</summary>
    DoubleWake = 1 << 9,
    /// <summary>Reclamation does not wait for the last consumer: a slot is reused while a consumer may still read it.</summary>
    ReclaimIgnoresConsumer = 1 << 10,
    /// <summary>The watermark walk is not bounded at all and may pass slots whose tasks were never allocated.</summary>
    UnboundedWatermark = 1 << 11,
    /// <summary>
    /// The seed's watermark walk stops at the completer's own id: after out-of-order completions the watermark can
    /// stay below completed tasks forever, and under back-pressure the orchestrator waits forever for a slot.
    /// </summary>
    WatermarkStall = 1 << 12,
    /// <summary>
    /// The stamp as the PR wrote it: a liveness check, then a plain (non-atomic) read-max-write of
    /// <c>last_consumer_local_id</c>, racing with the reclaimer's read (a data race, visible with the memory model).
    /// </summary>
    PlainLastConsumer = 1 << 13,
    /// <summary>
    /// The seed's reclamation does not wait for the completer to close its wake list: a completer that stalls between
    /// its flag store and its exchange can close the wake list of the slot's next task, readying that task's consumers
    /// early (found by the exhaustive model).
    /// </summary>
    ReclaimBeforeClose = 1 << 14,
    /// <summary>
    /// A scheduler thread marks "no MIX task held" with the local id <c>int.MinValue</c>, which is also a valid id after
    /// the counter wraps: a MIX task with that id popped while its cluster is busy is forgotten and the run stalls
    /// (found by the property tests).
    /// </summary>
    MixHoldSentinel = 1 << 15,
    /// <summary>
    /// A pending task's re-poll resumes after its two watched unmet fanins instead of at the first: when one of them
    /// completes, the other is skipped and the task can be readied while that producer still runs.
    /// </summary>
    CursorPastUnmet = 1 << 16,
    /// <summary>
    /// The wired baseline's split release: a releaser drops its pin on a producer outside the slot's lock and checks
    /// for CONSUMED under it afterwards; meanwhile the slot may be reused, and the check races with the orchestrator
    /// preparing the next task (found by exploring the wired baseline under the memory model).
    /// </summary>
    WiredSplitRelease = 1 << 17,
}
