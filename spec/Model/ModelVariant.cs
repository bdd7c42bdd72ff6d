namespace Wireless.Spec.Model;

/// <summary>
/// Seeded-bug variants of the model, one per variant of the runtime (<c>Wireless.Bug</c>, same names on the command
/// line). Each changes the model exactly where the runtime's variant changes the runtime; the checker must find each
/// one with a counterexample. <see cref="None"/> is the protocol of spec/SPEC.md §2.
/// </summary>
public enum ModelVariant : byte
{
    /// <summary>The protocol as specified (and as the runtime implements it).</summary>
    None,
    /// <summary>The completer takes the wake list and leaves it open (empty) instead of closing it with the sentinel.</summary>
    NoSentinel,
    /// <summary>The watermark is advanced by a store instead of a CAS.</summary>
    PlainWatermark,
    /// <summary>Reclamation gives up on a contended try-lock and never re-checks after unlocking (the seed).</summary>
    LostReclamation,
    /// <summary>The watermark walk stops at the completer's own id (the seed).</summary>
    WatermarkStall,
    /// <summary>The stamp is a liveness check against an earlier <c>last_task_alive</c>, then a load and a store (the seed).</summary>
    UncheckedStamp,
    /// <summary>Tasks with heap outputs are not pinned by their scope (the seed's empty end_scope).</summary>
    NoScopePin,
    /// <summary>Classification ignores a task's last fanin.</summary>
    IgnoreLastFanin,
    /// <summary>A woken waiter is pushed on the ready queue twice.</summary>
    DoubleWake,
    /// <summary>Reclamation does not wait for the slot's last consumer.</summary>
    ReclaimIgnoresConsumer,
    /// <summary>The watermark walk is not bounded by the prepared frontier.</summary>
    UnboundedWatermark,
    /// <summary>
    /// Reclamation does not wait for the slot's wake list to be closed (the runtime as of this model, and the seed): a
    /// completer delayed between its flag store and its CloseWakeList closes the list of the slot's next task.
    /// </summary>
    ReclaimBeforeClose,
    /// <summary>The seed gate on a 16-bit mask: <c>1 &lt;&lt; cpu</c> is lost for CPU ids ≥ 16.</summary>
    NarrowCpuMask,
    /// <summary>The seed gate on 64 bits: the barrier waits for the mask's popcount to reach the launched count.</summary>
    PopcountBarrier,
    /// <summary>The gate is never reset after a launch.</summary>
    GateNoReset,
}
