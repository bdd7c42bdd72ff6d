using Wireless.Orchestration;

namespace Wireless.Device;

/// <summary>
/// The device's memory: global memory (external tensors) and the output heap, both arrays of 32-bit elements on
/// the pinned object heap. Kernels read and write them with plain accesses, ordered by the runtime's
/// release/acquire chain from a producer's completion to its consumer's dispatch.
/// </summary>
public sealed class DeviceMemory
{
    public DeviceMemory(GlobalMemoryLayout globals, int heapElements)
    {
        Globals = globals;
        Global = GC.AllocateArray<int>(Math.Max(1, globals.TotalElements), pinned: true);
        Heap = GC.AllocateArray<int>(heapElements, pinned: true);
        ResetGlobals();
    }

    public GlobalMemoryLayout Globals { get; }
    public int[] Global { get; }
    public int[] Heap { get; }

    public int[] SpaceArray(MemorySpace space) => space == MemorySpace.Global ? Global : Heap;

    /// <summary>Fills global memory with the workload's deterministic initial values.</summary>
    public void ResetGlobals()
    {
        for (var i = 0; i < Globals.TotalElements; i++) Global[i] = GlobalMemoryLayout.InitialValue(i);
    }
}
