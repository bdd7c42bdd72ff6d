using Wireless.Orchestration;
using Wireless.Workloads;

namespace Wireless.Properties;

/// <summary>
/// A generated graph as an orchestration program: it declares the external tensors <c>a</c> (32 elements) and
/// <c>b</c> (16), then submits the tasks in order, opening and closing each explicit scope around its tasks.
/// </summary>
public sealed class GraphWorkload : Workload
{
    /// <summary>The external tensors every generated graph may use, with their lengths.</summary>
    public static IReadOnlyList<(string Name, int Length)> Tensors { get; } = [("a", 32), ("b", 16)];

    private readonly GraphSpec _graph;

    public GraphWorkload(GraphSpec graph)
    {
        _graph = graph;
        DeclareTensors(Globals);
    }

    public static void DeclareTensors(GlobalMemoryLayout globals)
    {
        foreach (var (name, length) in Tensors) globals.Declare(name, length);
    }

    public override string Name => $"generated-{_graph.Count}";

    public override int TaskCount => _graph.Count;

    public override void Orchestrate(IOrchestrator o)
    {
        var program = new GraphProgram(_graph, o);
        while (program.Submitted < _graph.Count) program.SubmitNext();
        program.CloseScope();
    }
}

/// <summary>One run of a graph's program: submits its tasks one at a time, tracking the open scope, ids and outputs.</summary>
public sealed class GraphProgram(GraphSpec graph, IOrchestrator o)
{
    private readonly TaskId[] _ids = new TaskId[graph.Count];
    private readonly Tensor[][] _outputs = new Tensor[graph.Count][];

    public int Submitted { get; private set; }

    /// <summary>The explicit scope open now, or −1.</summary>
    public int Scope { get; private set; } = -1;

    public TaskId IdOf(int index) => _ids[index];

    public void SubmitNext()
    {
        var i = Submitted++;
        var spec = graph.Tasks[i];
        if (spec.Scope != Scope)
        {
            CloseScope();
            if (spec.Scope >= 0) o.BeginScope(graph.ModeOf(spec.Scope));
            Scope = spec.Scope;
        }
        _outputs[i] = new Tensor[spec.Outputs.Length];
        if (spec.IsAlloc)
        {
            _ids[i] = o.AllocTensors(spec.Outputs.AsSpan(), _outputs[i]);
            return;
        }
        var t = o.NewTask(Kernel.Generic, spec.Shape).Duration(spec.DurationNs);
        if (spec.Scalar is { } s) t.Scalar(s);
        foreach (var d in spec.Deps) t.Dep(_ids[d]);
        foreach (var a in spec.Args)
        {
            var view = o.Globals[a.Tensor].View(a.Offset, a.Length);
            switch (a.Direction)
            {
                case ArgDirection.In: t.In(view); break;
                case ArgDirection.InOut: t.InOut(view); break;
                default: t.OutputExisting(view); break;
            }
        }
        foreach (var h in spec.Inputs) t.In(_outputs[h.Task][h.Output].View(h.Offset, h.Length));
        foreach (var length in spec.Outputs) t.Out(length);
        _ids[i] = o.Submit(t);
        for (var k = 0; k < spec.Outputs.Length; k++) _outputs[i][k] = t.Output(k);
    }

    /// <summary>Ends the explicit scope open now, if any.</summary>
    public void CloseScope()
    {
        if (Scope >= 0) o.EndScope();
        Scope = -1;
    }
}
