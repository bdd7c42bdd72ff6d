using Wireless.Orchestration;
using Wireless.Workloads;

namespace Wireless.Properties;

/// <summary>The ways a generated program is made malformed, each with the words its error must contain.</summary>
public enum Malformation
{
    DependsOnItself,
    DependsOnALaterTask,
    DependsOnATaskBeforeTheRun,
    TooManyDependencies,
    TooManyScalars,
    TooManyTensorArguments,
    TooManyProducers,
    GlobalTensorOutOfBounds,
    HeapTensorNoTaskProduced,
    HeapTensorAfterItsScope,
    EndScopeWithoutBeginScope,
    OutputLargerThanTheHeap,
    AllocOfLengthZero,
    ScopeLongerThanTheWindow,
    MoreTasksThanDeclared,
    FewerTasksThanDeclared,
    ProgramThrows,
}

/// <summary>
/// A malformed submission: the first <see cref="Position"/> tasks of a valid generated program, its open scope
/// closed, then one <see cref="Malformation"/>, with the declared task count matching what is submitted (except for
/// the two count malformations). Both executors must reject it with the same clear message.
/// </summary>
public sealed record BadProgram(GraphCase Base, Malformation Kind, int Position)
{
    /// <summary>Words the error message must contain.</summary>
    public string Expected => Kind switch
    {
        Malformation.DependsOnItself => "depends on itself",
        Malformation.DependsOnALaterTask or Malformation.DependsOnATaskBeforeTheRun => "which is not an earlier task of this run",
        Malformation.TooManyDependencies => $"has more than {Base.Config.MaxFanin} explicit dependencies",
        Malformation.TooManyScalars => $"has more than {new RuntimeConfig().MaxScalars} scalar arguments",
        Malformation.TooManyTensorArguments => $"has more than {new RuntimeConfig().MaxTensorArgs} tensor arguments",
        Malformation.TooManyProducers => $"has more than {Base.Config.MaxFanin} distinct producers",
        Malformation.GlobalTensorOutOfBounds => "outside global memory",
        Malformation.HeapTensorNoTaskProduced => "uses a heap tensor that no task produced",
        Malformation.HeapTensorAfterItsScope => "after the scope that created it ended",
        Malformation.EndScopeWithoutBeginScope => "EndScope without a matching BeginScope",
        Malformation.OutputLargerThanTheHeap => $"but the heap holds {Base.Config.HeapElements}",
        Malformation.AllocOfLengthZero => "buffer length must be positive (got 0)",
        Malformation.ScopeLongerThanTheWindow => "scope deadlock",
        Malformation.MoreTasksThanDeclared => "the workload submits more tasks than",
        Malformation.FewerTasksThanDeclared => "but submitted",
        _ => "the program gave up",
    };

    public override string ToString() => $"{Kind} after task {Position} of: {Base}";
}

/// <summary>The orchestration program of a <see cref="BadProgram"/>.</summary>
public sealed class BadProgramWorkload : Workload
{
    private readonly BadProgram _bad;
    private readonly GraphSpec _graph;
    private readonly RuntimeConfig _limits = new();

    public BadProgramWorkload(BadProgram bad)
    {
        _bad = bad;
        _graph = bad.Base.Graph;
        GraphWorkload.DeclareTensors(Globals);
        TaskCount = bad.Position + Injected + bad.Kind switch
        {
            Malformation.MoreTasksThanDeclared => -1,
            Malformation.FewerTasksThanDeclared => 1,
            _ => 0,
        };
    }

    public override string Name => $"bad-{_bad.Kind}";

    public override int TaskCount { get; }

    private int MaxFanin => _bad.Base.Config.MaxFanin;
    private int Window => _bad.Base.Config.Window;

    /// <summary>Tasks the malformation itself submits (or would, had it been accepted).</summary>
    private int Injected => _bad.Kind switch
    {
        Malformation.TooManyDependencies => _bad.Position == 0 ? 2 : 1,
        Malformation.TooManyProducers => MaxFanin + 2,
        Malformation.HeapTensorAfterItsScope => 2,
        Malformation.EndScopeWithoutBeginScope or Malformation.FewerTasksThanDeclared or Malformation.ProgramThrows => 0,
        Malformation.ScopeLongerThanTheWindow => Window + 1,
        _ => 1,
    };

    public override void Orchestrate(IOrchestrator o)
    {
        var program = new GraphProgram(_graph, o);
        while (program.Submitted < _bad.Position) program.SubmitNext();
        // One fault at a time: an open scope's pins could add a scope deadlock to the malformation (and the two
        // executors check those in a different order).
        program.CloseScope();
        var first = _bad.Base.Config.FirstLocalId;
        var self = new TaskId(LocalId.Add(first, _bad.Position));
        TaskBuilder Task(string name) => o.NewTask(Kernel.Generic, Shape.AIV).Named(name);
        switch (_bad.Kind)
        {
            case Malformation.DependsOnItself:
                o.Submit(Task("selfish").Dep(self));
                break;
            case Malformation.DependsOnALaterTask:
                o.Submit(Task("eager").Dep(new TaskId(LocalId.Add(self.LocalId, 3))));
                break;
            case Malformation.DependsOnATaskBeforeTheRun:
                o.Submit(Task("ancient").Dep(new TaskId(LocalId.Add(first, -5))));
                break;
            case Malformation.TooManyDependencies:
            {
                var earlier = _bad.Position > 0 ? program.IdOf(_bad.Position - 1) : o.Submit(Task("only-producer"));
                var t = Task("greedy");
                for (var i = 0; i <= MaxFanin; i++) t.Dep(earlier);
                o.Submit(t);
                break;
            }
            case Malformation.TooManyScalars:
            {
                var t = Task("chatty");
                for (var i = 0; i <= _limits.MaxScalars; i++) t.Scalar(i);
                o.Submit(t);
                break;
            }
            case Malformation.TooManyTensorArguments:
            {
                var t = Task("hoarder");
                for (var i = 0; i <= _limits.MaxTensorArgs; i++) t.In(o.Globals["a"].View(i % 32, 1));
                o.Submit(t);
                break;
            }
            case Malformation.TooManyProducers:
            {
                var sources = new TaskId[MaxFanin];
                for (var i = 0; i < MaxFanin; i++) sources[i] = o.Submit(Task($"source-{i}"));
                o.BeginScope();
                var producer = Task("producer");
                producer.Out(4);
                o.Submit(producer);
                var buffer = producer.Output(0);
                var t = Task("sink").In(buffer);
                foreach (var s in sources) t.Dep(s);
                o.Submit(t);
                o.EndScope();
                break;
            }
            case Malformation.GlobalTensorOutOfBounds:
                o.Submit(Task("stray").In(new Tensor(MemorySpace.Global, o.Globals.TotalElements - 2, 0, 8, 0, false)));
                break;
            case Malformation.HeapTensorNoTaskProduced:
                o.Submit(Task("forger").In(new Tensor(MemorySpace.Heap, 0, 0, 4, 0, false)));
                break;
            case Malformation.HeapTensorAfterItsScope:
            {
                o.BeginScope();
                var producer = Task("producer");
                producer.Out(4);
                o.Submit(producer);
                var buffer = producer.Output(0);
                o.EndScope();
                o.BeginScope();
                o.Submit(Task("late-reader").In(buffer));
                o.EndScope();
                break;
            }
            case Malformation.EndScopeWithoutBeginScope:
                o.EndScope();
                break;
            case Malformation.OutputLargerThanTheHeap:
            {
                var t = Task("huge");
                t.Out(_bad.Base.Config.HeapElements + 1);
                o.Submit(t);
                break;
            }
            case Malformation.AllocOfLengthZero:
                o.AllocTensors([0], new Tensor[1]);
                break;
            case Malformation.ScopeLongerThanTheWindow:
            {
                o.BeginScope();
                var pinned = Task("pinned");
                pinned.Out(1);
                o.Submit(pinned);
                for (var i = 0; i < Window; i++) o.Submit(Task($"filler-{i}"));
                o.EndScope();
                break;
            }
            case Malformation.MoreTasksThanDeclared:
                o.Submit(Task("extra"));
                break;
            case Malformation.FewerTasksThanDeclared:
                break;
            case Malformation.ProgramThrows:
                throw new InvalidOperationException($"the program gave up after {_bad.Position} tasks");
        }
    }
}
