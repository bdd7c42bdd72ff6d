using System.Runtime.CompilerServices;
using Wireless.Memory;
using Wireless.Ring;

namespace Wireless.Scheduling;

/// <summary>
/// The wireless task-readiness protocol of PR #1107 on one ring, as the scheduler threads and the orchestrator run
/// it. Split by concern: classification and wake lists (<c>.Readiness.cs</c>), completion and the watermark
/// (<c>.Completion.cs</c>), reclamation (<c>.Reclamation.cs</c>).
/// </summary>
/// <remarks>
/// Design (see spec/SPEC.md for the state machine and the argument):
/// <list type="number">
/// <item>A task is complete when its slot's completion flag is 1 (release by the completer). Flags are monotonic
/// within one incarnation of a slot: 0 at prepare, 1 at completion.</item>
/// <item>Thread 0 counts a task's unmet fanins with acquire loads. 0 → ready queue; 2+ → back to its pending FIFO;
/// exactly 1 → CAS push on that producer's wake list. Its other producers stay complete, so it waits on one.</item>
/// <item>A completer sets its flag, then exchanges the wake-list head with the sentinel, detaching every waiter and
/// closing the list; a registration that loses the race sees the sentinel and readies the task itself. So no
/// wake-up is lost and each waiter is readied exactly once.</item>
/// <item>The watermark covers a contiguous prefix of completed tasks; completers advance it by CAS, never past
/// the newest prepared task (<c>current_task_index</c>; beyond it, flags may belong to retired tasks whose slots are
/// not reused yet).</item>
/// <item>A slot is reclaimed (<c>last_task_alive</c> passes it) when the watermark covers its last consumer and no
/// open scope pins it; the orchestrator's stamp and the reclaimer's retire are CASes on the same word, so a new
/// consumer never names a reclaimed producer. A reclaimer that unlocks re-checks, so no reclamation is lost.</item>
/// </list>
/// </remarks>
internal sealed partial class WirelessProtocol<TMem> where TMem : struct, ISharedMemory
{
    private readonly TaskRing _ring;
    private readonly ReadyQueues<TMem> _ready;
    private readonly RunStatus<TMem> _status;
    private readonly Bug _bugs;

    public WirelessProtocol(TaskRing ring, Bug bugs)
    {
        _ring = ring;
        _bugs = TMem.AllowsBugs ? bugs : Bug.None;
        _status = new RunStatus<TMem>(ring);
        _ready = new ReadyQueues<TMem>(ring, _status);
    }

    public TaskRing Ring => _ring;

    public ReadyQueues<TMem> Ready => _ready;

    public RunStatus<TMem> Status => _status;

    public ReadyQueue<TMem> ReadyQueue(Shape shape) => _ready[shape];

    /// <summary>The first error latched in this run, if any.</summary>
    public string? ErrorMessage => _status.ErrorMessage;

    /// <summary>Registers the ring and the ready queues for checker traces.</summary>
    public void Register(MemoryMap map)
    {
        _ring.Register(map);
        _ready.Register(map);
    }

    public void Reset()
    {
        _ready.Reset();
        _status.Reset();
    }

    /// <summary>True if seeded bug <paramref name="bug"/> is active. Folded to false in the production build.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Has(Bug bug) => TMem.AllowsBugs && (_bugs & bug) != 0;

    /// <summary>True once a runtime error was latched; every loop polls this and stops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Aborted() => _status.Aborted();

    /// <summary>Latches a runtime error (first writer wins) and asks every thread to stop.</summary>
    public void Fail(string message) => _status.Fail(message);
}
