using System.Text.RegularExpressions;
using Wireless.Memory;

namespace Wireless.Checking.Litmus;

/// <summary>
/// A litmus test in herd7's C syntax (the subset the catalogue uses: atomic loads, stores, fetch_add, exchange and
/// fences with explicit memory orders on <c>atomic_int</c> locations that start at 0), parsed so that the memory
/// model can run it. <see cref="Outcome"/> prints a final state as herd7 does (<c>1:r0=1; [x]=2;</c>).
/// </summary>
public sealed partial class LitmusProgram
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>The shared locations, in order of first mention.</summary>
    public required IReadOnlyList<string> Locations { get; init; }
    /// <summary>Thread i is herd7's P<c>i</c>.</summary>
    public required IReadOnlyList<IReadOnlyList<LitmusInstruction>> Threads { get; init; }

    public static LitmusProgram Load(string path) => Parse(File.ReadAllText(path));

    public static LitmusProgram Parse(string text)
    {
        string? name = null, description = "";
        var locations = new List<string>();
        var threads = new List<IReadOnlyList<LitmusInstruction>>();
        List<LitmusInstruction>? thread = null;
        int LocationOf(string l)
        {
            var i = locations.IndexOf(l);
            if (i >= 0) return i;
            locations.Add(l);
            return locations.Count - 1;
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            Match m;
            if (line.Length == 0 || line == "{ }" || line.StartsWith("locations ", StringComparison.Ordinal) || line.StartsWith("exists ", StringComparison.Ordinal)) continue;
            if (name is null && (m = Header().Match(line)).Success) name = m.Groups[1].Value;
            else if (thread is null && (m = Quoted().Match(line)).Success) description = m.Groups[1].Value;
            else if ((m = ThreadStart().Match(line)).Success)
            {
                if (int.Parse(m.Groups[1].Value) != threads.Count) throw new FormatException($"{name}: threads must be P0, P1, ... in order: {line}");
                thread = [];
            }
            else if (line == "}" && thread is not null)
            {
                threads.Add(thread);
                thread = null;
            }
            else if (thread is not null && (m = Access().Match(line)).Success)
            {
                var operation = m.Groups["op"].Value switch
                {
                    "load" => LitmusOperation.Load,
                    "store" => LitmusOperation.Store,
                    "fetch_add" => LitmusOperation.FetchAdd,
                    _ => LitmusOperation.Exchange,
                };
                if ((operation == LitmusOperation.Store) == m.Groups["reg"].Success || (operation == LitmusOperation.Load) == m.Groups["value"].Success)
                    throw new FormatException($"{name}: a store assigns no register, a load takes no value, the others take both: {line}");
                var value = m.Groups["value"].Success ? long.Parse(m.Groups["value"].Value) : 0;
                thread.Add(new LitmusInstruction(operation, m.Groups["reg"].Success ? m.Groups["reg"].Value : null, LocationOf(m.Groups["loc"].Value), value, Order(m.Groups["order"].Value)));
            }
            else if (thread is not null && (m = FenceStatement().Match(line)).Success)
                thread.Add(new LitmusInstruction(LitmusOperation.Fence, null, -1, 0, Order(m.Groups[1].Value)));
            else throw new FormatException($"{name}: not in the catalogue's subset of herd7's C: {line}");
        }
        if (name is null || threads.Count == 0 || thread is not null) throw new FormatException($"{name}: no test, or a thread without its closing brace");
        return new LitmusProgram { Name = name, Description = description, Locations = locations, Threads = threads };
    }

    /// <summary>
    /// A final state restricted to <paramref name="keys"/> (herd7's names: <c>1:r0</c> for P1's register r0,
    /// <c>[x]</c> for x's final value), printed as herd7 prints it.
    /// </summary>
    public string Outcome(IReadOnlyList<string> keys, Func<int, string, long> register, Func<int, long> final)
        => string.Join(" ", keys.Select(k =>
        {
            if (k.StartsWith('[')) return $"{k}={final(LocationIndex(k[1..^1]))};";
            var colon = k.IndexOf(':');
            return $"{k}={register(int.Parse(k[..colon]), k[(colon + 1)..])};";
        }));

    private int LocationIndex(string name)
    {
        for (var i = 0; i < Locations.Count; i++)
            if (Locations[i] == name) return i;
        throw new ArgumentException($"{Name} has no location {name}");
    }

    private static MemoryOrder Order(string name) => name switch
    {
        "memory_order_relaxed" => MemoryOrder.Relaxed,
        "memory_order_acquire" => MemoryOrder.Acquire,
        "memory_order_release" => MemoryOrder.Release,
        "memory_order_acq_rel" => MemoryOrder.AcqRel,
        "memory_order_seq_cst" => MemoryOrder.SeqCst,
        _ => throw new FormatException($"unknown memory order {name}"),
    };

    [GeneratedRegex(@"^C\s+(\S+)$")]
    private static partial Regex Header();

    [GeneratedRegex("^\"(.*)\"$")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^P(\d+)\(.*\)\s*\{$")]
    private static partial Regex ThreadStart();

    [GeneratedRegex(@"^(?:int (?<reg>\w+) = )?atomic_(?<op>load|store|fetch_add|exchange)_explicit\((?<loc>\w+),(?: (?<value>-?\d+),)? (?<order>memory_order_\w+)\);$")]
    private static partial Regex Access();

    [GeneratedRegex(@"^atomic_thread_fence\((memory_order_\w+)\);$")]
    private static partial Regex FenceStatement();
}
