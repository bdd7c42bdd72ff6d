using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>
/// Model-based property of <see cref="ScopeStack"/>: random begins (auto or manual), pins of tasks with heap outputs,
/// tasks without, ends (also one too many) and the end of everything, with task ids next to the wrap point; after
/// every step the mode, depth, the oldest pin, which tasks are pinned and which were unpinned match
/// <see cref="ScopeModel"/>.
/// </summary>
internal sealed class ScopeStackMachine(string name, Func<IScopesUnderTest> create) : Machine<IScopesUnderTest, ScopeModel>(40)
{
    public override Arbitrary<Setup<IScopesUnderTest, ScopeModel>> Setup => Arb.From(
        Gen.Elements(0, int.MaxValue - 4).Select(first => (Setup<IScopesUnderTest, ScopeModel>)new ScopeSetup(name, first, create)));

    public override Gen<Operation<IScopesUnderTest, ScopeModel>> Next(ScopeModel m)
        => Gen.Frequency(
            (2, Gen.Elements(ScopeMode.Auto, ScopeMode.Manual).Select(mode => Op(new Begin(mode)))),
            (3, Gen.Choose(0, 40).Select(length => Op(new Task(length)))),
            (2, Gen.Constant(Op(new End()))),
            (1, Gen.Constant(Op(new EndAll()))));

    private static Operation<IScopesUnderTest, ScopeModel> Op(Operation<IScopesUnderTest, ScopeModel> op) => op;

    public override string ToString() => name;

    private sealed class ScopeSetup(string name, int first, Func<IScopesUnderTest> create) : Setup<IScopesUnderTest, ScopeModel>
    {
        public override IScopesUnderTest Actual() => create();
        public override ScopeModel Model() => new([new ModelScope(ScopeMode.Auto, [])], first, first, 0);
        public override string ToString() => $"{name}, first task {first}";
    }

    private abstract class Step : ModelStep<IScopesUnderTest, ScopeModel>
    {
        protected abstract string? Do(IScopesUnderTest scopes, ScopeModel m);

        protected sealed override string? Apply(IScopesUnderTest scopes, ScopeModel m) => Do(scopes, m) ?? Compare(scopes.Stack, m);

        private static string? Compare(ScopeStack stack, ScopeModel m)
        {
            if (stack.Depth != m.Scopes.Count - 1) return $"the depth is {stack.Depth}, the model {m.Scopes.Count - 1}";
            if (stack.Mode != m.Scopes[^1].Mode) return $"the mode is {stack.Mode}, the model {m.Scopes[^1].Mode}";
            var pins = m.AllPins.ToList();
            if (stack.HasPinned != pins.Count > 0) return $"HasPinned is {stack.HasPinned} with {pins.Count} pinned tasks in the model";
            if (pins.Count > 0 && (stack.OldestPinned, stack.OldestPinnedHeapStart) != pins[0])
                return $"the oldest pin is task#{stack.OldestPinned} at heap {stack.OldestPinnedHeapStart}, the model task#{pins[0].Task} at {pins[0].Heap}";
            for (var id = m.First; id != m.Next; id = LocalId.Next(id))
            {
                var pinned = pins.Any(p => p.Task == id);
                if (stack.IsPinned(id) != pinned) return $"IsPinned(task#{id}) is {!pinned}, the model says {pinned}";
            }
            return null;
        }
    }

    private sealed class Begin(ScopeMode mode) : Step
    {
        public override ScopeModel Run(ScopeModel m) => m with { Scopes = m.Scopes.Add(new ModelScope(mode, [])) };

        protected override string? Do(IScopesUnderTest scopes, ScopeModel m)
        {
            scopes.Stack.Begin(mode);
            return null;
        }

        public override string ToString() => $"begin {mode.ToString().ToLowerInvariant()} scope";
    }

    /// <summary>A task with <c>length</c> heap elements of outputs (none: not pinned).</summary>
    private sealed class Task(int length) : Step
    {
        public override ScopeModel Run(ScopeModel m)
        {
            var scopes = length == 0 ? m.Scopes : m.Scopes.SetItem(m.Scopes.Count - 1, m.Scopes[^1] with { Pins = m.Scopes[^1].Pins.Add((m.Next, m.Heap)) });
            return m with { Scopes = scopes, Next = LocalId.Next(m.Next), Heap = m.Heap + length };
        }

        protected override string? Do(IScopesUnderTest scopes, ScopeModel m)
        {
            if (length > 0) scopes.Stack.Pin(LocalId.Add(m.Next, -1), m.Heap - length);
            return null;
        }

        public override string ToString() => length == 0 ? "task without outputs" : $"task with {length} output elements";
    }

    private sealed class End : Step
    {
        public override ScopeModel Run(ScopeModel m) => m.Scopes.Count == 1
            ? m with { LastFailed = true, LastUnpinned = [] }
            : m with { Scopes = m.Scopes.RemoveAt(m.Scopes.Count - 1), LastFailed = false, LastUnpinned = [.. m.Scopes[^1].Pins.Select(p => p.Task).Reverse()] };

        protected override string? Do(IScopesUnderTest scopes, ScopeModel m)
        {
            IReadOnlyList<int> unpinned;
            try
            {
                unpinned = scopes.End();
            }
            catch (RuntimeErrorException e)
            {
                return m.LastFailed && e.Message.Contains("EndScope without a matching BeginScope") ? null : $"EndScope failed: {e.Message}";
            }
            if (m.LastFailed) return "EndScope of the outer scope did not fail";
            return unpinned.SequenceEqual(m.LastUnpinned!) ? null : $"EndScope unpinned {List(unpinned)}, the model {List(m.LastUnpinned!)}";
        }

        public override string ToString() => "end scope";
    }

    private sealed class EndAll : Step
    {
        public override ScopeModel Run(ScopeModel m)
            => m with { Scopes = [new ModelScope(ScopeMode.Auto, [])], LastUnpinned = [.. m.AllPins.Select(p => p.Task).Reverse()] };

        protected override string? Do(IScopesUnderTest scopes, ScopeModel m)
        {
            var unpinned = scopes.EndAll();
            return unpinned.SequenceEqual(m.LastUnpinned!) ? null : $"the end of orchestration unpinned {List(unpinned)}, the model {List(m.LastUnpinned!)}";
        }

        public override string ToString() => "end of orchestration";
    }
}
