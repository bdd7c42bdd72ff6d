using System.Numerics;

namespace Wireless.Spec.Model;

/// <summary>
/// A decoded state of the protocol model: the shared memory of spec/SPEC.md §1, every thread's private state, and the
/// ghost state the properties are stated over. The checker stores states encoded (<see cref="Encode"/>), a fixed
/// number of bytes per configuration.
/// </summary>
/// <remarks>
/// Design: one mutable instance per use (the current state and the successor being built), copied field by field, so
/// that exploring allocates nothing per state. Ghost state is what the runtime does not have but the properties talk
/// about: the set of completed tasks (a slot's flag forgets its previous tasks) and how many tasks have been retired
/// (retirement is in id order). Which task a slot holds, which tasks were published and which were dispatched
/// follow from the rest (the orchestrator's position, the cores, the completed set) and are not stored.
/// </remarks>
internal sealed class WirelessState
{
    /// <summary>Wake-list head or link value: no waiter.</summary>
    public const int Empty = 0xFF;

    /// <summary>Wake-list head value: the producer completed; the list is closed.</summary>
    public const int Sentinel = 0xFE;

    private readonly int _window;
    private readonly int _tasks;
    private readonly int _maskBytes;
    private readonly bool _hasModifiers;

    public WirelessState(ModelConfig config)
    {
        _window = config.Window;
        _tasks = config.TaskCount;
        _maskBytes = (_tasks + 7) / 8;
        Flag = new int[_window];
        Head = new int[_window];
        Next = new int[_window];
        Word = new int[_window];
        Pending = new int[_tasks];
        Fanin = new ulong[_tasks];
        Filtered = new ulong[_tasks];
        _hasModifiers = config.Tasks.Any(t => t.Producers.Any(d => d.Kind == EdgeKind.Modifier));
        Core = new ulong[config.Schedulers];
        Frames = new Frame[config.Schedulers + 1];
        Size = 4 * _window + 4 + 3 * _maskBytes + 1 + _tasks + _tasks * _maskBytes + config.Schedulers * _maskBytes + 2 + Frames.Length * 6
               + (_hasModifiers ? _tasks * _maskBytes : 0);
    }

    /// <summary>Bytes of an encoded state.</summary>
    public int Size { get; }

    // ---- Shared memory (spec/SPEC.md §1) ----------------------------------------------------------------------------

    /// <summary><c>completion_flags[slot]</c>: 0 or 1.</summary>
    public int[] Flag { get; }

    /// <summary><c>wake_list_head[slot]</c>: <see cref="Empty"/>, <see cref="Sentinel"/>, or the slot of the newest waiter.</summary>
    public int[] Head { get; }

    /// <summary><c>next_in_wake_list[slot]</c>: <see cref="Empty"/> or the slot of the next waiter.</summary>
    public int[] Next { get; }

    /// <summary><c>last_consumer[slot]</c> (see <see cref="Model.Word"/>).</summary>
    public int[] Word { get; }

    /// <summary><c>completed_watermark</c>: −1 at the start.</summary>
    public int Watermark;

    /// <summary><c>last_task_alive</c>.</summary>
    public int Alive;

    /// <summary><c>advance_lock</c>: 0 or 1.</summary>
    public int Lock;

    /// <summary><c>current_task_index</c>: one past the newest prepared task.</summary>
    public int CurrentTaskIndex;

    /// <summary>The wiring queue: published tasks thread 0 has not drained (FIFO in id order, so a set).</summary>
    public ulong Wiring;

    /// <summary>The ready queues: tasks pushed and not popped (a set: the model pops any of them).</summary>
    public ulong Ready;

    /// <summary>Per task: its fanin as published (the producers it kept), written while it is prepared.</summary>
    public ulong[] Fanin { get; }

    /// <summary>
    /// Per task: the TensorMap producers that dependency discovery filtered out (before <c>last_task_alive</c>), which
    /// never entered the fanin list; with <see cref="Fanin"/> it gives the list's order (only encoded if the
    /// configuration has TensorMap edges).
    /// </summary>
    public ulong[] Filtered { get; }

    // ---- Thread-private ---------------------------------------------------------------------------------------------

    /// <summary>Thread 0's pending FIFO: <see cref="PendingCount"/> tasks from the head.</summary>
    public int[] Pending { get; }

    public int PendingCount;

    /// <summary>Per scheduler: the tasks on its cores (dispatched, not yet completed).</summary>
    public ulong[] Core { get; }

    /// <summary>The orchestrator's position in its program.</summary>
    public int OpIndex;

    /// <summary>Frame 0: the orchestrator; frame 1 + i: scheduler i.</summary>
    public Frame[] Frames { get; }

    // ---- Ghost --------------------------------------------------------------------------------------------------

    /// <summary>Tasks whose completion flag has been stored.</summary>
    public ulong Completed;

    /// <summary>Tasks 0 .. Retired − 1 have been reclaimed (their word retired).</summary>
    public int Retired;

    public void CopyFrom(WirelessState s)
    {
        s.Flag.CopyTo(Flag, 0);
        s.Head.CopyTo(Head, 0);
        s.Next.CopyTo(Next, 0);
        s.Word.CopyTo(Word, 0);
        Watermark = s.Watermark;
        Alive = s.Alive;
        Lock = s.Lock;
        CurrentTaskIndex = s.CurrentTaskIndex;
        Wiring = s.Wiring;
        Ready = s.Ready;
        s.Fanin.CopyTo(Fanin, 0);
        s.Filtered.CopyTo(Filtered, 0);
        s.Pending.CopyTo(Pending, 0);
        PendingCount = s.PendingCount;
        s.Core.CopyTo(Core, 0);
        OpIndex = s.OpIndex;
        s.Frames.CopyTo(Frames, 0);
        Completed = s.Completed;
        Retired = s.Retired;
    }

    /// <summary>The state before anything ran: every slot unused, watermark −1.</summary>
    public void SetInitial()
    {
        Array.Fill(Flag, 0);
        Array.Fill(Head, Empty);
        Array.Fill(Next, Empty);
        Array.Fill(Word, Model.Word.Unused);
        Watermark = -1;
        Alive = Lock = CurrentTaskIndex = 0;
        Wiring = Ready = Completed = 0;
        Array.Fill(Fanin, 0UL);
        Array.Fill(Filtered, 0UL);
        Array.Fill(Pending, 0);
        PendingCount = 0;
        Array.Fill(Core, 0UL);
        OpIndex = 0;
        Array.Fill(Frames, default);
        Retired = 0;
    }

    public bool IsCompleted(int task) => (Completed >> task & 1) != 0;

    public int CoreLoad(int scheduler) => BitOperations.PopCount(Core[scheduler]);

    public void PendingPushBack(int task) => Pending[PendingCount++] = task;

    public int PendingPopFront()
    {
        var head = Pending[0];
        Array.Copy(Pending, 1, Pending, 0, PendingCount - 1);
        Pending[--PendingCount] = 0;
        return head;
    }

    public void Encode(Span<byte> b)
    {
        var p = 0;
        for (var s = 0; s < _window; s++)
        {
            b[p++] = (byte)Flag[s];
            b[p++] = (byte)Head[s];
            b[p++] = (byte)Next[s];
            b[p++] = (byte)Word[s];
        }
        b[p++] = (byte)(Watermark + 1);
        b[p++] = (byte)Alive;
        b[p++] = (byte)Lock;
        b[p++] = (byte)CurrentTaskIndex;
        p = PutMask(b, p, Wiring);
        p = PutMask(b, p, Ready);
        p = PutMask(b, p, Completed);
        b[p++] = (byte)PendingCount;
        for (var i = 0; i < _tasks; i++) b[p++] = (byte)Pending[i];
        foreach (var f in Fanin) p = PutMask(b, p, f);
        if (_hasModifiers)
            foreach (var f in Filtered) p = PutMask(b, p, f);
        foreach (var c in Core) p = PutMask(b, p, c);
        b[p++] = (byte)Retired;
        b[p++] = (byte)OpIndex;
        foreach (ref readonly var f in Frames.AsSpan())
        {
            b[p++] = (byte)f.Pc;
            b[p++] = (byte)f.Task;
            b[p++] = (byte)f.R0;
            b[p++] = (byte)f.R1;
            b[p++] = (byte)f.R2;
            b[p++] = (byte)f.R3;
        }
    }

    public void Decode(ReadOnlySpan<byte> b)
    {
        var p = 0;
        for (var s = 0; s < _window; s++)
        {
            Flag[s] = b[p++];
            Head[s] = b[p++];
            Next[s] = b[p++];
            Word[s] = b[p++];
        }
        Watermark = b[p++] - 1;
        Alive = b[p++];
        Lock = b[p++];
        CurrentTaskIndex = b[p++];
        Wiring = GetMask(b, ref p);
        Ready = GetMask(b, ref p);
        Completed = GetMask(b, ref p);
        PendingCount = b[p++];
        for (var i = 0; i < _tasks; i++) Pending[i] = b[p++];
        for (var i = 0; i < Fanin.Length; i++) Fanin[i] = GetMask(b, ref p);
        if (_hasModifiers)
            for (var i = 0; i < Filtered.Length; i++) Filtered[i] = GetMask(b, ref p);
        for (var i = 0; i < Core.Length; i++) Core[i] = GetMask(b, ref p);
        Retired = b[p++];
        OpIndex = b[p++];
        foreach (ref var f in Frames.AsSpan())
        {
            f.Pc = (Pc)b[p++];
            f.Task = b[p++];
            f.R0 = b[p++];
            f.R1 = b[p++];
            f.R2 = b[p++];
            f.R3 = b[p++];
        }
    }

    private int PutMask(Span<byte> b, int p, ulong mask)
    {
        for (var i = 0; i < _maskBytes; i++) b[p++] = (byte)(mask >> (8 * i));
        return p;
    }

    private ulong GetMask(ReadOnlySpan<byte> b, ref int p)
    {
        ulong mask = 0;
        for (var i = 0; i < _maskBytes; i++) mask |= (ulong)b[p++] << (8 * i);
        return mask;
    }
}
