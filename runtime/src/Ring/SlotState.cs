using System.Runtime.InteropServices;

namespace Wireless.Ring;

/// <summary>
/// The per-slot wake-list record (the seed's <c>PTO2TaskSlotState</c> after PR #1107 removed the fanout lock, lists
/// and reference counts, less <c>last_consumer_local_id</c>, which lives in <see cref="TaskRing.LastConsumer"/>). One
/// per slot, in a pinned array, one cache line each.
/// </summary>
/// <remarks>
/// Layout: the wake list is written by scheduler threads (thread 0 registers, the completer closes, the reclaimer
/// resets), the last-consumer word by the orchestrator (prepare, stamp, unpin) and the reclaimer, so the two live
/// apart and each record has a line of its own. In one shared record the orchestrator's stamp on a producer would wait
/// for the line its completer had just written, and with records two per line completers of neighbouring slots would
/// write each other's line.
/// </remarks>
[StructLayout(LayoutKind.Sequential, Size = 64)]
internal struct SlotState
{
    /// <summary>
    /// <c>wake_list_head</c>: slot of the newest waiter, <see cref="WakeList.Empty"/>, or
    /// <see cref="WakeList.Sentinel"/> once the task completed. Pushed by thread 0 (CAS acq_rel), closed by the
    /// completer (exchange acq_rel), reset to Empty by the reclaimer (relaxed; no one can reach a retired slot).
    /// </summary>
    public int WakeListHead;

    /// <summary>
    /// <c>next_in_wake_list</c>: plain. Written by thread 0 before the CAS that publishes the waiter (release),
    /// read by the completer after the exchange that detaches the list (acquire).
    /// </summary>
    public int NextInWakeList;

    /// <summary>Finished subtasks of a MIX task (fetch_add acq_rel by the owning scheduler; reset on prepare).</summary>
    public int CompletedSubtasks;
}

/// <summary>Values of <see cref="SlotState.WakeListHead"/> that are not a waiter's slot.</summary>
internal static class WakeList
{
    /// <summary>No waiter yet; the list is open.</summary>
    public const int Empty = -1;

    /// <summary><c>WAKE_LIST_SENTINEL</c>: the producer completed; the list is closed to registrations.</summary>
    public const int Sentinel = -2;
}
