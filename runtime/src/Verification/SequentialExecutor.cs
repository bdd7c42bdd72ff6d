using System.Numerics;
using Wireless.Device;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Workloads;

namespace Wireless.Verification;

/// <summary>The expected outcome of a workload: what each task read, how often it ran, and global memory at the end.</summary>
/// <remarks><see cref="InjectedFaults"/> lists tasks with an injected kernel fault: they have no reference outcome
/// (recorded as not run), so a run of such a program is expected to fail.</remarks>
public sealed record ReferenceResult(ExecutionRecord Record, int[] FinalGlobals, ProgramStructure Structure, IReadOnlyList<string> InjectedFaults);

/// <summary>
/// The sequential reference: runs a workload on one thread, each task at the moment it is submitted, so the
/// submission order is the execution order. It uses the same dependency discovery, scope rules and kernels as the
/// runtime (<see cref="DiscoveringOrchestrator"/>), so it also rejects bad programs the same way; the runtime's output
/// must equal its output. Besides the outcome it records the program's structure (tasks, producers, scopes) and checks
/// the reads of manual scopes (<see cref="ManualScopeReads"/>).
/// </summary>
public sealed class SequentialExecutor
{
    /// <summary>A window larger than any program needs: its scopes span fewer tasks than an int can count.</summary>
    private const int LargestWindow = 1 << 30;

    private readonly RuntimeConfig _config;
    private readonly Reference _reference;

    public SequentialExecutor(RuntimeConfig config)
    {
        _config = config;
        _reference = new Reference(config);
    }

    public ReferenceResult Run(Workload workload) => _reference.Run(workload);

    /// <summary>
    /// The smallest window (a power of two) in which <paramref name="workload"/>'s open scopes fit, found by a run of
    /// the reference with a window larger than any program needs; null if that run fails too (the program is bad).
    /// </summary>
    public int? SmallestWindow(Workload workload)
    {
        var reference = new Reference(_config with { Window = LargestWindow });
        try
        {
            reference.Run(workload);
        }
        catch (RuntimeErrorException)
        {
            return null;
        }
        return (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(2, reference.WidestScope));
    }

    /// <summary>What the reference does with each task the shared orchestrator discovers.</summary>
    private sealed class Reference(RuntimeConfig config) : DiscoveringOrchestrator(config, config.HeapElements, reuseHeap: true)
    {
        private readonly ProducerSet _noProducers = new(1);
        private readonly bool _emptyKernels = config.Device == DeviceMode.Empty;
        private readonly int _heapElements = config.HeapElements;
        private readonly List<string> _faults = [];
        private readonly ManualScopeReads _manualReads = new();
        private DeviceMemory _memory = null!;
        private ExecutionRecord _record = null!;
        private ProgramStructure _structure = null!;

        public ReferenceResult Run(Workload workload)
        {
            _memory = new DeviceMemory(workload.Globals, _heapElements);
            _record = new ExecutionRecord(workload.TaskCount);
            _structure = new ProgramStructure(workload.TaskCount);
            _faults.Clear();
            _manualReads.Clear();
            Orchestrate(workload);
            _manualReads.Check(_structure);
            return new ReferenceResult(_record, (int[])_memory.Global.Clone(), _structure, _faults.ToArray());
        }

        protected override void OnBeginScope(ScopeMode mode) => _structure.RecordBeginScope(mode);

        protected override void OnEndScope() => _structure.RecordEndScope();

        /// <summary>Every producer counts: nothing is retired, so the structure holds every edge.</summary>
        protected override int FinishedBefore(int self) => FirstLocalId;

        protected override void OnTask(TaskBuilder task, int index, ProducerSet producers, ReadOnlySpan<int> depIndices)
        {
            if (ScopeMode == ScopeMode.Manual) _manualReads.Record(task, index, FirstLocalId);
            _structure.Record(index, task.Shape, isAlloc: false, hasHeapOutput: OutputLayout.BlockLength(task) > 0, producers, FirstLocalId);
            if (task.Fault != KernelFault.None)
            {
                // An injected fault has no reference outcome: the task is recorded as not run, and the program as faulty.
                _faults.Add($"{task.Describe()} (#{index}): {task.Fault}");
                return;
            }
            Kernels.Execute<FastMemory>(_memory, _record, new KernelCall
            {
                Kernel = task.Kernel, Index = index, Scalars = task.Scalars, Args = task.Args, DepIndices = depIndices, Empty = _emptyKernels,
            });
        }

        protected override void OnAlloc(int index, ReadOnlySpan<Tensor> outputs)
        {
            _structure.Record(index, Shape.AIC, isAlloc: true, hasHeapOutput: outputs.Length > 0, _noProducers, FirstLocalId);
            FillAllocBuffers(_memory, index, outputs);
        }
    }
}
