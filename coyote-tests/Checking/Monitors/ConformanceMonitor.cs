using Wireless.Checking.Seam;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Spec.Checking;
using Wireless.Spec.Conformance;
using Wireless.Verification;
using Dependency = Wireless.Spec.Model.Dependency;
using ModelConfig = Wireless.Spec.Model.ModelConfig;
using ProgramBuilder = Wireless.Spec.Model.ProgramBuilder;

namespace Wireless.Checking.Monitors;

/// <summary>
/// C1 conformance (spec/SPEC.md §7): the labelled actions the runtime reports are replayed, as they happen, against the
/// transition relation of the protocol model (spec/Model), so every explored interleaving of the real code must also
/// be a run of the exhaustively checked model. A step the model cannot take fails the iteration with "[C1] ...": the
/// observation's position, its label, what the model allowed there, and the labels just before it.
/// </summary>
/// <remarks>
/// Design: <see cref="ConformanceRun"/> keeps the set of model states the run can be in; each label is matched after
/// any number of internal model steps. Every label kind is observed. The runtime reports local ids; labels carry
/// submission indices (and the watermark as one). The actor of a label is the thread that reported it: the gate's exec
/// index names it (the last survivor is the orchestrator, exec index i &lt; it is scheduler i). A MIX task is dispatched
/// to three cores; the model has one unit per task, so only its first dispatch is a label (the model's cores per
/// scheduler count a MIX task once, which only over-approximates). What the model does not model is kept out of the
/// scenarios rather than mapped: runtime errors and abort, a full TensorMap pool (its wait runs a reclamation by the
/// orchestrator), more than 64 tasks, windows above 64, more than 4 schedulers, and <c>alloc_tensors</c> without
/// buffers (<see cref="ModelOf"/> says why it cannot build a model).
/// </remarks>
public sealed class ConformanceMonitor
{
    /// <summary>Labels kept before a mismatch for its message.</summary>
    private const int Context = 6;

    /// <summary>Allowed labels listed in a mismatch's message.</summary>
    private const int AllowedShown = 12;

    /// <summary>Tasks one cluster can hold at once: three cores, each with a running and a pending slot.</summary>
    private const int TasksPerCluster = 6;

    private readonly ConformanceRun _run;
    private readonly int _first;
    private readonly int _orchestratorExec;
    private Func<int, int[]> _runtimeFanin = _ => [];
    private readonly Dictionary<int, int> _actorOfThread = [];
    private readonly bool[] _dispatched;
    private readonly Queue<Label> _recent = new();

    /// <summary>A monitor for the runs of one scenario; <see cref="Begin"/> starts each.</summary>
    /// <param name="model">The configuration of the run (<see cref="ModelOf"/>).</param>
    /// <param name="config">The runtime's configuration (first local id, who the orchestrator is).</param>
    /// <param name="maxStates">The most model states one observation may explore before the check is inconclusive.</param>
    public ConformanceMonitor(ModelConfig model, RuntimeConfig config, int maxStates)
    {
        _run = new ConformanceRun(model, maxStates: maxStates);
        _first = config.FirstLocalId;
        _orchestratorExec = config.WantedThreads - 1;
        _dispatched = new bool[model.TaskCount];
    }

    /// <summary>Starts a run (an iteration); the model's search structures are reused.</summary>
    /// <param name="runtimeFanin">A published task's fanin list as the runtime stored it (local ids).</param>
    public ConformanceMonitor Begin(Func<int, int[]> runtimeFanin)
    {
        _run.Restart();
        _runtimeFanin = runtimeFanin;
        _actorOfThread.Clear();
        Array.Clear(_dispatched);
        _recent.Clear();
        return this;
    }

    /// <summary>The first mismatch of the run, once there is one.</summary>
    public ConformanceFailure? Failure => _run.Failure;

    /// <summary>Observations matched so far.</summary>
    public int Matched => _run.Matched;

    /// <summary>
    /// The model configuration of a workload: its program (tasks in submission order with their producers in discovery
    /// order, heap outputs, <c>alloc_tensors</c>, scopes) from the sequential reference, the runtime's window and
    /// schedulers, and as many cores per scheduler as its clusters hold tasks. Throws <see cref="ArgumentException"/>
    /// saying why the model cannot represent the workload.
    /// </summary>
    public static ModelConfig ModelOf(string name, ProgramStructure structure, RuntimeConfig config)
    {
        if (structure.TaskCount > ModelConfig.MaxTasks)
            throw new ArgumentException($"{structure.TaskCount} tasks; the model holds at most {ModelConfig.MaxTasks}");
        var builder = new ProgramBuilder();
        foreach (var step in structure.Program)
        {
            switch (step.Kind)
            {
                case ProgramStepKind.BeginScope:
                    builder.BeginScope();
                    break;
                case ProgramStepKind.EndScope:
                    builder.EndScope();
                    break;
                default:
                    AddTask(builder, structure, step.Task);
                    break;
            }
        }
        var clustersPerScheduler = (config.Clusters + config.Schedulers - 1) / config.Schedulers;
        return builder.Build(name, $"the workload of scenario {name}", config.Window, config.Schedulers, clustersPerScheduler * TasksPerCluster);
    }

    private static void AddTask(ProgramBuilder builder, ProgramStructure structure, int t)
    {
        var name = $"#{t}";
        if (structure.IsAlloc[t])
        {
            if (!structure.HasHeapOutput[t])
                throw new ArgumentException($"task {name} is an alloc_tensors without buffers; the model pins every alloc_tensors task");
            builder.Alloc(name);
            return;
        }
        var producers = new Dependency[structure.Producers[t].Length];
        for (var i = 0; i < producers.Length; i++)
        {
            var p = structure.Producers[t][i];
            producers[i] = structure.ProducerKinds[t][i] switch
            {
                EdgeKind.Explicit => Dependency.On(p),
                EdgeKind.Creator => Dependency.Reads(p),
                _ => Dependency.After(p),
            };
        }
        if (structure.HasHeapOutput[t]) builder.TaskWithOutput(name, producers);
        else builder.Task(name, producers);
    }

    /// <summary>
    /// A protocol event, reported by the runtime thread <paramref name="thread"/> (its memory-model thread id) right
    /// after the access it marks: the gate's exec indices name the threads; every other event that is a label of the
    /// model is matched against it at once.
    /// </summary>
    public void Observe(SpecEvent evt, int id, long value, int thread)
    {
        if (evt == SpecEvent.GatePassed)
        {
            if (value >= 0) _actorOfThread[thread] = value == _orchestratorExec ? Label.Orchestrator : Label.Scheduler((int)value);
            return;
        }
        if (_run.Failure is not null || LabelOf(evt, id, value, thread) is not { } label) return;
        if (!_run.Observe(label)) Fail(_run.Failure!);
        if (_recent.Count == Context) _recent.Dequeue();
        _recent.Enqueue(label);
    }

    /// <summary>The run is over (every task completed): the model must be able to complete too.</summary>
    public void CheckFinished()
    {
        if (_run.Failure is null && _run.Finish() is { } failure) Fail(failure);
    }

    /// <summary>Fails the iteration (the message is an argument, not a format: labels print sets in braces).</summary>
    private void Fail(ConformanceFailure failure) => CheckFailure.Report(Describe(failure));

    private Label? LabelOf(SpecEvent evt, int id, long value, int thread)
    {
        var actor = _actorOfThread.TryGetValue(thread, out var a) ? a : Label.Any;
        var task = LocalId.Distance(_first, id);
        return evt switch
        {
            SpecEvent.TaskPublished => Label.Published(task, FaninMask(id), actor),
            SpecEvent.TaskCompletedInline => Label.CompletedInline(task, actor),
            SpecEvent.Stamped => Label.Stamped(task, LocalId.Distance(_first, (int)value), actor),
            SpecEvent.Unpinned => Label.Unpinned(task, actor),
            SpecEvent.Classified => Label.Classified(task, Outcome(value), actor),
            SpecEvent.Registered => Label.Registered(task, LocalId.Distance(_first, (int)value), actor),
            SpecEvent.Readied => Label.Readied(task, actor),
            SpecEvent.TaskDispatched => FirstDispatch(task) ? Label.Dispatched(task, actor) : null,
            SpecEvent.TaskCompleted => Label.Completed(task, actor),
            SpecEvent.WatermarkAdvanced => Label.WatermarkAdvanced(task, actor),
            SpecEvent.SlotReclaimed => Label.Reclaimed(task, actor),
            SpecEvent.OrchestrationDone => Label.OrchestrationDone(actor),
            _ => null,
        };
    }

    /// <summary>A MIX task's three dispatches are one label: the first.</summary>
    private bool FirstDispatch(int task)
    {
        if (_dispatched[task]) return false;
        _dispatched[task] = true;
        return true;
    }

    /// <summary>The published fanin as a set of submission indices.</summary>
    private long FaninMask(int localId)
    {
        var mask = 0L;
        foreach (var p in _runtimeFanin(localId)) mask |= 1L << LocalId.Distance(_first, p);
        return mask;
    }

    private long Outcome(long classification) => SpecEventValue.UnmetOf(classification) switch
    {
        0 => Label.ClassifiedReady,
        1 => LocalId.Distance(_first, SpecEventValue.ProducerOf(classification)),
        _ => Label.ClassifiedPending,
    };

    private string Describe(ConformanceFailure f)
    {
        var text = f.Inconclusive
            ? $"[C1] conformance inconclusive at observation #{f.Index}{(f.Observed is { } o ? $", {o}" : "")}: more than {f.PossibleStates:N0} model states between two observations"
            : f.Observed is { } label
                ? $"[C1] conformance: observation #{f.Index}, {label}, is not a step of the model in any of the {f.PossibleStates:N0} states the run can be in"
                : $"[C1] conformance: the run ended after {f.Index} observations, but the model cannot complete from any of the {f.PossibleStates:N0} states the run can be in";
        foreach (var v in f.Violations) text += $"; the model has that step only as a violation: {v}";
        if (!f.Inconclusive)
        {
            text += f.Allowed.Count == 0
                ? "; the model allows no observable step there"
                : $"; the model allows: {string.Join(", ", f.Allowed.Take(AllowedShown))}{(f.Allowed.Count > AllowedShown ? $" and {f.Allowed.Count - AllowedShown} more" : "")}";
        }
        if (_recent.Count > 0) text += $"; the labels before it: {string.Join(", ", _recent)}";
        return text;
    }
}
