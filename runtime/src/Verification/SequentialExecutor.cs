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
/// runtime, so it also rejects bad programs the same way; the runtime's output must equal its output.
/// </summary>
public sealed class SequentialExecutor : IOrchestrator
{
    private readonly RuntimeConfig _config;
    private readonly TaskBuilder _builder;
    private readonly ProducerSet _producers;
    private readonly TensorMap _tensorMap = new(capacity: 0);
    private readonly ScopeStack _scopes = new();
    private readonly HeapRing _heap;
    private readonly int[] _depIndices;
    private DeviceMemory _memory = null!;
    private ExecutionRecord _record = null!;
    private ProgramStructure _structure = null!;
    private readonly List<string> _faults = [];
    private readonly ManualScopeReads _manualReads = new();
    private int _next;
    private int _taskCount;

    public SequentialExecutor(RuntimeConfig config)
    {
        _config = config.Validate();
        _builder = new TaskBuilder(config.MaxTensorArgs, config.MaxScalars, config.MaxFanin);
        _producers = new ProducerSet(config.MaxFanin);
        _heap = new HeapRing(config.HeapElements);
        _depIndices = new int[config.MaxFanin];
    }

    public GlobalMemoryLayout Globals => _memory.Globals;

    public ReferenceResult Run(Workload workload)
    {
        _memory = new DeviceMemory(workload.Globals, _config.HeapElements);
        _record = new ExecutionRecord(workload.TaskCount);
        _structure = new ProgramStructure(workload.TaskCount);
        _faults.Clear();
        _manualReads.Clear();
        _tensorMap.Clear();
        _scopes.Reset();
        _heap.Reset();
        _next = _config.FirstLocalId;
        _taskCount = workload.TaskCount;
        workload.Orchestrate(this);
        _scopes.EndAll(static _ => { });
        var submitted = LocalId.Distance(_config.FirstLocalId, _next);
        if (submitted != workload.TaskCount)
            throw new RuntimeErrorException($"workload '{workload.Name}' declares {workload.TaskCount} tasks but submitted {submitted}");
        _manualReads.Check(_structure);
        return new ReferenceResult(_record, (int[])_memory.Global.Clone(), _structure, _faults.ToArray());
    }

    public void BeginScope(ScopeMode mode = ScopeMode.Auto)
    {
        _scopes.Begin(mode);
        _structure.RecordBeginScope(mode);
    }

    public void EndScope()
    {
        _scopes.End(static _ => { });
        _structure.RecordEndScope();
    }

    public TaskBuilder NewTask(Kernel kernel, Shape shape) => _builder.Reset(kernel, shape);

    public TaskId Submit(TaskBuilder task)
    {
        var self = TakeId(task);
        var index = LocalId.Distance(_config.FirstLocalId, self);
        var mode = _scopes.Mode;
        ProgramChecks.CheckTensorBounds(task, _memory.Globals.TotalElements);
        if (mode == ScopeMode.Auto) ProgramChecks.CheckHandlesInScope(task, _scopes);
        DependencyDiscovery.Discover(task, self, _config.FirstLocalId, mode, _tensorMap, filterRetired: false, 0, _producers);
        if (mode == ScopeMode.Manual) _manualReads.Record(task, index, _config.FirstLocalId);
        var block = OutputLayout.BlockLength(task);
        _structure.Record(index, task.Shape, isAlloc: false, hasHeapOutput: block > 0, _producers, _config.FirstLocalId);

        AllocateBlock(block, self, task, out var offset);
        OutputLayout.Bind(task, offset, self);
        var inserted = 0;
        if (DependencyDiscovery.HasInserts(task, mode)) DependencyDiscovery.TryInsert(task, self, _tensorMap, ref inserted);

        var deps = task.Deps;
        for (var i = 0; i < deps.Length; i++) _depIndices[i] = LocalId.Distance(_config.FirstLocalId, deps[i].LocalId);
        if (task.Fault != KernelFault.None)
        {
            // An injected fault has no reference outcome: the task is recorded as not run, and the program as faulty.
            _faults.Add($"{task.Describe()} (#{index}): {task.Fault}");
            return new TaskId(self);
        }
        Kernels.Execute<FastMemory>(_memory, _record, new KernelCall
        {
            Kernel = task.Kernel, Index = index, Scalars = task.Scalars, Args = task.Args,
            DepIndices = _depIndices.AsSpan(0, deps.Length), Empty = _config.Device == DeviceMode.Empty,
        });
        return new TaskId(self);
    }

    public TaskId AllocTensors(ReadOnlySpan<int> lengths, Span<Tensor> outputs)
    {
        var self = TakeId(null);
        var index = LocalId.Distance(_config.FirstLocalId, self);
        _producers.Clear();
        var block = OutputLayout.BlockLength(lengths);
        _structure.Record(index, Shape.AIC, isAlloc: true, hasHeapOutput: block > 0, _producers, _config.FirstLocalId);
        AllocateBlock(block, self, null, out var offset);
        OutputLayout.Bind(lengths, outputs, offset, self);
        for (var b = 0; b < lengths.Length; b++)
        {
            var t = outputs[b];
            for (var j = 0; j < t.Length; j++) _memory.Heap[t.Start + j] = OutputLayout.AllocInitialValue(index, b, j);
        }
        return new TaskId(self);
    }

    private int TakeId(TaskBuilder? task)
    {
        if (LocalId.Distance(_config.FirstLocalId, _next) >= _taskCount)
            throw new RuntimeErrorException($"{ProgramChecks.What(task)}: the workload submits more tasks than the {_taskCount} it declares");
        var id = _next;
        _next = LocalId.Next(_next);
        return id;
    }

    /// <summary>Allocates the task's output block; everything not pinned by an open scope is already retired.</summary>
    private void AllocateBlock(long block, int self, TaskBuilder? task, out int offset)
    {
        ProgramChecks.CheckBlockFits(block, _heap.Capacity, task);
        _heap.ReleaseTo(_scopes.HasPinned ? _scopes.OldestPinnedHeapStart : _heap.Head);
        var start = _heap.BlockStart(block);
        ProgramChecks.CheckScopeFits(_scopes, self, start + block, _config.Window, _heap.Capacity, task);
        _heap.Commit(start, start + block);
        offset = HeapRing.Position(start, _heap.Capacity);
        if (block > 0) _scopes.Pin(self, start);
    }
}
