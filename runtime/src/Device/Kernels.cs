using System.Runtime.InteropServices;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Verification;

namespace Wireless.Device;

/// <summary>Everything a kernel needs to run one (sub)task.</summary>
public readonly ref struct KernelCall
{
    public required Kernel Kernel { get; init; }
    public required int Index { get; init; }
    public required ReadOnlySpan<long> Scalars { get; init; }
    public required ReadOnlySpan<TensorArg> Args { get; init; }
    /// <summary>Submission indices of the task's explicit dependencies: their digests are inputs too.</summary>
    public required ReadOnlySpan<int> DepIndices { get; init; }
    public KernelFault Fault { get; init; }
    /// <summary>Which subtask (0 for single-core tasks; 0..2 for MIX).</summary>
    public int Part { get; init; }
    /// <summary>The empty device (<see cref="DeviceMode.Empty"/>): the kernel records that it ran and touches no tensor.</summary>
    public bool Empty { get; init; }
}

/// <summary>Thrown by a kernel with an injected <see cref="KernelFault.Throw"/>.</summary>
public sealed class KernelFaultException(string message) : Exception(message);

/// <summary>
/// The kernels. Every kernel folds, in order, its kernel id, submission index, scalars, the digests of its explicit
/// dependencies and every element it reads into a 64-bit digest, records the digest, and writes each output element
/// as a mix of the digest and the element's position. So a task that runs before a producer finished, runs twice
/// (an INOUT accumulates twice), or reads a reused buffer changes the digest or the output.
/// </summary>
/// <remarks>
/// A MIX task's subtask 0 does the whole computation; subtasks 1 and 2 only occupy their cores, so the three
/// concurrent subtasks never race on the task's buffers. On the empty device a kernel folds only its kernel id and
/// index and records its run, so what remains to verify is that every task ran exactly once.
/// </remarks>
public static class Kernels
{
    public static void Execute<TMem>(DeviceMemory memory, ExecutionRecord record, in KernelCall call)
        where TMem : struct, ISharedMemory
    {
        if (call.Part != 0) return;
        if (call.Fault == KernelFault.Throw) throw new KernelFaultException("injected kernel fault");

        var acc = Mixing.Mix((ulong)call.Kernel + 1, (ulong)call.Index);
        if (call.Empty)
        {
            Record<TMem>(record, call.Index, acc);
            return;
        }
        foreach (var s in call.Scalars) acc = Mixing.Mix(acc, (ulong)s);
        foreach (var dep in call.DepIndices)
        {
            TMem.AccessBuffer(ref record.Digests[dep], 1, write: false, SpecAction.RunKernel);
            acc = Mixing.Mix(acc, (ulong)record.Digests[dep]);
        }
        foreach (ref readonly var arg in call.Args)
        {
            if (arg.Direction is ArgDirection.Out or ArgDirection.OutputExisting) continue;
            var data = memory.SpaceArray(arg.Space).AsSpan(arg.Start, arg.Length);
            TMem.AccessBuffer(ref MemoryMarshal.GetReference(data), data.Length, write: false, SpecAction.RunKernel);
            foreach (var x in data) acc = Mixing.Mix(acc, (uint)x);
        }

        Record<TMem>(record, call.Index, acc);

        for (var a = 0; a < call.Args.Length; a++)
        {
            ref readonly var arg = ref call.Args[a];
            if (arg.Direction == ArgDirection.In) continue;
            var data = memory.SpaceArray(arg.Space).AsSpan(arg.Start, arg.Length);
            TMem.AccessBuffer(ref MemoryMarshal.GetReference(data), data.Length, write: true, SpecAction.RunKernel);
            var argSeed = Mixing.Mix(acc, (ulong)a);
            for (var j = 0; j < data.Length; j++) data[j] = (int)Mixing.Mix(argSeed, (ulong)j);
        }
    }

    private static void Record<TMem>(ExecutionRecord record, int index, ulong digest) where TMem : struct, ISharedMemory
    {
        TMem.AccessBuffer(ref record.Digests[index], 1, write: true, SpecAction.RunKernel);
        TMem.AccessBuffer(ref record.RunCounts[index], 1, write: true, SpecAction.RunKernel);
        record.Digests[index] = (long)digest;
        record.RunCounts[index]++;
    }
}
