using Wireless.Spec.Gate;
using Wireless.Spec.Model;

namespace Wireless.Spec.Configurations;

/// <summary>
/// The bounded configurations of the proof table (spec/SPEC.md §6.5). Each puts one part of the protocol under
/// pressure with as few tasks as that takes; together they cover slot reuse (a window smaller than the task count),
/// wake-list races (registrations racing a completion, two completers), out-of-order completion under back-pressure,
/// a late dependency racing reclamation, a scoped buffer, and the gate.
/// </summary>
public static class ConfigurationCatalog
{
    public static IReadOnlyList<Configuration> All { get; } =
    [
        Protocol("chain", "A -> B -> C in a window of 2: every completion wakes the next task; C reuses A's slot", true,
            b =>
            {
                var a = b.Task("A");
                var x = b.Task("B", Dependency.On(a));
                b.Task("C", Dependency.On(x));
            }, window: 2),
        Protocol("chain-4", "A -> B -> C -> D in a window of 2: two slot reuses, each under a waiting consumer", true,
            b =>
            {
                var a = b.Task("A");
                var x = b.Task("B", Dependency.On(a));
                var y = b.Task("C", Dependency.On(x));
                b.Task("D", Dependency.On(y));
            }, window: 2),
        Protocol("chain-5", "A -> B -> C -> D -> E in a window of 2", true,
            b =>
            {
                var t = b.Task("A");
                foreach (var name in new[] { "B", "C", "D", "E" }) t = b.Task(name, Dependency.On(t));
            }, window: 2),
        Protocol("fan-in", "A, B independent; C needs both: two completers race thread 0 classifying and registering C", true,
            b =>
            {
                var a = b.Task("A");
                var x = b.Task("B");
                b.Task("C", Dependency.On(a), Dependency.On(x));
            }, window: 4),
        Protocol("fan-out", "A; B and C need A: two registrations on A's wake list race its completion", true,
            b =>
            {
                var a = b.Task("A");
                b.Task("B", Dependency.On(a));
                b.Task("C", Dependency.On(a));
            }, window: 4),
        Protocol("diamond", "A; B and C need A; D needs B and C; window 2: fan-out, fan-in and slot reuse together", true,
            b =>
            {
                var a = b.Task("A");
                var x = b.Task("B", Dependency.On(a));
                var y = b.Task("C", Dependency.On(a));
                b.Task("D", Dependency.On(x), Dependency.On(y));
            }, window: 2),
        Protocol("layers", "two layers of two in a window of 2: C and D each need A and B (the small-ring shape)", true,
            b =>
            {
                var a = b.Task("A");
                var x = b.Task("B");
                b.Task("C", Dependency.On(a), Dependency.On(x));
                b.Task("D", Dependency.On(x), Dependency.On(a));
            }, window: 2),
        Protocol("two-cores", "A, B, C (needs A and B) in a window of 2, two cores per scheduler: completions in any order on one thread", true,
            b =>
            {
                var a = b.Task("A");
                var x = b.Task("B");
                b.Task("C", Dependency.On(a), Dependency.On(x));
            }, window: 2, cores: 2),
        Protocol("out-of-order", "A, B, C (needs A), D in a window of 3: C may complete before B, and D waits for A's slot", true,
            b =>
            {
                var a = b.Task("A");
                b.Task("B");
                b.Task("C", Dependency.On(a));
                b.Task("D");
            }, window: 3),
        Protocol("late-deps", "A, B, then C with an explicit dependency on A: C's stamp races A's reclamation", true,
            b =>
            {
                var a = b.Task("A");
                b.Task("B");
                b.Task("C", Dependency.On(a));
            }, window: 3),
        Protocol("scoped", "a scope: X = alloc_tensors, B reads X, D reads X again after B may have completed", true,
            b =>
            {
                b.BeginScope();
                var x = b.Alloc("X");
                b.Task("B", Dependency.Reads(x));
                b.Task("D", Dependency.Reads(x));
                b.EndScope();
            }, window: 3),
        Protocol("scopes", "two scopes in a row, each X = alloc_tensors and a reader, window 2: unpin, reclaim at scope end, reuse", true,
            b =>
            {
                for (var i = 0; i < 2; i++)
                {
                    b.BeginScope();
                    var x = b.Alloc($"X{i}");
                    b.Task($"R{i}", Dependency.Reads(x));
                    b.EndScope();
                }
            }, window: 2),
        Protocol("mixed", "a scope: X = alloc_tensors, B reads X and writes, C after B (TensorMap) reads X; then D needs C", true,
            b =>
            {
                b.BeginScope();
                var x = b.Alloc("X");
                var y = b.TaskWithOutput("B", Dependency.Reads(x));
                var c = b.Task("C", Dependency.After(y), Dependency.Reads(x));
                b.EndScope();
                b.Task("D", Dependency.On(c));
            }, window: 4),
        Gate("gate", "3 threads on CPUs 3, 3, 20 (a repeat, an id >= 16), 2 wanted, launched twice", true, [3, 3, 20], wanted: 2),
        Gate("gate-distinct", "3 threads on CPUs 2, 17, 40 (distinct, two >= 16), 2 wanted, launched twice", true, [2, 17, 40], wanted: 2),
        Protocol("fan-in-3", "A, B, C independent; D needs all three (thread 0 re-polls D while two are unmet)", false,
            b =>
            {
                var a = b.Task("A");
                var x = b.Task("B");
                var y = b.Task("C");
                b.Task("D", Dependency.On(a), Dependency.On(x), Dependency.On(y));
            }, window: 4),
        Protocol("out-of-order-4", "A, B, C (needs A), D, E in a window of 4 (a power of two, as the runtime's)", false,
            b =>
            {
                var a = b.Task("A");
                b.Task("B");
                b.Task("C", Dependency.On(a));
                b.Task("D");
                b.Task("E");
            }, window: 4),
        Protocol("paged-attention-block", "one paged-attention block: scope { A = alloc_tensors; scope { QK; SF reads QK; PV reads SF; UP reads SF, PV, A } }", false,
            b =>
            {
                b.BeginScope();
                var a = b.Alloc("A");
                b.BeginScope();
                var qk = b.TaskWithOutput("QK");
                var sf = b.TaskWithOutput("SF", Dependency.Reads(qk));
                var pv = b.TaskWithOutput("PV", Dependency.Reads(sf));
                b.Task("UP", Dependency.Reads(sf), Dependency.Reads(pv), Dependency.Reads(a));
                b.EndScope();
                b.EndScope();
            }, window: 8),
        Protocol("fan-in-3-schedulers", "A, B independent; C needs both; three scheduler threads", false,
            b =>
            {
                var a = b.Task("A");
                var x = b.Task("B");
                b.Task("C", Dependency.On(a), Dependency.On(x));
            }, window: 4, schedulers: 3),
        Protocol("out-of-order-3-schedulers", "the out-of-order shape (A, B, C needs A, D; window 3) with three scheduler threads", false,
            b =>
            {
                var a = b.Task("A");
                b.Task("B");
                b.Task("C", Dependency.On(a));
                b.Task("D");
            }, window: 3, schedulers: 3),
    ];

    /// <summary>The configuration named <paramref name="name"/>, or null.</summary>
    public static Configuration? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    private static Configuration Protocol(string name, string description, bool small, Action<ProgramBuilder> program, int window,
        int schedulers = 2, int cores = 1)
    {
        var builder = new ProgramBuilder();
        program(builder);
        return new Configuration(name, description, small, builder.Build(name, description, window, schedulers, cores), null);
    }

    private static Configuration Gate(string name, string description, bool small, int[] cpus, int wanted)
        => new(name, description, small, null, new GateConfig(name, cpus, wanted));
}
