using System.CommandLine;
using Wireless.Checking.Litmus;

namespace Wireless.Checking.Cli;

/// <summary>
/// <c>litmus</c>: runs every litmus test of a folder on the memory model (all interleavings and choices) and compares
/// its outcomes with the set herd7 derived under rc11-c++20.cat (<c>rc11-c++20.txt</c> there, from derive.sh), the
/// rules the model follows; or writes random tests into the folder (<c>--generate</c>). Exit 1 if any test differs.
/// </summary>
internal sealed class LitmusCommand : Command
{
    private readonly Argument<string> _folder = new("folder") { Description = "A folder of .litmus files with rc11.txt, rc11-c++20.txt and c++20.txt from derive.sh." };
    private readonly Option<int> _generate = new("--generate") { Description = "Write this many random litmus tests into the folder instead of checking it." };
    private readonly Option<int> _seed = new("--seed") { Description = "The series of random tests (with --generate).", DefaultValueFactory = _ => 1 };

    public LitmusCommand() : base("litmus", "Check the memory model against herd7's outcome sets of a folder of litmus tests (coyote-tests/litmus), or write random ones.")
    {
        Arguments.Add(_folder);
        Options.Add(_generate);
        Options.Add(_seed);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var folder = parseResult.GetValue(_folder)!;
        var count = parseResult.GetValue(_generate);
        if (count > 0)
        {
            Directory.CreateDirectory(folder);
            var seed = parseResult.GetValue(_seed);
            for (var i = 0; i < count; i++) File.WriteAllText(Path.Combine(folder, $"F{seed}_{i}.litmus"), LitmusGenerator.Generate(seed, i));
            output.WriteLine($"wrote {count} random litmus tests (seed {seed}) to {folder}");
            return ExitCodes.Ok;
        }
        IReadOnlyList<LitmusEntry> catalogue;
        try
        {
            catalogue = LitmusCatalogue.Load(folder);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        var differing = 0;
        foreach (var entry in catalogue)
        {
            var expected = entry.Rc11Cpp20;
            var (reached, runs) = LitmusEnumerator.Outcomes(entry.Program, expected.Keys);
            var missing = expected.Outcomes.Except(reached).Order().ToList();
            var extra = reached.Except(expected.Outcomes).Order().ToList();
            if (missing.Count + extra.Count == 0) continue;
            differing++;
            output.WriteLine($"{entry.Program.Name} ({runs} runs): the model misses [{string.Join(" | ", missing)}] and adds [{string.Join(" | ", extra)}]");
        }
        output.WriteLine($"{catalogue.Count - differing} of {catalogue.Count} litmus tests: the model's outcomes are exactly herd7's ({catalogue[0].Rc11Cpp20.HerdVersion} {catalogue[0].Rc11Cpp20.Model})");
        return differing == 0 ? ExitCodes.Ok : ExitCodes.Bug;
    }
}
