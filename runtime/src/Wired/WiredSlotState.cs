using System.Runtime.InteropServices;

namespace Wireless.Wired;

/// <summary>
/// The wired design's per-slot scheduling record (the seed's <c>TaskSlotState</c> as the wiring-queue baseline had it,
/// seed-design §2.1–2.2, §3), one per slot, 64 bytes, in a pinned array.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal struct WiredSlotState
{
    /// <summary><c>fanout_lock</c>: spin lock (CAS 0→1 acquire; store 0 release) over the fanout list, count and state transitions.</summary>
    [FieldOffset(0)] public int FanoutLock;
    /// <summary><c>fanout_head</c>: the first node of the list of consumers to notify (a node index, or -1). Under the lock.</summary>
    [FieldOffset(4)] public int FanoutHead;
    /// <summary><c>fanout_count</c>: pins on the task: one per claimed consumer, plus the scope's if it has heap outputs. Under the lock.</summary>
    [FieldOffset(8)] public int FanoutCount;
    /// <summary><c>fanout_refcount</c>: pins released so far (fetch_add acq_rel).</summary>
    [FieldOffset(12)] public int FanoutRefcount;
    /// <summary><c>task_state</c>: <see cref="TaskState"/>; COMPLETED stored with release under the lock, CONSUMED by CAS.</summary>
    [FieldOffset(16)] public int State;
    /// <summary><c>fanin_count</c>: producers still to wait for when wired, plus one guard. Plain, written by thread 0 before it links the task.</summary>
    [FieldOffset(20)] public int FaninCount;
    /// <summary><c>fanin_refcount</c>: producers known complete, plus the guard (fetch_add acq_rel).</summary>
    [FieldOffset(24)] public int FaninRefcount;
    /// <summary>Finished subtasks of a MIX task (fetch_add acq_rel by the owning scheduler).</summary>
    [FieldOffset(28)] public int CompletedSubtasks;
}

/// <summary>Values of <see cref="WiredSlotState.State"/>.</summary>
internal static class TaskState
{
    public const int Pending = 0;
    public const int Completed = 1;
    /// <summary>Completed, and every pin released: the slot may be reclaimed in order.</summary>
    public const int Consumed = 2;
}

/// <summary>
/// A node of a producer's fanout list: the consumer to notify and the next node. Node <c>slot · maxFanin + i</c>
/// belongs to the <c>i</c>-th fanin edge of the task in <c>slot</c>, so it lives exactly as long as its consumer, which
/// cannot be reclaimed before its producers notified it; no separate pool is needed.
/// </summary>
internal struct FanoutNode
{
    public int ConsumerSlot;
    public int Next;
}
