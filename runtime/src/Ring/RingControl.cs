using System.Runtime.InteropServices;

namespace Wireless.Ring;

/// <summary>
/// Per-ring flow control in shared memory (the seed's <c>pto_shared_memory.h</c>): each word that different threads
/// write lives on its own 128-byte line (two cache lines, against adjacent-line prefetch).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 1024)]
internal struct RingControl
{
    /// <summary>
    /// <c>completed_watermark</c>: every task up to and including it has completed. Starts one before the first
    /// local id; only grows. Advanced by completers with CAS (seq_cst: with the advance_lock try, a store-buffering
    /// pair against the reclaimer's unlock and re-check), read with acquire by completers and the reclaimer (seq_cst
    /// in its re-check).
    /// </summary>
    [FieldOffset(0)] public int CompletedWatermark;

    /// <summary>
    /// <c>last_task_alive</c>: the oldest task not yet reclaimed; slots before it are free. Written by the reclaimer
    /// under <see cref="AdvanceLock"/> with release after the slots are reset; read by the orchestrator with acquire.
    /// </summary>
    [FieldOffset(128)] public int LastTaskAlive;

    /// <summary><c>advance_lock</c>: try-lock of the reclaimer (CAS 0→1; unlock by exchange).</summary>
    [FieldOffset(256)] public int AdvanceLock;

    /// <summary>
    /// <c>current_task_index</c>: one past the newest task whose slot the orchestrator prepared (its completion flag
    /// cleared). Written by the orchestrator with seq_cst after each prepare; read by completers walking the
    /// watermark beyond their own id, seq_cst (with acquire a completer can read a frontier older than a completed
    /// newer task: acqrel-frontier, BUGLOG), and with acquire by the wired ring advance: every flag below it belongs
    /// to an allocated task.
    /// </summary>
    [FieldOffset(768)] public int CurrentTaskIndex;

    /// <summary>Tasks completed so far, inline ones included (fetch_add relaxed; read acquire for the exit check).</summary>
    [FieldOffset(384)] public int CompletedTasks;

    /// <summary>Set (release) by the orchestrator after its last submission, with <see cref="TotalTasks"/>.</summary>
    [FieldOffset(512)] public int OrchestratorDone;

    /// <summary>Total tasks submitted; written before <see cref="OrchestratorDone"/> (plain, published by its release).</summary>
    [FieldOffset(516)] public int TotalTasks;

    /// <summary>Non-zero once a runtime error was latched (CAS 0→code, first writer wins); every loop polls it.</summary>
    [FieldOffset(640)] public int ErrorCode;
}
