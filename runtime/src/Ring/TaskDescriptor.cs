using System.Runtime.InteropServices;

namespace Wireless.Ring;

/// <summary>
/// The cold per-slot task description (the seed's descriptor + payload). Written with plain stores by the
/// orchestrator while the slot is private to it, before the release push on the wiring queue publishes the task;
/// read with plain loads by every thread that later acquires the task (thread 0, dispatchers, cores).
/// The variable-length parts (fanin local ids, tensor args, scalars, explicit dependency indices) live in
/// per-slot stripes of <see cref="TaskRing"/>'s arrays. One cache line per slot: the orchestrator writes the
/// next slot's descriptor while schedulers read this one's.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
internal struct TaskDescriptor
{
    public int LocalId;
    /// <summary>Submission index: local id minus the run's first local id.</summary>
    public int Index;
    public long DurationNs;
    /// <summary>The heap counter after this task's output block (its buffers end there).</summary>
    public long HeapEnd;
    public Shape Shape;
    public Kernel Kernel;
    public KernelFault Fault;
    public byte FaninCount;
    public byte ArgCount;
    public byte ScalarCount;
    public byte DepCount;
    /// <summary>Subtasks the task needs to finish: 1, or 3 for MIX.</summary>
    public byte Subtasks;
}
