using System.CommandLine;
using System.Globalization;
using Wireless.Cli;
using Wireless.Spec.Checking;
using Wireless.Spec.Configurations;
using Wireless.Spec.Model;

namespace Wireless.Spec.Cli;

/// <summary>
/// <c>check</c>: explores every interleaving of one configuration (or all), prints states, transitions, depth, time
/// and each property's verdict, or the shortest counterexample; exits 1 on a violation.
/// </summary>
internal sealed class CheckCommand : Command
{
    private readonly Argument<string> _target = new("configuration")
    {
        Description = "A configuration name (see 'list'), or 'all'.",
        DefaultValueFactory = _ => "all",
    };

    private readonly Option<string> _variant = new("--variant")
    {
        Description = "A seeded-bug variant of the model (see 'list'), or 'none' for the protocol as specified. With 'all', "
                      + "every configuration of the variant's kind (protocol or gate) is checked.",
        DefaultValueFactory = _ => "none",
    };

    private readonly Option<bool> _full = new("--full")
    {
        Description = "Explore everything even after a violation, to give every property a verdict (default: stop at the first). "
                      + "A violating step is not taken, so the other verdicts are about the runs that avoid it.",
    };

    private readonly Option<int> _maxStates = new("--max-states")
    {
        Description = "Give up (exit 2) on a configuration with more states than this, instead of running out of memory.",
        DefaultValueFactory = _ => new ExploreOptions().MaxStates,
    };

    public CheckCommand() : base("check", "Explore every interleaving of bounded configurations of the model and decide its properties.")
    {
        Arguments.Add(_target);
        Options.Add(_variant);
        Options.Add(_full);
        Options.Add(_maxStates);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var target = parseResult.GetValue(_target)!;
        var variantName = parseResult.GetValue(_variant)!;
        var maxStates = parseResult.GetValue(_maxStates);
        ModelVariant variant;
        if (variantName == "none") variant = ModelVariant.None;
        else if (VariantCatalog.Find(variantName) is { } entry) variant = entry.Variant;
        else
        {
            error.WriteLine($"error: unknown variant '{variantName}'; known: none, {string.Join(", ", VariantCatalog.All.Select(e => e.Name))}");
            return ExitCodes.BadInput;
        }
        if (maxStates < 1)
        {
            error.WriteLine("error: --max-states must be positive");
            return ExitCodes.BadInput;
        }

        List<Configuration> configurations;
        if (target == "all")
        {
            configurations = [.. ConfigurationCatalog.All.Where(c => variant == ModelVariant.None || c.IsGate == VariantCatalog.IsGateVariant(variant))];
        }
        else if (ConfigurationCatalog.Find(target) is { } found)
        {
            if (variant != ModelVariant.None && found.IsGate != VariantCatalog.IsGateVariant(variant))
            {
                error.WriteLine($"error: variant '{variantName}' is a variant of the {(found.IsGate ? "protocol" : "gate")} model; '{target}' is a {(found.IsGate ? "gate" : "protocol")} configuration");
                return ExitCodes.BadInput;
            }
            configurations = [found];
        }
        else
        {
            error.WriteLine($"error: unknown configuration '{target}'; known: all, {string.Join(", ", ConfigurationCatalog.All.Select(c => c.Name))}");
            return ExitCodes.BadInput;
        }

        var options = new ExploreOptions { StopAtFirstViolation = !parseResult.GetValue(_full), MaxStates = maxStates, Progress = output };
        output.WriteLine($"Model checking {configurations.Count} configuration(s), variant {variantName}; exhaustive breadth-first search, sequentially consistent memory.");
        var results = new List<CheckResult>();
        foreach (var configuration in configurations)
        {
            output.WriteLine();
            output.WriteLine($"{configuration.Name}: {configuration.Description} ({ListCommand.Shape(configuration)})");
            var result = Explorer.Check(configuration.Build(variant), variantName, options);
            results.Add(result);
            Report(output, result);
        }
        if (results.Count > 1) Summary(output, results);
        if (results.Any(r => !r.Exhaustive && r.Passed))
        {
            error.WriteLine($"error: a configuration has more than {maxStates:N0} states; nothing was decided for it");
            return ExitCodes.BadInput;
        }
        return results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.Violation;
    }

    internal static void Report(TextWriter output, CheckResult r)
    {
        output.WriteLine($"  {Num(r.States)} states, {Num(r.Transitions)} transitions, depth {r.Depth}, {Seconds(r.Time)} ({Seconds(r.Cpu)} CPU), {r.Bytes >> 20:N0} MiB{(r.Exhaustive ? "" : " (stopped early)")}");
        foreach (var v in r.Verdicts)
        {
            var verdict = v.Kind switch
            {
                VerdictKind.Holds => "holds",
                VerdictKind.Violated => $"VIOLATED ({v.Counterexample!.Length} steps)",
                _ => "not decided (stopped at a violation)",
            };
            output.WriteLine($"  {v.Property}  {verdict,-28} {PropertyText.Of(v.Property)}");
        }
        if (r.First is { } counterexample)
        {
            output.WriteLine();
            output.WriteLine(counterexample.ToString());
        }
    }

    private static void Summary(TextWriter output, List<CheckResult> results)
    {
        output.WriteLine();
        var properties = results.SelectMany(r => r.Verdicts.Select(v => v.Property)).Distinct().Order().ToArray();
        var columns = new List<(string, bool)> { ("configuration", false), ("states", true), ("transitions", true), ("depth", true), ("time", true), ("CPU", true) };
        columns.AddRange(properties.Select(p => (p.ToString(), false)));
        var table = new TextTable([.. columns]);
        foreach (var r in results)
        {
            var cells = new List<string> { r.Configuration, Num(r.States), Num(r.Transitions), r.Depth.ToString(CultureInfo.InvariantCulture), Seconds(r.Time), Seconds(r.Cpu) };
            cells.AddRange(properties.Select(p => r.Verdicts.FirstOrDefault(v => v.Property == p) is { } v
                ? v.Kind switch { VerdictKind.Holds => "holds", VerdictKind.Violated => "VIOLATED", _ => "-" }
                : ""));
            table.AddRow([.. cells]);
        }
        table.Write(output, indent: "", rule: true);
        var violated = results.Count(r => !r.Passed);
        output.WriteLine(violated == 0 ? "Every property holds in every configuration." : $"{violated} configuration(s) violate a property.");
    }

    internal static string Num(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "F2" : "F0", CultureInfo.InvariantCulture) + " s";
}
