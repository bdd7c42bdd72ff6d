using Wireless.Device;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Verification;
using Wireless.Workloads;

namespace Wireless.Perf.Baselines;

/// <summary>
/// The sequential bound: a workload run on one thread, each task executed the moment it is submitted, with the same
/// dependency discovery and kernels as the runtime (the scheme of <see cref="SequentialExecutor"/>, whose output it
/// must reproduce). On the zero device it is the lower bound of the runtime's work: the same orchestration and kernels
/// with no readiness protocol and no thread hand-off. On the timed device each kernel is followed by a spin for its
/// simulated duration, so the run is what a device with one core and no scheduling overhead would take: not a lower
/// bound there, since the runtimes' simulated cores overlap their kernels' durations.
/// </summary>
/// <remarks>
/// Why not <see cref="SequentialExecutor.Run"/> itself: it allocates a fresh device memory (a 16 MiB heap by default),
/// an execution record and a program-structure record on every run, which would dominate the small workloads and so
/// not bound anything. This runner reuses them like <see cref="ITaskRuntime.Run(Workload, DeviceMemory, ExecutionRecord)"/>
/// does, and reuses the heap ring as the reference does (in a sequential run every earlier task has finished, so
/// everything no open scope pins is free).
/// </remarks>
internal sealed class SequentialRunner : DiscoveringOrchestrator, IWorkloadRunner
{
    private readonly Workload _workload;
    private readonly bool _timed;
    private readonly bool _empty;
    private readonly DeviceMemory _memory;
    private readonly ExecutionRecord _record;

    public SequentialRunner(RuntimeConfig config, Workload workload)
        : base(config, config.HeapElements, reuseHeap: true)
    {
        _workload = workload;
        _timed = config.Device == DeviceMode.Timed;
        _empty = config.Device == DeviceMode.Empty;
        _memory = new DeviceMemory(workload.Globals, config.HeapElements);
        _record = new ExecutionRecord(workload.TaskCount);
    }

    public string Name => RunnerKinds.Sequential;

    public void Run()
    {
        _memory.ResetGlobals();
        _record.Clear();
        Orchestrate(_workload);
    }

    public string? Verify(ReferenceResult expected) => Verifier.Compare(expected, _record, _memory.Global);

    protected override void OnTask(TaskBuilder task, int index, ProducerSet producers, ReadOnlySpan<int> depIndices)
    {
        Kernels.Execute<FastMemory>(_memory, _record, new KernelCall
        {
            Kernel = task.Kernel, Index = index, Scalars = task.Scalars, Args = task.Args, DepIndices = depIndices, Fault = task.Fault, Empty = _empty,
        });
        if (_timed) SimulatedDuration.Spin(task.DurationNs);
    }

    /// <summary>In a sequential run every earlier task has finished.</summary>
    protected override int FinishedBefore(int self) => self;

    protected override void OnAlloc(int index, ReadOnlySpan<Tensor> outputs) => FillAllocBuffers(_memory, index, outputs);
}
