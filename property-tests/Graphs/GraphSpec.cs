using System.Collections.Immutable;
using System.Text;
using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>
/// A task's access to a region <c>[Offset, Offset + Length)</c> of one of the graph's external (global) tensors.
/// </summary>
public sealed record ExternalArg(string Tensor, int Offset, int Length, ArgDirection Direction)
{
    public bool Writes => Direction is ArgDirection.InOut or ArgDirection.OutputExisting;
    public bool Reads => Direction is ArgDirection.In or ArgDirection.InOut;

    public bool Overlaps(ExternalArg other)
        => Tensor == other.Tensor && Offset < other.Offset + other.Length && other.Offset < Offset + Length;

    public override string ToString() => $"{Name(Direction)} {Tensor}[{Offset},{Offset + Length})";

    private static string Name(ArgDirection d) => d switch
    {
        ArgDirection.In => "in",
        ArgDirection.InOut => "inout",
        ArgDirection.OutputExisting => "write",
        _ => d.ToString(),
    };
}

/// <summary>A read of a view <c>[Offset, Offset + Length)</c> of output <see cref="Output"/> of an earlier task.</summary>
public sealed record HeapInput(int Task, int Output, int Offset, int Length)
{
    public override string ToString() => $"in #{Task}.out{Output}[{Offset},{Offset + Length})";
}

/// <summary>
/// One task of a generated graph: a compute task (shape, explicit dependencies on earlier tasks by index, external
/// tensor arguments, reads of earlier heap outputs, new heap outputs) or an <c>alloc_tensors</c> task (only its
/// output buffers). <see cref="Scope"/> is −1 for the implicit outer scope, else the number of the explicit scope.
/// </summary>
public sealed record TaskSpec
{
    public bool IsAlloc { get; init; }
    public Shape Shape { get; init; } = Shape.AIV;
    public int Scope { get; init; } = -1;
    public ImmutableArray<int> Deps { get; init; } = [];
    public ImmutableArray<ExternalArg> Args { get; init; } = [];
    public ImmutableArray<HeapInput> Inputs { get; init; } = [];
    /// <summary>Lengths of the task's new heap outputs (or of an alloc task's buffers).</summary>
    public ImmutableArray<int> Outputs { get; init; } = [];
    public long DurationNs { get; init; }
    public long? Scalar { get; init; }

    /// <summary>How much there is to shrink: every dependency, argument, output and option counts one.</summary>
    public int Weight => 1 + Deps.Length + Args.Length + Inputs.Length + Outputs.Length
                         + (DurationNs > 0 ? 1 : 0) + (Scalar is null ? 0 : 1) + (Shape == Shape.AIV ? 0 : 1) + (Scope >= 0 ? 1 : 0);
}

/// <summary>
/// A generated task-graph program: tasks in submission order and the mode of each explicit scope. Scopes are flat:
/// the tasks of one explicit scope are consecutive. Build valid instances with <see cref="GraphValidity.Normalize"/>.
/// </summary>
public sealed record GraphSpec(ImmutableArray<TaskSpec> Tasks, ImmutableArray<ScopeMode> ScopeModes)
{
    public int Count => Tasks.Length;

    public int Weight => Tasks.Sum(t => t.Weight);

    public ScopeMode ModeOf(int scope) => scope < 0 ? ScopeMode.Auto : ScopeModes[scope];

    /// <summary>One line per task.</summary>
    public string Describe(string indent)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Tasks.Length; i++)
        {
            var t = Tasks[i];
            text.Append(indent).Append('#').Append(i).Append(' ');
            if (t.IsAlloc)
            {
                text.Append("alloc_tensors");
            }
            else
            {
                text.Append(t.Shape);
                if (t.Deps.Length > 0) text.Append(" deps[").Append(string.Join(",", t.Deps)).Append(']');
                foreach (var a in t.Args) text.Append(' ').Append(a);
                foreach (var h in t.Inputs) text.Append(' ').Append(h);
            }
            if (t.Outputs.Length > 0) text.Append(" out(").Append(string.Join(",", t.Outputs)).Append(')');
            if (t.Scalar is { } s) text.Append(" scalar ").Append(s);
            if (t.DurationNs > 0) text.Append(' ').Append(t.DurationNs).Append("ns");
            if (t.Scope >= 0) text.Append("   [scope ").Append(t.Scope).Append(' ').Append(ModeOf(t.Scope).ToString().ToLowerInvariant()).Append(']');
            if (i < Tasks.Length - 1) text.AppendLine();
        }
        return text.ToString();
    }

    public override string ToString() => Describe("");
}
