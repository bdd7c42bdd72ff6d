using System.Runtime.InteropServices;
using Wireless.Device;
using Wireless.Memory;
using Wireless.Ring;
using Wireless.Scheduling;

namespace Wireless.Orchestration;

/// <summary>
/// The orchestrator thread's side of the runtime (the seed's <c>submit_task_common</c> as PR #1107 changed it):
/// allocate a slot and heap block with back-pressure, find producers, stamp their <c>last_consumer_local_id</c>,
/// prepare the slot, and publish the task on the wiring queue to scheduler thread 0.
/// </summary>
/// <remarks>
/// Design: single-threaded; its private state (next local id, heap ring, TensorMap, scopes, heap ends) needs no
/// ordering. It writes a slot only after acquiring a <c>last_task_alive</c> past the slot's previous task, and
/// publishes the slot's contents with the release push on the wiring queue. Differences from the seed, each a bug
/// the checks found (bug log): the stamp is one CAS that fails on a reclaimed producer (<c>unchecked-stamp</c>);
/// tasks with heap outputs are pinned until their scope ends, and ending a scope unpins and reclaims
/// (<c>no-scope-pin</c>); a full TensorMap waits for reclamation instead of crashing (pool exhaustion).
/// </remarks>
internal sealed class Orchestrator<TMem, THooks> : IOrchestrator, IOrchestratorDriver
    where TMem : struct, ISharedMemory
    where THooks : struct, IOrchestratorHooks
{
    private readonly RuntimeConfig _config;
    private readonly TaskRing _ring;
    private readonly RunStatus<TMem> _status;
    private readonly THooks _hooks;
    private readonly Bug _bugs;
    private readonly SpscQueue<TMem> _wiring;
    private readonly TaskBuilder _builder;
    private readonly ProducerSet _producers;
    private readonly TensorMap _tensorMap;
    private readonly ScopeStack _scopes = new();
    private readonly HeapRing _heap;
    private readonly long[] _heapEnd;
    private readonly Action<int> _unpin;
    private DeviceMemory _memory = null!;
    private int _next;
    private int _foldedAlive;
    private int _limit;

    public Orchestrator(RuntimeConfig config, TaskRing ring, RunStatus<TMem> status, THooks hooks, SpscQueue<TMem> wiring)
    {
        _config = config;
        _ring = ring;
        _status = status;
        _hooks = hooks;
        _bugs = TMem.AllowsBugs ? config.Bugs : Bug.None;
        _wiring = wiring;
        _builder = new TaskBuilder(config.MaxTensorArgs, config.MaxScalars, config.MaxFanin);
        _producers = new ProducerSet(config.MaxFanin);
        _tensorMap = new TensorMap(config.TensorMapCapacity);
        _heap = new HeapRing(config.HeapElements);
        _heapEnd = new long[config.Window];
        _unpin = hooks.Unpin;
        Profile = new OrchestratorProfile { Enabled = config.Profile };
    }

    /// <summary>Time per submit-path phase of the current or last run (timed when the configuration asks for profiling).</summary>
    public OrchestratorProfile Profile { get; private set; }

    public GlobalMemoryLayout Globals => _memory.Globals;

    /// <summary>The next local id to hand out (for diagnostics).</summary>
    public int NextLocalId => _next;

    /// <summary>What the orchestrator is waiting for, if it is blocked (for stall diagnostics).</summary>
    /// <remarks>Built when read, from what <see cref="Allocate"/> noted when it blocked, so that blocking allocates nothing.</remarks>
    public string? WaitingFor => _blockedTask is not { } self ? null
        : _blockedOnSlot ? $"a slot for task#{self} (window {_config.Window}: needs last_task_alive > {LocalId.Add(self, -_config.Window)})"
        : $"{_blockedBlock} heap elements for task#{self}";

    // What Allocate waits for: a slot (or else heap) for task _blockedTask, null when not blocked. Orchestrator-private;
    // read by stall diagnostics only once the run's threads stopped.
    private int? _blockedTask;
    private bool _blockedOnSlot;
    private long _blockedBlock;

    public void Reset(DeviceMemory memory, int taskLimit)
    {
        _memory = memory;
        _limit = taskLimit;
        _next = _foldedAlive = _config.FirstLocalId;
        _blockedTask = null;
        _tensorMap.Clear();
        _scopes.Reset();
        _heap.Reset();
        // A new one per run, as the scheduler threads' profiles: a finished run's result keeps its own.
        Profile = new OrchestratorProfile { Enabled = _config.Profile };
    }

    /// <summary>Runs the whole orchestration program, then ends the outer scope and announces the total.</summary>
    public void Run(Workloads.Workload workload)
    {
        Profile.Start();
        workload.Orchestrate(this);
        Profile.Lap(OrchestratorPhase.Program);
        var total = LocalId.Distance(_config.FirstLocalId, _next);
        if (total != workload.TaskCount)
            throw new RuntimeErrorException($"workload '{workload.Name}' declares {workload.TaskCount} tasks but submitted {total}");
        _scopes.EndAll(_unpin);
        _hooks.Reclaim();
        Profile.Lap(OrchestratorPhase.EndScope);
        ref var ctl = ref _ring.Ctl;
        TMem.Store(ref ctl.TotalTasks, total, MemoryOrder.NonAtomic, SpecAction.OrchestrationDone);
        // Release: publishes TotalTasks to the schedulers' exit check (acquire).
        TMem.Store(ref ctl.OrchestratorDone, 1, MemoryOrder.Release, SpecAction.OrchestrationDone);
        TMem.Observe(SpecEvent.OrchestrationDone, 0, total);
    }

    public void BeginScope(ScopeMode mode = ScopeMode.Auto) => _scopes.Begin(mode);

    /// <summary>EndScope: unpins the scope's tasks, then reclaims what that freed (no completion may come to do it).</summary>
    public void EndScope()
    {
        Profile.Lap(OrchestratorPhase.Program);
        _scopes.End(_unpin);
        _hooks.Reclaim();
        Profile.Lap(OrchestratorPhase.EndScope);
    }

    public TaskBuilder NewTask(Kernel kernel, Shape shape) => _builder.Reset(kernel, shape);

    public TaskId Submit(TaskBuilder task)
    {
        ThrowIfAborted();
        Profile.Lap(OrchestratorPhase.Program);
        var mode = _scopes.Mode;
        ProgramChecks.CheckTensorBounds(task, _memory.Globals.TotalElements);
        if (mode == ScopeMode.Auto) ProgramChecks.CheckHandlesInScope(task, _scopes);
        var block = OutputLayout.BlockLength(task);
        var self = Allocate(block, task, out var blockStart);
        var slot = _ring.SlotOf(self);
        Profile.Lap(OrchestratorPhase.Allocate);

        // Acquire: pairs with the reclaimer's release; entries of producers before it are retired.
        var alive = TMem.Load(ref _ring.Ctl.LastTaskAlive, MemoryOrder.Acquire, SpecAction.StampLastConsumer);
        DependencyDiscovery.Discover(task, self, _config.FirstLocalId, mode, _tensorMap, filterRetired: true, alive, _producers);
        Profile.Lap(OrchestratorPhase.Discover);
        for (var i = _producers.Count - 1; i >= 0; i--)
        {
            if (_hooks.Link(_producers.Ids[i], self, alive)) continue;
            if (_producers.KindAt(i) == EdgeKind.Creator && (_bugs & Bug.NoScopePin) == 0)
                throw new RuntimeErrorException($"{task.Describe()} reads a buffer of task#{_producers.Ids[i]}, which was already reclaimed");
            _producers.RemoveAt(i); // retired: complete, so the ordering is already satisfied
        }
        Profile.Lap(OrchestratorPhase.Link);
        // The protocol's slot state and the frontier first, then the descriptor: the frontier publishes the cleared flag
        // (and, for the wired runtime, the reset slot), not the descriptor, which the wiring push publishes.
        _hooks.Prepare(slot, self, pinned: block > 0);
        PublishFrontier(self);
        OutputLayout.Bind(task, HeapRing.Position(blockStart, _heap.Capacity), self);
        Describe(task, self, slot);
        Profile.Lap(OrchestratorPhase.Prepare);
        InsertIntoTensorMap(task, self, mode);
        if (block > 0) _scopes.Pin(self, blockStart);
        Profile.Lap(OrchestratorPhase.TensorMap);
        Publish(self);
        Profile.Lap(OrchestratorPhase.Publish);
        Profile.Tasks++;
        return new TaskId(self);
    }

    public TaskId AllocTensors(ReadOnlySpan<int> lengths, Span<Tensor> outputs)
    {
        ThrowIfAborted();
        Profile.Lap(OrchestratorPhase.Program);
        var block = OutputLayout.BlockLength(lengths);
        var self = Allocate(block, null, out var blockStart);
        var slot = _ring.SlotOf(self);
        var index = LocalId.Distance(_config.FirstLocalId, self);
        OutputLayout.Bind(lengths, outputs, HeapRing.Position(blockStart, _heap.Capacity), self);
        for (var b = 0; b < lengths.Length; b++)
        {
            var buffer = _memory.Heap.AsSpan(outputs[b].Start, outputs[b].Length);
            TMem.AccessBuffer(ref MemoryMarshal.GetReference(buffer), buffer.Length, write: true, SpecAction.AllocTensors);
            for (var j = 0; j < buffer.Length; j++) buffer[j] = OutputLayout.AllocInitialValue(index, b, j);
        }

        TMem.AccessBuffer(ref _ring.Descriptor(slot), 1, write: true, SpecAction.AllocTensors);
        _ring.Descriptor(slot) = new TaskDescriptor { LocalId = self, Index = index, Kernel = Kernel.Alloc, Subtasks = 1 };
        _ring.Names[slot] = "alloc_tensors";
        _hooks.CompleteInline(slot, self, index, pinned: block > 0);
        PublishFrontier(self);
        // Relaxed: exit-check counter only.
        TMem.FetchAdd(ref _ring.Ctl.CompletedTasks, 1, MemoryOrder.Relaxed, SpecAction.AllocTensors);
        if (block > 0) _scopes.Pin(self, blockStart);
        Profile.Lap(OrchestratorPhase.AllocTensors);
        Profile.Tasks++;
        return new TaskId(self);
    }

    // ---- Allocate ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Allocate: takes the next local id once its slot is free (<c>id - last_task_alive &lt; window</c>) and the heap
    /// has room for the output block, waiting for reclamation (back-pressure). A wait that can never end, because
    /// an open scope pins what it waits for, fails at once instead.
    /// </summary>
    private int Allocate(long block, TaskBuilder? task, out long blockStart)
    {
        var self = _next;
        if (LocalId.Distance(_config.FirstLocalId, self) >= _limit)
            throw new RuntimeErrorException($"{ProgramChecks.What(task)}: the workload submits more tasks than the {_limit} it declares");
        ProgramChecks.CheckBlockFits(block, _heap.Capacity, task);
        blockStart = _heap.BlockStart(block);
        ProgramChecks.CheckScopeFits(_scopes, self, blockStart + block, _config.Window, _heap.Capacity, task);

        var blocked = false;
        var spins = 0;
        while (true)
        {
            // Acquire: pairs with the reclaimer's release store; the slots and heap it passed are reset and free.
            var alive = TMem.Load(ref _ring.Ctl.LastTaskAlive, MemoryOrder.Acquire, SpecAction.Allocate);
            FoldHeapTail(alive);
            blockStart = _heap.BlockStart(block);
            if (LocalId.Distance(alive, self) < _config.Window && _heap.Fits(blockStart, blockStart + block)) break;
            if (!blocked)
            {
                blocked = true;
                _blockedTask = self;
                _blockedOnSlot = LocalId.Distance(alive, self) >= _config.Window;
                _blockedBlock = block;
                TMem.Observe(SpecEvent.OrchestratorBlocked, self, 0);
                Profile.Lap(OrchestratorPhase.Allocate);
            }
            ThrowIfAborted();
            TMem.SpinHint(++spins, SpecAction.Allocate);
        }
        if (blocked)
        {
            _blockedTask = null;
            TMem.Observe(SpecEvent.OrchestratorUnblocked, self, 0);
            Profile.Lap(OrchestratorPhase.BackPressure);
        }
        _heap.Commit(blockStart, blockStart + block);
        _heapEnd[_ring.SlotOf(self)] = blockStart + block;
        _next = LocalId.Next(self);
        return self;
    }

    /// <summary>
    /// Frees the heap of every task before <paramref name="alive"/>: its tail is the end of task alive−1's block.
    /// Read only when <c>last_task_alive</c> moved, while that slot still holds the retired task's heap end.
    /// </summary>
    private void FoldHeapTail(int alive)
    {
        if (alive == _foldedAlive) return;
        _foldedAlive = alive;
        _heap.ReleaseTo(_heapEnd[_ring.SlotOf(LocalId.Add(alive, -1))]);
    }

    // ---- PrepareTask / PublishTask ----------------------------------------------------------------------------

    /// <summary>PrepareTask's descriptor: fills the descriptor and the stripes, before publishing.</summary>
    private void Describe(TaskBuilder task, int self, int slot)
    {
        ref var d = ref _ring.Descriptor(slot);
        // Plain writes, published by the release push in Publish; announced for the checker's race detection.
        TMem.AccessBuffer(ref d, 1, write: true, SpecAction.PrepareTask);
        TMem.AccessBuffer(ref MemoryMarshal.GetReference(_ring.FaninStripe(slot)), _producers.Count, write: true, SpecAction.PrepareTask);
        TMem.AccessBuffer(ref MemoryMarshal.GetReference(_ring.ArgStripe(slot)), task.ArgCount, write: true, SpecAction.PrepareTask);
        TMem.AccessBuffer(ref MemoryMarshal.GetReference(_ring.ScalarStripe(slot)), task.ScalarCount, write: true, SpecAction.PrepareTask);
        TMem.AccessBuffer(ref MemoryMarshal.GetReference(_ring.DepStripe(slot)), task.DepCount, write: true, SpecAction.PrepareTask);
        d = new TaskDescriptor
        {
            LocalId = self,
            Index = LocalId.Distance(_config.FirstLocalId, self),
            DurationNs = task.DurationNs,
            Shape = task.Shape,
            Kernel = task.Kernel,
            Fault = task.Fault,
            FaninCount = (byte)_producers.Count,
            ArgCount = (byte)task.ArgCount,
            ScalarCount = (byte)task.ScalarCount,
            DepCount = (byte)task.DepCount,
            Subtasks = (byte)(task.Shape == Shape.MIX ? 3 : 1),
        };
        _producers.Ids.CopyTo(_ring.FaninStripe(slot));
        task.Args.CopyTo(_ring.ArgStripe(slot));
        task.Scalars.CopyTo(_ring.ScalarStripe(slot));
        var deps = _ring.DepStripe(slot);
        for (var i = 0; i < task.DepCount; i++) deps[i] = LocalId.Distance(_config.FirstLocalId, task.Deps[i].LocalId);
        _ring.Names[slot] = task.Name;
    }

    /// <summary>Publishes <c>current_task_index</c>: the slot of <paramref name="self"/> is prepared.</summary>
    private void PublishFrontier(int self)
        // SeqCst (release would publish the flag cleared, or set for alloc_tensors, in prepare, and the wired runtime's
        // reset slot): also orders the frontier before the flag store of any task published after it, so a completer
        // whose seq_cst flag store follows a newer completer's read of a flag as 0 cannot then read an older frontier
        // and stop short of the newer task (variant acqrel-frontier, bug log). Pairs with the walk's seq_cst load.
        // Issue 12 tried a release store with a probe of the next flag in the walk: not enough (bug log).
        => TMem.Store(ref _ring.Ctl.CurrentTaskIndex, LocalId.Next(self), MemoryOrder.SeqCst, SpecAction.PrepareTask);

    /// <summary>TensorMap inserts; a full pool waits for reclamation to free entries of retired producers.</summary>
    private void InsertIntoTensorMap(TaskBuilder task, int self, ScopeMode mode)
    {
        if (!DependencyDiscovery.HasInserts(task, mode)) return;
        var inserted = 0;
        var spins = 0;
        while (!DependencyDiscovery.TryInsert(task, self, _tensorMap, ref inserted))
        {
            var alive = TMem.Load(ref _ring.Ctl.LastTaskAlive, MemoryOrder.Acquire, SpecAction.PrepareTask);
            if (_tensorMap.CollectRetired(alive) > 0) continue;
            // Nothing to free. If every earlier task completed and reclamation has caught up, no entry will ever be
            // freed before this task is published: report instead of waiting forever.
            var completed = TMem.Load(ref _ring.Ctl.CompletedTasks, MemoryOrder.Acquire, SpecAction.PrepareTask);
            if (completed == LocalId.Distance(_config.FirstLocalId, self) && !_hooks.ReclaimPending())
                throw new RuntimeErrorException(
                    $"TensorMap pool exhausted: {_tensorMap.Count} entries of live tasks fill its capacity of {_tensorMap.Capacity} while submitting {task.Describe()}");
            ThrowIfAborted();
            TMem.SpinHint(++spins, SpecAction.PrepareTask);
        }
    }

    /// <summary>PublishTask: pushes the task on the wiring queue (release), waiting while it is full.</summary>
    private void Publish(int self)
    {
        var spins = 0;
        while (!_wiring.TryPush(self))
        {
            ThrowIfAborted();
            TMem.SpinHint(++spins, SpecAction.PublishTask);
        }
        TMem.Observe(SpecEvent.TaskPublished, self, LocalId.Distance(_config.FirstLocalId, self));
    }

    private void ThrowIfAborted()
    {
        if (_status.Aborted()) throw new OrchestrationAbortedException();
    }

}

/// <summary>Unwinds the orchestration program when another thread latched an error.</summary>
internal sealed class OrchestrationAbortedException() : Exception("the run was aborted");
