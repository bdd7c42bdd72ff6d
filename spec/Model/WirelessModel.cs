using Wireless.Spec.Checking;

namespace Wireless.Spec.Model;

/// <summary>
/// The wireless task-readiness protocol (spec/SPEC.md §2) as a transition system: the orchestrator, the scheduler
/// threads (thread 0 also drains the wiring queue and classifies), each a program counter over atomic steps at the
/// granularity of single shared-memory operations, on the shared state of §1. Cores are abstracted: a dispatched task
/// is on its scheduler's core until that scheduler completes it, at any later point.
/// </summary>
/// <remarks>
/// Design: <see cref="Expand"/> decodes a state into <c>_cur</c> and, for every thread, builds each possible next step
/// in <c>_next</c> (a copy of <c>_cur</c>), checks the safety properties on the step, and hands the encoded successor
/// to the sink. Each thread is deterministic except a scheduler at its loop top, which may start any activity that has
/// work (the runtime's loop visits them all, in batches; the model allows every order, fairness does the rest), and
/// Dispatch, which may pop any ready task (the ready queues are a set).
/// <list type="bullet">
/// <item>Granularity: one step per atomic (ordered) access, as Coyote's scheduling points in the runtime. Plain
/// accesses (descriptor, fanin ids, <c>next_in_wake_list</c>) are folded into the neighbouring atomic step, sound for
/// the data-race-free runtime (the same DRF-SC reduction the runtime's checker makes). The ready queue, the wiring
/// queue and a core's registers are taken as linearizable, one step per push or pop.</item>
/// <item>Waiting is blocking: a thread that would spin (the orchestrator on a full window, a scheduler with nothing
/// to do) has no step until the awaited condition holds. So a deadlock is a state without steps.</item>
/// <item>Memory is sequentially consistent; the orderings of §5 are issue 4's.</item>
/// <item>Canonical values: registers a program counter does not use are 0, and a <c>next_in_wake_list</c> link is
/// set back to empty once it is dead (read by the completer, or written before a CAS that failed): no step reads a
/// dead link before writing it, so this removes duplicate states and no behaviour.</item>
/// </list>
/// The step functions are split by concern: the orchestrator (<c>.Orchestrator.cs</c>), the scheduler loop and
/// readiness (<c>.Scheduler.cs</c>), completion and the watermark (<c>.Completion.cs</c>), reclamation
/// (<c>.Reclamation.cs</c>), the properties (<c>.Properties.cs</c>), fairness (<c>.Fairness.cs</c>) and text
/// (<c>.Describe.cs</c>).
/// </remarks>
public sealed partial class WirelessModel : ITransitionSystem
{
    private const int ActivityComplete = 1;
    private const int ActivityDrain = 2;
    private const int ActivityClassify = 3;
    private const int ActivityDispatch = 4;

    private readonly ModelConfig _config;
    private readonly ModelVariant _variant;
    private readonly int _window;
    private readonly int _tasks;
    private readonly int _schedulers;
    private readonly ulong _allTasks;
    private readonly int[] _opOfTask;
    private readonly WirelessState _cur;
    private readonly WirelessState _next;
    private readonly WirelessState _probe;
    private readonly byte[] _buffer;
    private readonly int[] _fanin;
    private ISuccessorSink _sink = NullSink.Instance;

    public WirelessModel(ModelConfig config)
    {
        _config = config;
        _variant = config.Variant;
        if (_variant is ModelVariant.NarrowCpuMask or ModelVariant.PopcountBarrier or ModelVariant.GateNoReset)
            throw new ArgumentException($"variant {_variant} is a variant of the gate model, not of the protocol");
        _window = config.Window;
        _tasks = config.TaskCount;
        _schedulers = config.Schedulers;
        _allTasks = _tasks == 64 ? ulong.MaxValue : (1UL << _tasks) - 1;
        _opOfTask = new int[_tasks];
        for (var i = 0; i < config.Program.Count; i++)
            if (config.Program[i].Kind is ProgramOpKind.Submit or ProgramOpKind.Alloc) _opOfTask[config.Program[i].Task] = i;
        _cur = new WirelessState(config);
        _next = new WirelessState(config);
        _probe = new WirelessState(config);
        _buffer = new byte[_cur.Size];
        _fanin = new int[ModelConfig.MaxTasks];
    }

    public string Name => _config.Name;

    public int StateSize => _cur.Size;

    public IReadOnlyList<Property> Properties { get; } = [Property.S1, Property.S2, Property.S3, Property.S4, Property.L1];

    public Property Liveness => Property.L1;

    public void Initial(Span<byte> state)
    {
        _next.SetInitial();
        StartOp(ref _next.Frames[0], 0);
        _next.Encode(state);
    }

    public void Expand(ReadOnlySpan<byte> state, ISuccessorSink sink)
    {
        _cur.Decode(state);
        _sink = sink;
        ExpandOrchestrator();
        for (var i = 0; i < _schedulers; i++) ExpandScheduler(i);
        _sink = NullSink.Instance;
    }

    public bool IsFinal(ReadOnlySpan<byte> state)
    {
        _probe.Decode(state);
        return _probe.Frames[0].Pc == Pc.Terminated && _probe.Completed == _allTasks;
    }

    // ---- Building steps ---------------------------------------------------------------------------------------

    /// <summary>Starts a step: the successor is a copy of the current state; returns thread <paramref name="thread"/>'s frame in it.</summary>
    private ref Frame Begin(int thread)
    {
        _next.CopyFrom(_cur);
        return ref _next.Frames[thread];
    }

    /// <summary>Hands the successor built in <c>_next</c> to the sink.</summary>
    private void Emit(in Step step)
    {
        _next.Encode(_buffer);
        _sink.Add(step, _buffer);
    }

    private static Step At(int thread, SpecAction action, Access access, Location location, int index, long read, long written, int task,
        Label label = default, int activity = 0)
        => new(thread, action, access, location, index, read, written, task, label, activity);

    private int SlotOf(int task) => task % _window;

    private static int Thread(int scheduler) => scheduler + 1;

    private static bool Has(ulong set, int task) => (set >> task & 1) != 0;

    private static ulong Bit(int task) => 1UL << task;

    // ---- Derived state ------------------------------------------------------------------------------------------

    /// <summary>True once the orchestrator wrote task <paramref name="task"/>'s slot (PrepareWord or AllocWord) in <paramref name="s"/>.</summary>
    private bool IsPrepared(WirelessState s, int task)
    {
        var op = _opOfTask[task];
        if (op != s.OpIndex) return op < s.OpIndex;
        return s.Frames[0].Pc is Pc.PrepareFlag or Pc.PrepareFrontier or Pc.Publish or Pc.AllocHead or Pc.AllocFlag or Pc.AllocFrontier;
    }

    /// <summary>True once task <paramref name="task"/> was pushed on the wiring queue in <paramref name="s"/>.</summary>
    private bool IsPublished(WirelessState s, int task) => !_config.Tasks[task].IsAlloc && _opOfTask[task] < s.OpIndex;

    /// <summary>The task whose descriptor slot <paramref name="slot"/> holds (the newest prepared task of that slot), or −1.</summary>
    private int TaskInSlot(WirelessState s, int slot)
    {
        if (slot >= _tasks) return -1;
        var last = slot + (_tasks - 1 - slot) / _window * _window;
        for (var t = last; t >= 0; t -= _window)
            if (IsPrepared(s, t)) return t;
        return -1;
    }

    /// <summary>
    /// The fanin list of <paramref name="task"/> in the order the runtime leaves it: the producers in discovery order
    /// without those the TensorMap lookup filtered out, then, walking from the end, each producer the stamp loop dropped
    /// removed by moving the last entry into its place (<c>ProducerSet.RemoveAt</c>). Returns the length; the ids are in
    /// <c>_fanin</c>.
    /// </summary>
    private int FaninOrder(WirelessState s, int task)
    {
        var count = 0;
        foreach (var d in _config.Tasks[task].Producers)
            if (!Has(s.Filtered[task], d.Producer)) _fanin[count++] = d.Producer;
        for (var i = count - 1; i >= 0; i--)
        {
            if (Has(s.Fanin[task], _fanin[i])) continue;
            _fanin[i] = _fanin[count - 1];
            count--;
        }
        return count;
    }

    /// <summary>A sink for the time between expansions.</summary>
    private sealed class NullSink : ISuccessorSink
    {
        public static readonly NullSink Instance = new();

        public void Add(in Step step, ReadOnlySpan<byte> next) => throw new InvalidOperationException("no expansion in progress");

        public void Violation(in Step step, Property property, string message) => throw new InvalidOperationException("no expansion in progress");
    }
}
