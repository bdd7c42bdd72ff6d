namespace Wireless.Checking.Litmus;

/// <summary>
/// The outcome set herd7 derived for one litmus test: the herd7 version and model (a .cat file) it came from, the
/// final-state keys herd7 observes (<c>1:r0</c>, <c>[x]</c>) and its outcomes as herd7 prints them.
/// </summary>
public sealed record HerdOutcomes(string HerdVersion, string Model, IReadOnlyList<string> Keys, IReadOnlySet<string> Outcomes);

/// <summary>
/// A litmus test of the catalogue with herd7's outcome sets under RC11 (<paramref name="Rc11"/>), under RC11 with
/// C++20's release sequences (<paramref name="Rc11Cpp20"/>, the rules of the checker's memory model), and under C++20
/// (<paramref name="Cpp20"/>: the same without RC11's no-thin-air axiom).
/// </summary>
public sealed record LitmusEntry(LitmusProgram Program, HerdOutcomes Rc11, HerdOutcomes Rc11Cpp20, HerdOutcomes Cpp20);

/// <summary>
/// The litmus catalogue (coyote-tests/litmus, copied next to the tests): the herd7 C sources (<c>*.litmus</c>) and
/// the outcome sets herd7 derived for them (<c>rc11.txt</c> from rc11.cat, <c>rc11-c++20.txt</c> from
/// rc11-c++20.cat, <c>c++20.txt</c> from c++20.cat; one line per test: name, herd7 version, model, outcomes joined by
/// " | "; derive.sh writes them).
/// </summary>
public static class LitmusCatalogue
{
    public static IReadOnlyList<LitmusEntry> Load(string directory)
    {
        var sets = new[] { "rc11.txt", "rc11-c++20.txt", "c++20.txt" }.Select(f => ReadOutcomes(Path.Combine(directory, f))).ToArray();
        return Directory.GetFiles(directory, "*.litmus").Order(StringComparer.Ordinal).Select(f =>
        {
            var program = LitmusProgram.Load(f);
            var recorded = sets.Select(s => s.GetValueOrDefault(program.Name)).ToArray();
            if (recorded.Any(r => r is null)) throw new InvalidDataException($"{program.Name} has no recorded outcomes: run derive.sh");
            return new LitmusEntry(program, recorded[0]!, recorded[1]!, recorded[2]!);
        }).ToList();
    }

    private static Dictionary<string, HerdOutcomes> ReadOutcomes(string path)
    {
        var sets = new Dictionary<string, HerdOutcomes>();
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length != 4) throw new InvalidDataException($"{path}: not name, version, model, outcomes: {line}");
            var outcomes = fields[3].Split(" | ");
            // "1:r0=0; [x]=2;" → 1:r0, [x]
            var keys = outcomes[0].Split(' ').Select(entry => entry[..entry.IndexOf('=')]).ToList();
            sets.Add(fields[0], new HerdOutcomes(fields[1], fields[2], keys, outcomes.ToHashSet()));
        }
        return sets;
    }
}
