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
    }

    public int Clusters { get; }
    public DeviceMemory Memory { get; }
    public CoreRegisters[] Registers { get; }
    public SimCore<TMem>[] Cores { get; }

    /// <summary>Registers the device's shared arrays for checker traces.</summary>
    public void Register(MemoryMap map) => map.Add("core", Registers);

    public void Reset()
    {
        Array.Clear(Registers);
        foreach (var core in Cores) core.Reset();
    }

    /// <summary>The run is over: every core gets the exit signal (the scheduler threads that dispatch have stopped).</summary>
    public void Shutdown()
    {
        // Release: pairs with the core's acquire load of DATA_MAIN.
        for (var c = 0; c < Registers.Length; c++) TMem.Store(ref Registers[c].DataMain, CoreRegisters.ExitSignal, MemoryOrder.Release, SpecAction.Idle);
    }

    /// <summary>The loop of a core that runs on its own thread (<see cref="CoreDriver.Threaded"/>): until the exit signal.</summary>
    public void RunCoreThread(int core, Action<string> fail)
    {
        var idle = 0;
        var c = Cores[core];
        while (true)
        {
            if (c.Advance(c.IsTimed ? TMem.NowNanoseconds() : 0, fail))
            {
                idle = 0;
                continue;
            }
            if (c.Exited || c.IsRunning && c.ExitSignalled()) return;
            TMem.SpinHint(++idle, SpecAction.Idle);
        }
    }
}
