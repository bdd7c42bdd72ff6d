using Wireless.Device;
using Wireless.Verification;
using Wireless.Workloads;

namespace Wireless.Perf.Baselines;

/// <summary>A reference runtime (wireless or wired) as a runner: one instance, device memory and record reused by every run.</summary>
internal sealed class RuntimeRunner(ITaskRuntime runtime, Workload workload) : IWorkloadRunner
{
    private readonly DeviceMemory _memory = new(workload.Globals, runtime.Config.HeapElements);
    private readonly ExecutionRecord _record = new(workload.TaskCount);

    public string Name => runtime.Name;

    public void Run()
    {
        var result = runtime.Run(workload, _memory, _record);
        if (!result.Succeeded)
            throw new InvalidOperationException($"{runtime.Name} failed on {workload.Name}: {result.Error}\n{result.StallDiagnostics}");
    }

    public string? Verify(ReferenceResult expected) => Verifier.Compare(expected, _record, _memory.Global);
}
