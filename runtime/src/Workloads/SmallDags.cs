using Wireless.Orchestration;

namespace Wireless.Workloads;

/// <summary>
/// Small hand-written task graphs: the DAGs of the Coyote exploration scenarios, also run by the runtime's tests.
/// Each is a <see cref="Workload"/> like any other.
/// </summary>
public static class SmallDags
{
    /// <summary>T0 → T1 → … → T(n−1), explicit dependencies.</summary>
    public sealed class Chain(int n) : Workload
    {
        public override string Name => $"chain-{n}";
        public override int TaskCount => n;

        public override void Orchestrate(IOrchestrator o)
        {
            Span<TaskId> ids = stackalloc TaskId[n];
            for (var i = 0; i < n; i++)
            {
                var t = o.NewTask(Kernel.Generic, i % 3 == 2 ? Shape.AIC : Shape.AIV).Scalar(i);
                if (i > 0) t.Dep(ids[i - 1]);
                ids[i] = o.Submit(t);
            }
        }
    }

    /// <summary>
    /// <paramref name="count"/> diamonds with data edges in their own scopes: A (AIC) → x; B, C (AIV) read x → y, z;
    /// D (MIX) reads y, z and accumulates into a global tensor (INOUT), so the diamonds chain through the TensorMap.
    /// </summary>
    public sealed class Diamonds : Workload
    {
        private readonly int _count;
        private readonly Tensor _acc;

        public Diamonds(int count)
        {
            _count = count;
            _acc = Globals.Declare("acc", 4);
        }

        public override string Name => $"diamonds-{_count}";
        public override int TaskCount => 4 * _count;

        public override void Orchestrate(IOrchestrator o)
        {
            for (var i = 0; i < _count; i++)
            {
                o.BeginScope();
                var a = o.NewTask(Kernel.Generic, Shape.AIC).Scalar(i);
                a.Out(4);
                o.Submit(a);
                var x = a.Output(0);
                var b = o.NewTask(Kernel.Generic, Shape.AIV).In(x);
                b.Out(4);
                o.Submit(b);
                var y = b.Output(0);
                var c = o.NewTask(Kernel.Generic, Shape.AIV).In(x);
                c.Out(4);
                o.Submit(c);
                var z = c.Output(0);
                o.Submit(o.NewTask(Kernel.Generic, Shape.MIX).In(y).In(z).InOut(_acc));
                o.EndScope();
            }
        }
    }

    /// <summary><paramref name="width"/> independent sources, then one sink depending on all of them.</summary>
    public sealed class FanIn(int width) : Workload
    {
        public override string Name => $"fanin-{width}";
        public override int TaskCount => width + 1;

        public override void Orchestrate(IOrchestrator o)
        {
            Span<TaskId> ids = stackalloc TaskId[width];
            for (var i = 0; i < width; i++) ids[i] = o.Submit(o.NewTask(Kernel.Generic, i % 2 == 0 ? Shape.AIC : Shape.AIV).Scalar(i));
            var sink = o.NewTask(Kernel.Generic, Shape.AIV);
            foreach (var id in ids) sink.Dep(id);
            o.Submit(sink);
        }
    }

    /// <summary>One root, then <paramref name="width"/> consumers of it, then one more independent task.</summary>
    public sealed class FanOut(int width) : Workload
    {
        public override string Name => $"fanout-{width}";
        public override int TaskCount => width + 2;

        public override void Orchestrate(IOrchestrator o)
        {
            var root = o.Submit(o.NewTask(Kernel.Generic, Shape.AIC));
            for (var i = 0; i < width; i++) o.Submit(o.NewTask(Kernel.Generic, i % 2 == 0 ? Shape.AIV : Shape.AIC).Scalar(i).Dep(root));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIV));
        }
    }

    /// <summary>
    /// Layers of tasks, each depending on one or two tasks of the layer before: many more tasks than a small
    /// window holds, so the orchestrator is under constant back-pressure and slots are reused all the time.
    /// </summary>
    public sealed class Layers(int layers, int width) : Workload
    {
        public override string Name => $"layers-{layers}x{width}";
        public override int TaskCount => layers * width;

        public override void Orchestrate(IOrchestrator o)
        {
            Span<TaskId> previous = stackalloc TaskId[width];
            Span<TaskId> current = stackalloc TaskId[width];
            for (var l = 0; l < layers; l++)
            {
                for (var i = 0; i < width; i++)
                {
                    var t = o.NewTask(Kernel.Generic, (l + i) % 2 == 0 ? Shape.AIV : Shape.AIC).Scalar(l * width + i);
                    if (l > 0)
                    {
                        t.Dep(previous[i]);
                        if (width > 1) t.Dep(previous[(i + 1) % width]);
                    }
                    current[i] = o.Submit(t);
                }
                current.CopyTo(previous);
            }
        }
    }

    /// <summary>Independent tasks of every shape (cores finish them in any order), then a sink on all of them.</summary>
    public sealed class Independent(int n) : Workload
    {
        public override string Name => $"independent-{n}";
        public override int TaskCount => n + 1;

        public override void Orchestrate(IOrchestrator o)
        {
            Span<TaskId> ids = stackalloc TaskId[n];
            for (var i = 0; i < n; i++) ids[i] = o.Submit(o.NewTask(Kernel.Generic, (Shape)(i % 3)).Scalar(i));
            var sink = o.NewTask(Kernel.Generic, Shape.AIC);
            foreach (var id in ids) sink.Dep(id);
            o.Submit(sink);
        }
    }

    /// <summary>
    /// Early tasks, fillers, then late tasks that depend explicitly on the early ones: when a late task is submitted,
    /// its producer may be completing, or be reclaimed, at that very moment (the stamp races with reclamation).
    /// </summary>
    public sealed class LateDependencies(int pairs) : Workload
    {
        public override string Name => $"late-deps-{pairs}";
        public override int TaskCount => 3 * pairs;

        public override void Orchestrate(IOrchestrator o)
        {
            Span<TaskId> early = stackalloc TaskId[pairs];
            for (var i = 0; i < pairs; i++) early[i] = o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Scalar(i));
            for (var i = 0; i < pairs; i++) o.Submit(o.NewTask(Kernel.Generic, Shape.AIC).Scalar(100 + i));
            for (var i = 0; i < pairs; i++) o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Scalar(200 + i).Dep(early[i]));
        }
    }

    /// <summary>
    /// A scope whose <c>alloc_tensors</c> buffer is read by a first task, then, after independent work, by later tasks
    /// of the same scope: between the reads the buffer's producer has no pending consumer, so only the scope pin keeps
    /// its slot and buffer alive. The heap is small, so a freed buffer is soon reused.
    /// </summary>
    public sealed class ScopedOutputs(int scopes) : Workload
    {
        /// <summary>
        /// The buffer lengths, as an array rather than a span literal: the Coyote rewriter does not keep a span
        /// literal's data aligned, and <c>RuntimeHelpers.CreateSpan</c> rejects misaligned data.
        /// </summary>
        private static readonly int[] BufferLengths = [4];

        public override string Name => $"scoped-outputs-{scopes}";
        public override int TaskCount => 5 * scopes;

        public override void Orchestrate(IOrchestrator o)
        {
            Span<Tensor> buffers = stackalloc Tensor[1];
            ReadOnlySpan<int> lengths = BufferLengths;
            for (var s = 0; s < scopes; s++)
            {
                o.BeginScope();
                o.AllocTensors(lengths, buffers);
                var x = buffers[0];
                o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).In(x).Scalar(s));
                var filler = o.NewTask(Kernel.Generic, Shape.AIC).Scalar(s);
                filler.Out(4);
                o.Submit(filler);
                var y = filler.Output(0);
                o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).In(x).In(y));
                o.Submit(o.NewTask(Kernel.Generic, Shape.AIC).In(x));
                o.EndScope();
            }
        }
    }

    /// <summary>
    /// <paramref name="sources"/> independent sources; then a task on each pair of neighbouring sources (two unmet
    /// producers each: they wait in thread 0's pending FIFO); then a task on the last source alone (one unmet producer:
    /// it goes on that source's wake list). With a poll budget below the number of pairs, that last task is classified
    /// while the FIFO holds more tasks than one poll visits.
    /// </summary>
    public sealed class PendingBacklog(int sources) : Workload
    {
        public override string Name => $"pending-backlog-{sources}";
        public override int TaskCount => 2 * sources;

        public override void Orchestrate(IOrchestrator o)
        {
            Span<TaskId> ids = stackalloc TaskId[sources];
            for (var i = 0; i < sources; i++) ids[i] = o.Submit(o.NewTask(Kernel.Generic, i % 2 == 0 ? Shape.AIC : Shape.AIV).Scalar(i));
            for (var i = 0; i + 1 < sources; i++) o.Submit(o.NewTask(Kernel.Generic, Shape.AIV).Scalar(100 + i).Dep(ids[i]).Dep(ids[i + 1]));
            o.Submit(o.NewTask(Kernel.Generic, Shape.AIC).Scalar(200).Dep(ids[sources - 1]));
        }
    }

    /// <summary>
    /// Scopes nested two deep, each with its own <c>alloc_tensors</c> buffer: the inner scope's tasks read both buffers,
    /// and after the inner scope ended the outer scope's tasks read the outer buffer again. Every buffer is kept alive
    /// by its scope's pin alone between its reads, and in a small window the slots of ended scopes are reused at once.
    /// </summary>
    public sealed class NestedScopes(int rounds) : Workload
    {
        /// <summary>An array rather than a span literal (see <see cref="ScopedOutputs"/>).</summary>
        private static readonly int[] BufferLengths = [4];

        public override string Name => $"nested-scopes-{rounds}";
        public override int TaskCount => 6 * rounds;

        public override void Orchestrate(IOrchestrator o)
        {
            Span<Tensor> outer = stackalloc Tensor[1];
            Span<Tensor> inner = stackalloc Tensor[1];
            ReadOnlySpan<int> lengths = BufferLengths;
            for (var r = 0; r < rounds; r++)
            {
                o.BeginScope();
                o.AllocTensors(lengths, outer);
                o.BeginScope();
                o.AllocTensors(lengths, inner);
                var a = o.NewTask(Kernel.Generic, Shape.AIV).In(outer[0]).In(inner[0]).Scalar(r);
                a.Out(4);
                o.Submit(a);
                var y = a.Output(0);
                o.Submit(o.NewTask(Kernel.Generic, Shape.AIC).In(inner[0]).In(y));
                o.EndScope();
                var c = o.NewTask(Kernel.Generic, Shape.AIV).In(outer[0]).Scalar(r);
                c.Out(4);
                o.Submit(c);
                var z = c.Output(0);
                o.Submit(o.NewTask(Kernel.Generic, Shape.AIC).In(outer[0]).In(z));
                o.EndScope();
            }
        }
    }
}
