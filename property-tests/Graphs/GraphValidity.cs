using System.Collections.Immutable;
using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>
/// Turns any graph description into a valid program for a configuration, so that generated and shrunk graphs never
/// test the generator instead of the runtime. A valid program is accepted by the sequential reference and is race
/// free: every two tasks whose effects do not commute are ordered by edges the runtime discovers.
/// </summary>
/// <remarks>
/// Rules, in order:
/// <list type="number">
/// <item>Structure: dependencies name earlier tasks; regions lie inside their tensors; heap outputs exist only in
/// explicit scopes and are read only later in the same scope; alloc tasks have only buffers.</item>
/// <item>Scope fit (seed §2.9): a scope's oldest task with outputs is less than a window before its last task, and
/// its output blocks fit the heap (sum plus the largest, for the one wrap gap); otherwise outputs are dropped.</item>
/// <item>Hazards: the TensorMap finds the last writers of what a task reads, and owner handles find the producer of a
/// heap input, but only in auto scopes; it never sees write-after-read or a blind overwrite (OUTPUT_EXISTING). Every
/// conflicting earlier task that is not already an ancestor through discovered edges gets an explicit dependency;
/// a heap read in a manual scope gets one on the buffer's owner directly (that edge also keeps the buffer alive).
/// A task whose producers would exceed the fanin maximum loses arguments until they fit.</item>
/// </list>
/// </remarks>
public static class GraphValidity
{
    public static GraphSpec Normalize(GraphSpec graph, GraphConfig config)
    {
        var tasks = graph.Tasks.ToList();
        var modes = graph.ScopeModes;
        FixStructure(tasks, modes.Length);
        FitScopes(tasks, config);
        FixStructure(tasks, modes.Length);
        var g = graph with { Tasks = [.. tasks] };
        OrderHazards(tasks, g, config);
        return g with { Tasks = [.. tasks] };
    }

    private static void FixStructure(List<TaskSpec> tasks, int scopes)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            var scope = t.Scope < scopes ? t.Scope : -1;
            var outputs = scope < 0 ? [] : t.Outputs.Select(l => Math.Clamp(l, 1, 16)).ToImmutableArray();
            if (t.IsAlloc)
            {
                tasks[i] = new TaskSpec { IsAlloc = true, Shape = Shape.AIC, Scope = scope, Outputs = outputs };
                continue;
            }
            var index = i;
            tasks[i] = t with
            {
                Scope = scope,
                Outputs = outputs,
                Deps = [.. t.Deps.Where(d => d >= 0 && d < index).Distinct().Order()],
                Args = [.. t.Args.Select(Clip).OfType<ExternalArg>()],
                Inputs = [.. t.Inputs.Select(h => Clip(tasks, index, scope, h)).OfType<HeapInput>()],
            };
        }
    }

    private static ExternalArg? Clip(ExternalArg a)
    {
        var length = GraphWorkload.Tensors.FirstOrDefault(t => t.Name == a.Tensor).Length;
        if (length == 0) return null;
        var offset = Math.Clamp(a.Offset, 0, length - 1);
        return a with { Offset = offset, Length = Math.Clamp(a.Length, 1, length - offset) };
    }

    /// <summary>A heap input stays only if it reads an existing output of an earlier task of the same open scope.</summary>
    private static HeapInput? Clip(List<TaskSpec> tasks, int index, int scope, HeapInput h)
    {
        if (scope < 0 || h.Task < 0 || h.Task >= index) return null;
        for (var j = h.Task; j < index; j++)
            if (tasks[j].Scope != scope) return null;
        var outputs = tasks[h.Task].Outputs;
        if (h.Output < 0 || h.Output >= outputs.Length) return null;
        var length = Math.Clamp(h.Length, 1, outputs[h.Output]);
        return h with { Offset = Math.Clamp(h.Offset, 0, outputs[h.Output] - length), Length = length };
    }

    private static long Block(TaskSpec t) => t.Outputs.Sum(l => (long)OutputLayout.AlignedLength(l));

    private static void FitScopes(List<TaskSpec> tasks, GraphConfig config)
    {
        var start = 0;
        while (start < tasks.Count)
        {
            var end = start;
            while (end + 1 < tasks.Count && tasks[end + 1].Scope == tasks[start].Scope) end++;
            if (tasks[start].Scope >= 0)
            {
                while (true)
                {
                    var pinned = Enumerable.Range(start, end - start + 1).Where(i => tasks[i].Outputs.Length > 0).ToList();
                    if (pinned.Count == 0) break;
                    if (end - pinned[0] >= config.Window)
                    {
                        tasks[pinned[0]] = tasks[pinned[0]] with { Outputs = [] };
                        continue;
                    }
                    var blocks = pinned.Select(i => Block(tasks[i])).ToList();
                    if (blocks.Sum() + blocks.Max() > config.HeapElements)
                    {
                        tasks[pinned[^1]] = tasks[pinned[^1]] with { Outputs = [] };
                        continue;
                    }
                    break;
                }
            }
            start = end + 1;
        }
    }

    private static void OrderHazards(List<TaskSpec> tasks, GraphSpec g, GraphConfig config)
    {
        var ancestors = new HashSet<int>[tasks.Count];
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            if (t.IsAlloc)
            {
                ancestors[i] = [];
                continue;
            }
            while (true)
            {
                var auto = g.ModeOf(t.Scope) == ScopeMode.Auto;
                // In a manual scope a heap read needs a direct dependency on the buffer's owner, not just an ordering:
                // it is what stamps the owner's last consumer and keeps the buffer alive until the read is done.
                if (!auto) t = t with { Deps = [.. t.Deps.Union(t.Inputs.Select(h => h.Task)).Order()] };
                var direct = new HashSet<int>(t.Deps);
                if (auto)
                {
                    foreach (var h in t.Inputs) direct.Add(h.Task);
                    for (var j = 0; j < i; j++)
                        if (!tasks[j].IsAlloc && g.ModeOf(tasks[j].Scope) == ScopeMode.Auto && WritesWhatIsRead(tasks[j], t)) direct.Add(j);
                }
                var closure = new HashSet<int>();
                foreach (var d in direct)
                {
                    closure.Add(d);
                    closure.UnionWith(ancestors[d]);
                }
                var deps = t.Deps.ToList();
                var required = t.Inputs.Select(h => h.Task).Concat(Enumerable.Range(0, i).Where(j => Conflicts(tasks[j], t)));
                foreach (var m in required.Distinct().OrderDescending())
                {
                    if (closure.Contains(m)) continue;
                    deps.Add(m);
                    direct.Add(m);
                    closure.Add(m);
                    closure.UnionWith(ancestors[m]);
                }
                if (direct.Count <= config.MaxFanin && deps.Count <= config.MaxFanin)
                {
                    t = t with { Deps = [.. deps.Order()] };
                    ancestors[i] = closure;
                    break;
                }
                t = t.Args.Length > 0 ? t with { Args = t.Args.RemoveAt(t.Args.Length - 1) }
                    : t.Inputs.Length > 0 ? t with { Inputs = t.Inputs.RemoveAt(t.Inputs.Length - 1) }
                    : t with { Deps = t.Deps.RemoveAt(t.Deps.Length - 1) };
            }
            tasks[i] = t;
        }
    }

    /// <summary>The TensorMap links <paramref name="reader"/> to <paramref name="writer"/> (directly or through a later writer that covered it).</summary>
    private static bool WritesWhatIsRead(TaskSpec writer, TaskSpec reader)
        => writer.Args.Any(w => w.Writes && reader.Args.Any(r => r.Reads && w.Overlaps(r)));

    /// <summary>The two tasks' effects do not commute: they touch overlapping regions and one of them writes.</summary>
    private static bool Conflicts(TaskSpec earlier, TaskSpec later)
        => earlier.Args.Any(e => later.Args.Any(l => (e.Writes || l.Writes) && e.Overlaps(l)));
}
