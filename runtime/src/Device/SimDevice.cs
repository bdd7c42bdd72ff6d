using Wireless.Memory;
using Wireless.Ring;
using Wireless.Verification;

namespace Wireless.Device;

/// <summary>
/// The simulated accelerator: clusters of 1 AIC + 2 AIV cores with their registers, and the device memory.
/// Core <c>3c</c> is cluster <c>c</c>'s AIC, <c>3c + 1</c> and <c>3c + 2</c> its AIVs. Cluster <c>c</c> is owned by
/// scheduler thread <c>c mod schedulers</c>, the only thread that dispatches to and polls its cores.
/// </summary>
internal sealed class SimDevice<TMem> where TMem : struct, ISharedMemory
{
    public SimDevice(RuntimeConfig config, TaskRing ring, DeviceMemory memory, ExecutionRecord record)
    {
        Clusters = config.Clusters;
        Memory = memory;
        Registers = GC.AllocateArray<CoreRegisters>(Clusters * 3, pinned: true);
        Cores = new SimCore<TMem>[Clusters * 3];
        for (var i = 0; i < Cores.Length; i++)
            Cores[i] = new SimCore<TMem>(Registers, i, i % 3 == 0 ? Shape.AIC : Shape.AIV, ring, memory, record, config.Device);
        Shutdown = GC.AllocateArray<int>(1, pinned: true);
    }

    public int Clusters { get; }
    public DeviceMemory Memory { get; }
    public CoreRegisters[] Registers { get; }
    public SimCore<TMem>[] Cores { get; }
    /// <summary>Set (release) when the run is over; threaded cores poll it (acquire) and exit.</summary>
    public int[] Shutdown { get; }

    /// <summary>Registers the device's shared arrays for checker traces.</summary>
    public void Register(MemoryMap map)
    {
        map.Add("core", Registers);
        map.Add("device_shutdown", Shutdown);
    }

    public void Reset()
    {
        Array.Clear(Registers);
        foreach (var core in Cores) core.Reset();
        Shutdown[0] = 0;
    }

    /// <summary>The loop of a core that runs on its own thread (<see cref="CoreDriver.Threaded"/>).</summary>
    public void RunCoreThread(int core, Action<string> fail)
    {
        var idle = 0;
        while (TMem.Load(ref Shutdown[0], MemoryOrder.Acquire, SpecAction.Idle) == 0)
        {
            var c = Cores[core];
            if (c.Advance(c.IsTimed ? TMem.NowNanoseconds() : 0, fail)) idle = 0;
            else TMem.SpinHint(++idle, SpecAction.Idle);
        }
    }
}
