using Wireless.Device;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Verification;
using Wireless.Workloads;

namespace Wireless.Perf.Baselines;

/// <summary>
/// What a .NET user would write instead of a task-graph runtime: the workload's DAG as TPL tasks. The program runs on
/// the calling thread with the runtime's dependency discovery (<see cref="DiscoveringOrchestrator"/>); each task
/// becomes a <see cref="Task"/> that starts when its producers' tasks have completed and runs the same kernel on the
/// thread pool; the run ends with <see cref="Task.WaitAll(Task[])"/>.
/// </summary>
/// <remarks>
/// <para>Continuations, not hand-made readiness: a task with no unfinished producer is started at once
/// (<c>Task.Factory.StartNew</c>, i.e. <c>Task.Run</c>), one with a single unfinished producer is that task's
/// <c>ContinueWith</c>, one with several is <c>Task.Factory.ContinueWhenAll</c>. That is the idiomatic TPL for a
/// DAG: the framework keeps each task's continuation list and counts down the antecedents of a multi-task
/// continuation, so the user writes no synchronisation. A <c>TaskCompletionSource</c> per task with a hand-written
/// countdown of unmet producers would be a readiness protocol of one's own (the wired design), not what a user
/// writes. Continuations are scheduled asynchronously on the default pool (no <c>ExecuteSynchronously</c>, which
/// would run long chains inline and recursively).</para>
/// <para>Memory: every task is in flight at once, so there is no window and no heap reuse. The heap is an arena
/// holding every output block of the run (sized by a dry run of the program in the constructor), and each task
/// allocates its <see cref="Task"/>, its continuation and a copy of its arguments. The runtimes instead bound
/// memory by the window and the heap ring and allocate nothing per task.</para>
/// <para>Timed device: after its kernel, a task keeps its pool thread for its simulated duration
/// (<see cref="SimulatedDuration"/>). The pool has about one thread per processor, so the simulated device has as
/// many cores as the pool has threads, while the runtimes' simulated cores (12 per scheduler thread by default) let
/// their durations overlap without occupying a thread.</para>
/// </remarks>
internal sealed class TplRunner : DiscoveringOrchestrator, IWorkloadRunner
{
    private readonly Workload _workload;
    private readonly bool _timed;
    private readonly bool _empty;
    private readonly DeviceMemory _memory;
    private readonly ExecutionRecord _record;
    private readonly Task[] _tasks;
    private readonly Task[] _unfinished;
    private int _finished;

    public TplRunner(RuntimeConfig config, Workload workload) : this(config, workload, ArenaElements(config, workload)) { }

    private TplRunner(RuntimeConfig config, Workload workload, int arenaElements)
        : base(config, arenaElements, reuseHeap: false)
    {
        _workload = workload;
        _timed = config.Device == DeviceMode.Timed;
        _empty = config.Device == DeviceMode.Empty;
        _memory = new DeviceMemory(workload.Globals, arenaElements);
        _record = new ExecutionRecord(workload.TaskCount);
        _tasks = new Task[workload.TaskCount];
        _unfinished = new Task[config.MaxFanin];
    }

    public string Name => RunnerKinds.Tpl;

    public void Run()
    {
        _memory.ResetGlobals();
        _record.Clear();
        Array.Clear(_tasks);
        _finished = 0;
        Orchestrate(_workload);
        Task.WaitAll(_tasks);
    }

    public string? Verify(ReferenceResult expected) => Verifier.Compare(expected, _record, _memory.Global);

    /// <summary>Heap elements the run allocates when nothing is ever released: the arena it needs.</summary>
    public static int ArenaElements(RuntimeConfig config, Workload workload)
    {
        var elements = HeapSizer.Measure(config, workload);
        if (elements > Array.MaxLength)
            throw new RuntimeErrorException($"{workload.Name} allocates {elements} heap elements in a run: too many for an arena");
        return (int)Math.Max(16, elements);
    }

    protected override void OnTask(TaskBuilder task, int index, ProducerSet producers, ReadOnlySpan<int> depIndices)
    {
        var work = new KernelTask(this, task, index, depIndices);
        var unfinished = 0;
        foreach (var id in producers.Ids)
        {
            var t = _tasks[LocalId.Distance(FirstLocalId, id)];
            if (!t.IsCompleted) _unfinished[unfinished++] = t;
        }
        _tasks[index] = unfinished switch
        {
            0 => Task.Factory.StartNew(static s => ((KernelTask)s!).Execute(), work, CancellationToken.None,
                TaskCreationOptions.DenyChildAttach, TaskScheduler.Default),
            1 => _unfinished[0].ContinueWith(static (_, s) => ((KernelTask)s!).Execute(), work, CancellationToken.None,
                TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default),
            _ => Task.Factory.ContinueWhenAll(_unfinished.AsSpan(0, unfinished).ToArray(), work.ExecuteAfter, CancellationToken.None,
                TaskContinuationOptions.DenyChildAttach, TaskScheduler.Default),
        };
    }

    /// <summary>Advances past the consecutive tasks that have completed (amortised O(1) per task).</summary>
    protected override int FinishedBefore(int self)
    {
        var index = LocalId.Distance(FirstLocalId, self);
        while (_finished < index && _tasks[_finished].IsCompleted) _finished++;
        return LocalId.Add(FirstLocalId, _finished);
    }

    protected override void OnAlloc(int index, ReadOnlySpan<Tensor> outputs)
    {
        FillAllocBuffers(_memory, index, outputs);
        _tasks[index] = Task.CompletedTask;
    }

    /// <summary>One task's kernel call, with its own copy of the builder's arguments (the builder is reused).</summary>
    private sealed class KernelTask(TplRunner runner, TaskBuilder task, int index, ReadOnlySpan<int> depIndices)
    {
        private readonly Kernel _kernel = task.Kernel;
        private readonly KernelFault _fault = task.Fault;
        private readonly long _durationNs = task.DurationNs;
        private readonly TensorArg[] _args = task.Args.ToArray();
        private readonly long[] _scalars = task.Scalars.ToArray();
        private readonly int[] _deps = depIndices.ToArray();

        public void Execute()
        {
            Kernels.Execute<FastMemory>(runner._memory, runner._record, new KernelCall
            {
                Kernel = _kernel, Index = index, Scalars = _scalars, Args = _args, DepIndices = _deps, Fault = _fault, Empty = runner._empty,
            });
            if (runner._timed) SimulatedDuration.Spin(_durationNs);
        }

        public void ExecuteAfter(Task[] producers) => Execute();
    }

    /// <summary>A dry run of the program that only allocates heap blocks, never releasing: the arena's size.</summary>
    private sealed class HeapSizer(RuntimeConfig config) : DiscoveringOrchestrator(config, int.MaxValue, reuseHeap: false)
    {
        public static long Measure(RuntimeConfig config, Workload workload)
        {
            var sizer = new HeapSizer(config);
            sizer.Orchestrate(workload);
            return sizer.HeapHead;
        }

        protected override void OnTask(TaskBuilder task, int index, ProducerSet producers, ReadOnlySpan<int> depIndices) { }

        protected override int FinishedBefore(int self) => self;

        protected override void OnAlloc(int index, ReadOnlySpan<Tensor> outputs) { }
    }
}
