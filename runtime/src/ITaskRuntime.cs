using Wireless.Device;
using Wireless.Verification;
using Wireless.Workloads;

namespace Wireless;

/// <summary>A reference runtime (wireless or wired) as its users drive it.</summary>
public interface ITaskRuntime
{
    /// <summary>"wireless" or "wired".</summary>
    string Name { get; }

    RuntimeConfig Config { get; }

    /// <summary>Runs <paramref name="workload"/> with fresh device memory and a fresh execution record.</summary>
    RunResult Run(Workload workload);

    /// <summary>Runs <paramref name="workload"/> reusing <paramref name="memory"/> and <paramref name="record"/>.</summary>
    RunResult Run(Workload workload, DeviceMemory memory, ExecutionRecord record);

    /// <summary>Names a shared location of the current run by address (for checker traces), or null.</summary>
    string? DescribeAddress(nint address);

    /// <summary>Where every incomplete task of the current run is and what it waits on.</summary>
    string DescribeStall();
}
