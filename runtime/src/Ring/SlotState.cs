using System.Runtime.InteropServices;

namespace Wireless.Ring;

/// <summary>
/// The hot per-slot scheduling record (the seed's <c>PTO2TaskSlotState</c> after PR #1107 removed the fanout lock,
/// lists and reference counts). One per slot, in a pinned array; 32 bytes, two per cache line.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct SlotState
{
    /// <summary>
    /// <c>last_consumer_local_id</c> with the scope pin and retired flags (<see cref="LastConsumerWord"/>).
    /// Written by the orchestrator (stamp: CAS; unpin: CAS; reset on reuse: relaxed store published by the wiring
    /// queue) and by the reclaimer (retire: CAS). Read by the reclaimer with acquire.
    /// </summary>
    public long LastConsumer;

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
