using Wireless.Device;
using Wireless.Orchestration;
using Wireless.Workloads;

namespace Wireless.Verification;

/// <summary>
/// An orchestrator on one thread, for the sequential reference (<see cref="SequentialExecutor"/>) and the perf
/// project's sequential and TPL baselines: it runs a workload's program and finds each task's producers as the
/// runtime's orchestrator does, with the runtime's own internal parts (program checks, <see cref="DependencyDiscovery"/>,
/// <see cref="TensorMap"/>, <see cref="ScopeStack"/>, <see cref="HeapRing"/>, <see cref="OutputLayout"/>); a subclass
/// decides what happens to each discovered task.
/// </summary>
/// <remarks>
/// It allocates nothing per run beyond what the program and the subclass do, so a benchmark of a subclass measures
/// discovery and execution. Heap blocks come from a ring
/// that either releases everything no open scope pins (the reference's scheme, valid when every earlier task has
/// finished, as in a sequential run) or never releases (an arena for runs that keep every task in flight).
/// </remarks>
internal abstract class DiscoveringOrchestrator : IOrchestrator
{
    private readonly RuntimeConfig _config;
    private readonly TaskBuilder _builder;
    private readonly ProducerSet _producers;
    private readonly TensorMap _tensorMap = new(capacity: 0);
    private readonly ScopeStack _scopes = new();
    private readonly HeapRing _heap;
    private readonly bool _reuseHeap;
    private readonly int[] _depIndices;
    private GlobalMemoryLayout _globals = null!;
    private int _next;
    private int _taskCount;
    private int _widestScope;

    /// <param name="config">Window, first local id and argument limits, as the runtime uses them.</param>
    /// <param name="heapElements">Capacity of the heap ring.</param>
    /// <param name="reuseHeap">
    /// True: release every block no open scope pins before allocating (only valid when every earlier task finished).
    /// False: never release (an arena; it must hold every block of the run).
    /// </param>
    protected DiscoveringOrchestrator(RuntimeConfig config, int heapElements, bool reuseHeap)
    {
        _config = config.Validate();
        _builder = new TaskBuilder(config.MaxTensorArgs, config.MaxScalars, config.MaxFanin);
        _producers = new ProducerSet(config.MaxFanin);
        _heap = new HeapRing(heapElements);
        _reuseHeap = reuseHeap;
        _depIndices = new int[config.MaxFanin];
    }

    public GlobalMemoryLayout Globals => _globals;

    /// <summary>Heap elements allocated so far in this run (the arena's high-water mark when nothing is released).</summary>
    protected long HeapHead => _heap.Head;

    /// <summary>The mode of the innermost open scope.</summary>
    protected ScopeMode ScopeMode => _scopes.Mode;

    /// <summary>
    /// The most tasks from an open scope's oldest pinned task to a later submission, so far in this run: the window
    /// must hold at least this many (<see cref="ProgramChecks.CheckScopeFits"/>).
    /// </summary>
    public int WidestScope => _widestScope;

    /// <summary>The first local id of a run: submission index = distance from it.</summary>
    protected int FirstLocalId => _config.FirstLocalId;

    /// <summary>Runs <paramref name="workload"/>'s program, calling <see cref="OnTask"/> and <see cref="OnAlloc"/> in submission order.</summary>
    protected void Orchestrate(Workload workload)
    {
        _globals = workload.Globals;
        _taskCount = workload.TaskCount;
        _next = _config.FirstLocalId;
        _widestScope = 0;
        _tensorMap.Clear();
        _scopes.Reset();
        _heap.Reset();
        workload.Orchestrate(this);
        _scopes.EndAll(static _ => { });
        var submitted = LocalId.Distance(_config.FirstLocalId, _next);
        if (submitted != workload.TaskCount)
            throw new RuntimeErrorException($"workload '{workload.Name}' declares {workload.TaskCount} tasks but submitted {submitted}");
    }

    /// <summary>
    /// A task was discovered: <paramref name="producers"/> holds every producer (explicit, creator and TensorMap
    /// edges, completed or not, as local ids), <paramref name="depIndices"/> the submission indices of its explicit
    /// dependencies (kernel inputs). Both are only valid during the call.
    /// </summary>
    protected abstract void OnTask(TaskBuilder task, int index, ProducerSet producers, ReadOnlySpan<int> depIndices);

    /// <summary>
    /// A local id before which every task has finished, so that their TensorMap entries order nothing and are dropped
    /// (the runtime passes its <c>last_task_alive</c> the same way). Without it the entries of regions that are
    /// never covered again (e.g. the <c>out</c> rows of every paged-attention sequence) pile up in one bucket chain
    /// and discovery becomes quadratic in the number of sequences.
    /// </summary>
    protected abstract int FinishedBefore(int self);

    /// <summary>An <c>alloc_tensors</c> task: its buffers are bound to <paramref name="outputs"/> and must be initialised now.</summary>
    protected abstract void OnAlloc(int index, ReadOnlySpan<Tensor> outputs);

    /// <summary>Writes the deterministic initial values of an <c>alloc_tensors</c> task's buffers, as the runtime does.</summary>
    protected static void FillAllocBuffers(DeviceMemory memory, int index, ReadOnlySpan<Tensor> outputs)
    {
        for (var b = 0; b < outputs.Length; b++)
        {
            var buffer = memory.Heap.AsSpan(outputs[b].Start, outputs[b].Length);
            for (var j = 0; j < buffer.Length; j++) buffer[j] = OutputLayout.AllocInitialValue(index, b, j);
        }
    }

    /// <summary>A scope was opened (after the scope stack took it).</summary>
    protected virtual void OnBeginScope(ScopeMode mode) { }

    /// <summary>The innermost scope ended (after the scope stack dropped it).</summary>
    protected virtual void OnEndScope() { }

    public void BeginScope(ScopeMode mode = ScopeMode.Auto)
    {
        _scopes.Begin(mode);
        OnBeginScope(mode);
    }

    public void EndScope()
    {
        _scopes.End(static _ => { });
        OnEndScope();
    }

    public TaskBuilder NewTask(Kernel kernel, Shape shape) => _builder.Reset(kernel, shape);

    public TaskId Submit(TaskBuilder task)
    {
        var self = TakeId(task);
        var index = LocalId.Distance(_config.FirstLocalId, self);
        var mode = _scopes.Mode;
        ProgramChecks.CheckTensorBounds(task, _globals.TotalElements);
        if (mode == ScopeMode.Auto) ProgramChecks.CheckHandlesInScope(task, _scopes);
        DependencyDiscovery.Discover(task, self, _config.FirstLocalId, mode, _tensorMap, filterRetired: true, FinishedBefore(self), _producers);
        var offset = AllocateBlock(OutputLayout.BlockLength(task), self, task);
        OutputLayout.Bind(task, offset, self);
        var inserted = 0;
        if (DependencyDiscovery.HasInserts(task, mode)) DependencyDiscovery.TryInsert(task, self, _tensorMap, ref inserted);

        var deps = task.Deps;
        for (var i = 0; i < deps.Length; i++) _depIndices[i] = LocalId.Distance(_config.FirstLocalId, deps[i].LocalId);
        OnTask(task, index, _producers, _depIndices.AsSpan(0, deps.Length));
        return new TaskId(self);
    }

    public TaskId AllocTensors(ReadOnlySpan<int> lengths, Span<Tensor> outputs)
    {
        var self = TakeId(null);
        var index = LocalId.Distance(_config.FirstLocalId, self);
        var offset = AllocateBlock(OutputLayout.BlockLength(lengths), self, null);
        OutputLayout.Bind(lengths, outputs, offset, self);
        OnAlloc(index, outputs[..lengths.Length]);
        return new TaskId(self);
    }

    /// <summary>The next local id; <paramref name="task"/> names the submission in errors (null: alloc_tensors).</summary>
    private int TakeId(TaskBuilder? task)
    {
        if (LocalId.Distance(_config.FirstLocalId, _next) >= _taskCount)
            throw new RuntimeErrorException($"{ProgramChecks.What(task)}: the workload submits more tasks than the {_taskCount} it declares");
        var id = _next;
        _next = LocalId.Next(_next);
        return id;
    }

    /// <summary>Allocates the task's output block (the reference's checks, then the ring) and returns its offset.</summary>
    private int AllocateBlock(long block, int self, TaskBuilder? task)
    {
        ProgramChecks.CheckBlockFits(block, _heap.Capacity, task);
        if (_reuseHeap) _heap.ReleaseTo(_scopes.HasPinned ? _scopes.OldestPinnedHeapStart : _heap.Head);
        var start = _heap.BlockStart(block);
        if (_scopes.HasPinned) _widestScope = Math.Max(_widestScope, LocalId.Distance(_scopes.OldestPinned, self) + 1);
        ProgramChecks.CheckScopeFits(_scopes, self, start + block, _config.Window, _heap.Capacity, task);
        if (!_heap.Fits(start, start + block))
            throw new RuntimeErrorException($"{ProgramChecks.What(task)}: the heap arena of {_heap.Capacity} elements is full (size it for the whole run)");
        _heap.Commit(start, start + block);
        if (block > 0) _scopes.Pin(self, start);
        return HeapRing.Position(start, _heap.Capacity);
    }
}
