using Wireless.Checking.MemoryModel;
using Wireless.Memory;

namespace Wireless.Checking.Litmus;

/// <summary>
/// Every outcome the memory model allows a litmus program, found exhaustively: every interleaving of its threads'
/// instructions and every choice of the model (which store a load reads, where a store goes in modification order),
/// run on <see cref="WeakMemory"/> directly (no Coyote, no threads), each run replaying a prefix of choices and taking
/// the first option after it (stateless depth-first search). The set is exact, not sampled, and deterministic.
/// </summary>
public static class LitmusEnumerator
{
    /// <summary>The outcomes over <paramref name="keys"/> (herd7's names), and how many runs it took.</summary>
    public static (HashSet<string> Outcomes, int Runs) Outcomes(LitmusProgram program, IReadOnlyList<string> keys)
    {
        var outcomes = new HashSet<string>();
        // The choices of the current run: the option taken and how many there were.
        var path = new List<(int Taken, int Options)>();
        var depth = 0;
        int Next(int options)
        {
            if (depth < path.Count)
            {
                if (path[depth].Options != options) throw new InvalidOperationException($"{program.Name}: a replayed run diverged");
                return path[depth++].Taken;
            }
            path.Add((0, options));
            depth++;
            return 0;
        }
        var model = new WeakMemory(Next);
        var runs = 0;
        while (true)
        {
            depth = 0;
            outcomes.Add(Run(program, model, keys, Next));
            runs++;
            while (path.Count > 0 && path[^1].Taken + 1 == path[^1].Options) path.RemoveAt(path.Count - 1);
            if (path.Count == 0) return (outcomes, runs);
            path[^1] = (path[^1].Taken + 1, path[^1].Options);
        }
    }

    /// <summary>One run; <paramref name="next"/> chooses among n &gt; 1 options (which thread runs next, too).</summary>
    private static string Run(LitmusProgram program, WeakMemory model, IReadOnlyList<string> keys, Func<int, int> next)
    {
        long step = 0;
        model.Reset(() => ++step, _ => null, id => id == 0 ? "main" : $"P{id - 1}");
        var main = new ModelThread(0, "main");
        main.Clock[0] = 1;
        var threads = program.Threads.Select((_, i) => WeakMemory.Fork(main, i + 1, $"P{i}")).ToArray();
        var memory = new long[program.Locations.Count];
        var registers = program.Threads.Select(_ => new Dictionary<string, long>()).ToArray();
        var pc = new int[threads.Length];
        var enabled = new List<int>(threads.Length);
        while (true)
        {
            enabled.Clear();
            for (var i = 0; i < threads.Length; i++)
                if (pc[i] < program.Threads[i].Count) enabled.Add(i);
            if (enabled.Count == 0) break;
            var p = enabled.Count == 1 ? enabled[0] : enabled[next(enabled.Count)];
            Execute(program.Threads[p][pc[p]++], threads[p], model, memory, registers[p]);
        }
        foreach (var t in threads) WeakMemory.Join(main, t);
        // Memory holds the newest store of each location: the last in modification order, herd7's final value.
        return program.Outcome(keys, (thread, register) => registers[thread][register], location => memory[location]);
    }

    private static void Execute(LitmusInstruction instruction, ModelThread t, WeakMemory model, long[] memory, Dictionary<string, long> registers)
    {
        var l = instruction.Location;
        // Any distinct addresses: the model only names locations by them.
        var address = (nint)(8 * (l + 1));
        switch (instruction.Operation)
        {
            case LitmusOperation.Load:
                registers[instruction.Register!] = model.Load(t, address, memory[l], instruction.Order).Read.Value;
                break;
            case LitmusOperation.Store:
                if (model.Store(t, address, memory[l], instruction.Value, instruction.Order)) memory[l] = instruction.Value;
                break;
            case LitmusOperation.FetchAdd:
            case LitmusOperation.Exchange:
                var (read, newest) = model.ReadForUpdate(t, address, memory[l], instruction.Order);
                var written = instruction.Operation == LitmusOperation.FetchAdd ? read.Value + instruction.Value : instruction.Value;
                model.Update(t, written);
                if (newest) memory[l] = written;
                registers[instruction.Register!] = read.Value;
                break;
            default:
                model.Fence(t, instruction.Order);
                break;
        }
    }
}
