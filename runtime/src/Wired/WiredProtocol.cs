using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wireless.Memory;
using Wireless.Ring;
using Wireless.Scheduling;

namespace Wireless.Wired;

/// <summary>
/// The "wired" task-readiness design that PR #1107 replaced (seed-design §3, the wiring-queue baseline), on the same
/// ring, device, queues and seam as the wireless runtime, so that the two compare like for like.
/// </summary>
/// <remarks>
/// Design:
/// <list type="number">
/// <item>The orchestrator claims each producer under its <c>fanout_lock</c> (one more pin, unless the producer is
/// already CONSUMED or its slot reused) and publishes the task on the wiring queue.</item>
/// <item>Thread 0 wires it: under each producer's lock, counts it if COMPLETED, else prepends a node to its fanout
/// list; then adds the completed count plus the guard to <c>fanin_refcount</c>; the task is ready when that reaches
/// <c>fanin_count</c> = producers + 1.</item>
/// <item>A completer marks the task COMPLETED under its lock and takes its fanout list, then increments every
/// consumer's <c>fanin_refcount</c>; the one that makes it reach <c>fanin_count</c> readies it (exactly once).</item>
/// <item>Later (deferred, on an idle iteration) it releases the pin it holds on each producer; a task whose pins are
/// all released and which completed becomes CONSUMED (CAS under its lock), and the ring advances in order over
/// CONSUMED slots under the <c>advance_lock</c> try-lock, re-checking after unlock.</item>
/// </list>
/// It is as good as its design allows and passes the same checks as the wireless runtime, so it departs from the
/// seed baseline where that baseline is wrong or needlessly slow: the orchestrator's pin is taken under the producer's
/// lock, so that the decision and the pin are one step (see <see cref="Claim"/>); only tasks with heap outputs carry
/// a scope pin, as in the wireless runtime (pinning every task makes any scope longer than the window a deadlock);
/// the ring advance re-checks after unlock (giving up on a contended lock loses a reclamation: BUGLOG
/// <c>lost-reclamation</c>); fanout nodes live with their consumer, not in a pool.
/// </remarks>
internal sealed partial class WiredProtocol<TMem> where TMem : struct, ISharedMemory
{
    private readonly TaskRing _ring;
    private readonly ReadyQueues<TMem> _ready;
    private readonly RunStatus<TMem> _status;
    private readonly LineArray<WiredSlotState> _slots;
    private readonly LineArray<FanoutNode> _nodes;
    private readonly Bug _bugs;
    private readonly int _firstLocalId;

    public WiredProtocol(TaskRing ring, int firstLocalId, Bug bugs)
    {
        _firstLocalId = firstLocalId;
        _ring = ring;
        _bugs = TMem.AllowsBugs ? bugs : Bug.None;
        _status = new RunStatus<TMem>(ring);
        _ready = new ReadyQueues<TMem>(ring, _status);
        // Cache-line layout as the wireless ring's: a slot record, and a slot's nodes, on lines of their own.
        _slots = new LineArray<WiredSlotState>(ring.Window, 1, wholeLines: true);
        _nodes = new LineArray<FanoutNode>(ring.Window, ring.MaxFanin, wholeLines: true);
        Reset(ring.Window);
    }

    public TaskRing Ring => _ring;

    /// <summary>True if seeded bug <paramref name="bug"/> is active. Folded to false in the production build.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool Has(Bug bug) => TMem.AllowsBugs && (_bugs & bug) != 0;
    public ReadyQueues<TMem> Ready => _ready;
    public RunStatus<TMem> Status => _status;

    /// <summary>Resets the queues, the status and the slots of the first <paramref name="usedSlots"/> local ids of a run.</summary>
    public void Reset(int usedSlots)
    {
        _ready.Reset();
        _status.Reset();
        var first = _ring.SlotOf(_firstLocalId);
        var count = Math.Min(usedSlots, _ring.Window);
        _slots.Fill(first, count, new WiredSlotState { FanoutHead = -1, State = TaskState.Consumed });
        _nodes.Fill(first, count, default);
    }

    public void Register(MemoryMap map)
    {
        _ring.Register(map);
        _ready.Register(map);
        _slots.Register(map, "wired_slot");
        _nodes.Register(map, "fanout_node");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref WiredSlotState Slot(int slot) => ref _slots.At(slot);

    /// <summary>Node <paramref name="index"/> = slot · stride + i: the <c>i</c>-th fanin edge of the task in slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref FanoutNode Node(int index) => ref _nodes.Element(index);

    /// <summary>The index of the node of the <paramref name="edge"/>-th fanin edge of the task in <paramref name="slot"/>.</summary>
    private int NodeIndex(int slot, int edge) => slot * _nodes.Stride + edge;

    /// <summary>Takes a slot's <c>fanout_lock</c>.</summary>
    private static void Lock(ref WiredSlotState s, SpecAction action)
    {
        var spins = 0;
        // Acquire: pairs with the release in Unlock; everything the previous holder did under the lock is visible.
        while (TMem.CompareExchange(ref s.FanoutLock, 1, 0, MemoryOrder.Acquire, action) != 0)
            TMem.SpinHint(++spins, action);
    }

    private static void Unlock(ref WiredSlotState s, SpecAction action)
        // Release: publishes what was done under the lock to its next holder.
        => TMem.Store(ref s.FanoutLock, 0, MemoryOrder.Release, action);

    /// <summary>Describes the wired state of a slot for stall diagnostics.</summary>
    public string DescribeSlot(int slot)
    {
        ref var s = ref Slot(slot);
        var state = s.State switch { TaskState.Pending => "pending", TaskState.Completed => "completed", _ => "consumed" };
        return $"{state}, fanin {s.FaninRefcount}/{s.FaninCount}, fanout pins {s.FanoutRefcount}/{s.FanoutCount}";
    }
}
