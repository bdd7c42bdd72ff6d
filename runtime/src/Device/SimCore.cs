using System.Runtime.InteropServices;
using Wireless.Memory;
using Wireless.Ring;
using Wireless.Verification;

namespace Wireless.Device;

/// <summary>
/// One simulated AICore (seed §1: the AICore loop): it notices a new sequence number in <c>DATA_MAIN</c>, writes
/// ACK, runs the kernel, writes FIN. It is a passive state machine advanced by <see cref="Advance"/>, so the same
/// code runs inline on the owning scheduler thread (fast build: no extra OS threads) or on a thread of its own
/// (checked build: cores race with the schedulers).
/// </summary>
/// <remarks>
/// Zero device: a kernel finishes as soon as the core picks it up. Timed device: FIN only after the task's
/// simulated duration has passed on the seam's clock. The kernel's side effects happen at FIN time, before the
/// release store of FIN. The fields below are private to whoever drives the core.
/// </remarks>
internal sealed class SimCore<TMem> where TMem : struct, ISharedMemory
{
    private readonly CoreRegisters[] _registers;
    private readonly int _index;
    private readonly TaskRing _ring;
    private readonly DeviceMemory _memory;
    private readonly ExecutionRecord _record;
    private readonly bool _timed;
    private readonly bool _empty;
    private int _lastSequence;
    private int _currentSequence;
    private int _currentTask;
    private int _currentPart;
    private long _finishAt;

    public SimCore(CoreRegisters[] registers, int index, Shape kind, TaskRing ring, DeviceMemory memory, ExecutionRecord record, DeviceMode mode)
    {
        _registers = registers;
        _index = index;
        Kind = kind;
        _ring = ring;
        _memory = memory;
        _record = record;
        _timed = mode == DeviceMode.Timed;
        _empty = mode == DeviceMode.Empty;
    }

    public int Index => _index;
    /// <summary>Whether kernels take their simulated duration (the caller passes the clock to <see cref="Advance"/>).</summary>
    public bool IsTimed => _timed;
    /// <summary><see cref="Shape.AIC"/> or <see cref="Shape.AIV"/>.</summary>
    public Shape Kind { get; }
    /// <summary>The core read <see cref="CoreRegisters.ExitSignal"/> in <c>DATA_MAIN</c> (a threaded core's loop ends).</summary>
    public bool Exited { get; private set; }

    /// <summary>
    /// Whether the exit signal is in <c>DATA_MAIN</c>, for a core whose kernel has not finished (a hung kernel when the
    /// run is aborted): an idle core sees it in <see cref="Advance"/>.
    /// </summary>
    public bool ExitSignalled()
    {
        Exited = TMem.Load(ref Regs.DataMain, MemoryOrder.Acquire, SpecAction.Idle) == CoreRegisters.ExitSignal;
        return Exited;
    }

    /// <summary>Whether a kernel is running (ACKed, not finished).</summary>
    public bool IsRunning => _currentSequence != 0;

    /// <summary>The task the core is running (local id), or null. For stall diagnostics.</summary>
    public int? RunningTask => _currentSequence != 0 ? _currentTask : null;

    private ref CoreRegisters Regs => ref _registers[_index];

    public void Reset()
    {
        _lastSequence = _currentSequence = _currentTask = _currentPart = 0;
        _finishAt = 0;
        Exited = false;
    }

    /// <summary>
    /// Takes one step if one is due: ACK a newly dispatched task, or run the current kernel and report FIN.
    /// Returns false if there was nothing to do. A kernel that throws is reported through <paramref name="fail"/>.
    /// <paramref name="now"/> is the seam's clock on a timed device and is not read (0) otherwise, so that a checked
    /// core's idle polls do not depend on time.
    /// </summary>
    public bool Advance(long now, Action<string> fail)
    {
        ref var regs = ref Regs;
        if (_currentSequence == 0)
        {
            // Acquire: pairs with the dispatcher's release store; the payload below is then visible.
            var seq = TMem.Load(ref regs.DataMain, MemoryOrder.Acquire, SpecAction.CoreAck);
            if (seq == CoreRegisters.Idle || seq == _lastSequence) return false;
            if (seq == CoreRegisters.ExitSignal)
            {
                Exited = true;
                return false;
            }
            var odd = (seq & 1) != 0;
            _currentTask = TMem.Load(ref odd ? ref regs.PayloadTask1 : ref regs.PayloadTask0, MemoryOrder.NonAtomic, SpecAction.CoreAck);
            _currentPart = TMem.Load(ref odd ? ref regs.PayloadPart1 : ref regs.PayloadPart0, MemoryOrder.NonAtomic, SpecAction.CoreAck);
            _lastSequence = _currentSequence = seq;
            ref var d = ref _ring.Descriptor(_ring.SlotOf(_currentTask));
            TMem.AccessBuffer(ref d, 1, write: false, SpecAction.CoreAck);
            _finishAt = d.Fault == KernelFault.Hang ? long.MaxValue : _timed ? now + d.DurationNs : 0;
            // Release: the ACK tells the owner the payload buffer of the previous task is free again.
            TMem.Store(ref regs.Cond, CoreRegisters.Ack(seq), MemoryOrder.Release, SpecAction.CoreAck);
            return true;
        }
        if (now < _finishAt) return false;

        var slot = _ring.SlotOf(_currentTask);
        ref var desc = ref _ring.Descriptor(slot);
        TMem.AccessBuffer(ref MemoryMarshal.GetReference(_ring.ArgStripe(slot)), desc.ArgCount, write: false, SpecAction.RunKernel);
        TMem.AccessBuffer(ref MemoryMarshal.GetReference(_ring.ScalarStripe(slot)), desc.ScalarCount, write: false, SpecAction.RunKernel);
        TMem.AccessBuffer(ref MemoryMarshal.GetReference(_ring.DepStripe(slot)), desc.DepCount, write: false, SpecAction.RunKernel);
        TMem.Observe(SpecEvent.KernelStarted, _currentTask, desc.Index);
        try
        {
            Kernels.Execute<TMem>(_memory, _record, new KernelCall
            {
                Kernel = desc.Kernel,
                Index = desc.Index,
                Scalars = _ring.ScalarStripe(slot)[..desc.ScalarCount],
                Args = _ring.ArgStripe(slot)[..desc.ArgCount],
                DepIndices = _ring.DepStripe(slot)[..desc.DepCount],
                Fault = desc.Fault,
                Part = _currentPart,
                Empty = _empty,
            });
        }
        catch (Exception e)
        {
            fail($"the kernel of {_ring.NameOf(slot)} threw on core {_index}: {e.Message}");
            return false;
        }
        var finished = _currentSequence;
        _currentSequence = 0;
        // Release: publishes the kernel's output writes to the owner's acquire load of COND.
        TMem.Store(ref regs.Cond, CoreRegisters.Fin(finished), MemoryOrder.Release, SpecAction.CoreFinish);
        return true;
    }
}
