namespace Wireless.Spec.Model;

/// <summary>
/// Builds a <see cref="ModelConfig"/> the way an orchestration program runs: tasks in submission order, scopes opened
/// and closed around them. A task with heap outputs (and every <c>alloc_tensors</c> task) is pinned by the innermost
/// open scope; ending the scope unpins its tasks newest first; the implicit outer scope ends with the program.
/// </summary>
/// <remarks>
/// Rejects, with a message, what the runtime rejects before running: a producer that is not an earlier task, a
/// duplicate producer, a creator edge to a task without outputs or whose scope has ended, and a scope deadlock (a
/// task that would need the slot of a task an open scope still pins).
/// </remarks>
public sealed class ProgramBuilder
{
    private readonly List<TaskSpec> _tasks = [];
    private readonly List<ProgramOp> _program = [];
    private readonly List<int> _pinned = [];
    private readonly Stack<int> _scopes = new();

    /// <summary>Submits a task without heap outputs; returns its local id.</summary>
    public int Task(string name, params Dependency[] producers) => Add(name, producers, hasOutput: false, isAlloc: false);

    /// <summary>Submits a task with heap outputs (pinned by the innermost open scope); returns its local id.</summary>
    public int TaskWithOutput(string name, params Dependency[] producers) => Add(name, producers, hasOutput: true, isAlloc: false);

    /// <summary><c>alloc_tensors</c>: a task that owns buffers and is complete at once; returns its local id.</summary>
    public int Alloc(string name) => Add(name, [], hasOutput: true, isAlloc: true);

    /// <summary>Opens a scope.</summary>
    public ProgramBuilder BeginScope()
    {
        _scopes.Push(_pinned.Count);
        return this;
    }

    /// <summary>Ends the innermost scope: its pinned tasks are unpinned, newest first, and a reclamation runs.</summary>
    public ProgramBuilder EndScope()
    {
        if (_scopes.Count == 0) throw new ArgumentException("EndScope without a matching BeginScope");
        _program.Add(new ProgramOp(ProgramOpKind.EndScope, -1, PopTo(_scopes.Pop())));
        return this;
    }

    /// <summary>Ends every open scope and the program, and returns the configuration.</summary>
    public ModelConfig Build(string name, string description, int window, int schedulers = 2, int coresPerScheduler = 1)
    {
        if (_tasks.Count == 0) throw new ArgumentException("a configuration needs at least one task");
        if (window is < 1 or > ModelConfig.MaxWindow) throw new ArgumentException($"window {window} is outside 1..{ModelConfig.MaxWindow}");
        if (schedulers is < 1 or > ModelConfig.MaxSchedulers) throw new ArgumentException($"{schedulers} schedulers is outside 1..{ModelConfig.MaxSchedulers}");
        if (coresPerScheduler < 1) throw new ArgumentException("each scheduler needs at least one core");
        CheckScopesFit(window);
        var program = new List<ProgramOp>(_program) { new(ProgramOpKind.Finish, -1, PopTo(0)) };
        return new ModelConfig
        {
            Name = name,
            Description = description,
            Tasks = [.. _tasks],
            Program = program,
            Window = window,
            Schedulers = schedulers,
            CoresPerScheduler = coresPerScheduler,
        };
    }

    private int Add(string name, Dependency[] producers, bool hasOutput, bool isAlloc)
    {
        var self = _tasks.Count;
        if (self == ModelConfig.MaxTasks) throw new ArgumentException($"a configuration has at most {ModelConfig.MaxTasks} tasks");
        var seen = new HashSet<int>();
        foreach (var d in producers)
        {
            if (d.Producer < 0 || d.Producer >= self)
                throw new ArgumentException($"task '{name}' (#{self}) depends on #{d.Producer}, which is not an earlier task");
            if (!seen.Add(d.Producer))
                throw new ArgumentException($"task '{name}' (#{self}) names producer #{d.Producer} twice");
            if (d.Kind != EdgeKind.Creator) continue;
            if (!_tasks[d.Producer].HasOutput)
                throw new ArgumentException($"task '{name}' (#{self}) reads a buffer of #{d.Producer}, which has no outputs");
            if (!_pinned.Contains(d.Producer))
                throw new ArgumentException($"task '{name}' (#{self}) reads a buffer of #{d.Producer} after the scope that created it ended");
        }
        _tasks.Add(new TaskSpec(name, producers, hasOutput, isAlloc));
        _program.Add(new ProgramOp(isAlloc ? ProgramOpKind.Alloc : ProgramOpKind.Submit, self, []));
        if (hasOutput) _pinned.Add(self);
        return self;
    }

    private int[] PopTo(int count)
    {
        var unpin = new int[_pinned.Count - count];
        for (var i = 0; i < unpin.Length; i++) unpin[i] = _pinned[_pinned.Count - 1 - i];
        _pinned.RemoveRange(count, _pinned.Count - count);
        return unpin;
    }

    /// <summary>Replays the program's pins: no task may be allocated a window or more after a task that is still pinned.</summary>
    private void CheckScopesFit(int window)
    {
        var pinned = new SortedSet<int>();
        foreach (var op in _program)
        {
            switch (op.Kind)
            {
                case ProgramOpKind.Submit or ProgramOpKind.Alloc:
                    if (pinned.Count > 0 && op.Task - pinned.Min >= window)
                        throw new ArgumentException(
                            $"scope deadlock: task #{op.Task} needs the slot of task #{pinned.Min}, which an open scope pins (window {window})");
                    if (_tasks[op.Task].HasOutput) pinned.Add(op.Task);
                    break;
                default:
                    foreach (var t in op.Unpin) pinned.Remove(t);
                    break;
            }
        }
    }
}
