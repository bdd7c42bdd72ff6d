using Wireless.Orchestration;
using Wireless.Workloads;

namespace Wireless.Tests;

/// <summary>Small hand-written DAGs for unit tests.</summary>
internal static class TestDags
{
    /// <summary>A chain of <paramref name="n"/> tasks, each depending explicitly on the previous one.</summary>
    public sealed class Chain(int n, Shape shape = Shape.AIV) : Workload
    {
        public override string Name => $"chain-{n}";
        public override int TaskCount => n;

        public override void Orchestrate(IOrchestrator o)
        {
            TaskId? prev = null;
            for (var i = 0; i < n; i++)
            {
                var t = o.NewTask(Kernel.Generic, shape);
                if (prev is { } p) t.Dep(p);
                prev = o.Submit(t);
            }
        }
    }

    /// <summary>
    /// Repeated diamonds with data edges inside a scope: A (AIC) produces x; B and C (AIV) read x and produce y, z;
    /// D (MIX) reads y and z and accumulates into an external tensor (INOUT, so diamonds chain through the TensorMap).
    /// </summary>
    public sealed class Diamonds : Workload
    {
        private readonly int _count;

        public Diamonds(int count)
        {
            _count = count;
            Globals.Declare("acc", 8);
        }

        public override string Name => $"diamonds-{_count}";
        public override int TaskCount => 4 * _count;

        public override void Orchestrate(IOrchestrator o)
        {
            var acc = o.Globals["acc"];
            for (var i = 0; i < _count; i++)
            {
                o.BeginScope();
                var a = o.NewTask(Kernel.Generic, Shape.AIC).Scalar(i);
                a.Out(8);
                o.Submit(a);
                var x = a.Output(0);
                var b = o.NewTask(Kernel.Generic, Shape.AIV).In(x);
                b.Out(8);
                o.Submit(b);
                var y = b.Output(0);
                var c = o.NewTask(Kernel.Generic, Shape.AIV).In(x);
                c.Out(8);
                o.Submit(c);
                var z = c.Output(0);
                o.Submit(o.NewTask(Kernel.Generic, Shape.MIX).In(y).In(z).InOut(acc));
                o.EndScope();
            }
        }
    }

    /// <summary>One sink depending on <paramref name="width"/> independent sources.</summary>
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
}
