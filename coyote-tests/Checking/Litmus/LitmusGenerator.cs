using System.Text;

namespace Wireless.Checking.Litmus;

/// <summary>
/// Random litmus programs in herd7's C syntax, to compare the memory model with herd7 beyond the catalogue
/// (coyote-tests/litmus/fuzz.sh): two to four threads, up to eight instructions in all (three per thread), each a
/// load, store, fetch_add, exchange or fence of any order it admits, on two or three locations; every register and
/// every location's final value is observed. Stores write distinct values per location, so outcomes tell stores
/// apart. Seq_cst accesses and fences are drawn more often (what the model's order on them must get right).
/// </summary>
public static class LitmusGenerator
{
    private static readonly string[] LoadOrders = ["relaxed", "acquire", "seq_cst", "seq_cst"];
    private static readonly string[] StoreOrders = ["relaxed", "release", "seq_cst", "seq_cst"];
    private static readonly string[] RmwOrders = ["relaxed", "acquire", "release", "acq_rel", "seq_cst", "seq_cst"];
    private static readonly string[] FenceOrders = ["acquire", "release", "acq_rel", "seq_cst", "seq_cst", "seq_cst"];

    /// <summary>Program <paramref name="index"/> of the series <paramref name="seed"/>, named F<c>seed</c>_<c>index</c>.</summary>
    public static string Generate(int seed, int index)
    {
        // Deterministic per (seed, index, attempt); a draw with no access at all is drawn again.
        for (var attempt = 0; ; attempt++)
            if (Draw(seed, index, new Random(unchecked((seed * 1_000_003) + (index * 1_009) + attempt))) is { } text) return text;
    }

    private static string? Draw(int seed, int index, Random random)
    {
        var threads = random.Next(2, 5);
        var locations = random.Next(2) == 0 ? new[] { "x", "y" } : ["x", "y", "z"];
        var counts = Enumerable.Repeat(1, threads).ToArray();
        for (var extra = random.Next(1, (threads < 4 ? 8 : 7) - threads + 1); extra > 0; extra--)
        {
            var t = random.Next(threads);
            if (counts[t] < 3) counts[t]++;
        }
        var next = locations.ToDictionary(l => l, _ => 1);
        var observed = new List<string>();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        var bodies = new List<(SortedSet<string> Locations, List<string> Lines)>();
        for (var t = 0; t < threads; t++)
        {
            var mine = new SortedSet<string>(StringComparer.Ordinal);
            var lines = new List<string>();
            for (var i = 0; i < counts[t]; i++)
            {
                var l = locations[random.Next(locations.Length)];
                var register = $"r{observed.Count(o => o.StartsWith($"{t}:", StringComparison.Ordinal))}";
                // Loads and stores four times as often as fences, read-modify-writes least.
                switch (random.Next(23))
                {
                    case < 8:
                        lines.Add($"atomic_store_explicit({l}, {next[l]++}, memory_order_{Pick(random, StoreOrders)});");
                        break;
                    case < 16:
                        lines.Add($"int {register} = atomic_load_explicit({l}, memory_order_{Pick(random, LoadOrders)});");
                        observed.Add($"{t}:{register}");
                        break;
                    case < 19:
                        var add = random.Next(2) == 0;
                        lines.Add($"int {register} = atomic_{(add ? "fetch_add" : "exchange")}_explicit({l}, {(add ? 1 : next[l]++)}, memory_order_{Pick(random, RmwOrders)});");
                        observed.Add($"{t}:{register}");
                        break;
                    default:
                        lines.Add($"atomic_thread_fence(memory_order_{Pick(random, FenceOrders)});");
                        continue;
                }
                mine.Add(l);
                used.Add(l);
            }
            bodies.Add((mine, lines));
        }
        if (used.Count == 0) return null;
        var text = new StringBuilder($"C F{seed}_{index}\n\"random (LitmusGenerator, seed {seed})\"\n{{ }}\n");
        for (var t = 0; t < threads; t++)
        {
            var parameters = bodies[t].Locations.Count > 0 ? bodies[t].Locations : new SortedSet<string> { used.Min! };
            text.Append($"P{t}({string.Join(", ", parameters.Select(l => $"atomic_int* {l}"))}) {{\n");
            foreach (var line in bodies[t].Lines) text.Append($"  {line}\n");
            text.Append("}\n");
        }
        var keys = observed.Concat(used).ToList();
        text.Append($"locations [{string.Join(" ", keys.Select(k => k + ";"))}]\n");
        text.Append($"exists ({(observed.Count > 0 ? observed[0] : used.Min)}=0)\n");
        return text.ToString();
    }

    private static string Pick(Random random, string[] options) => options[random.Next(options.Length)];
}
