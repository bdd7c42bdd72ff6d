using System.CommandLine;
using Wireless.Cli;
using Wireless.Spec.Checking;
using Wireless.Spec.Configurations;

namespace Wireless.Spec.Cli;

/// <summary>
/// <c>variants</c>: the teeth. Checks every seeded-bug variant in the configuration that must catch it, prints the
/// property found and the shortest counterexample's length; exits 1 if a variant escapes or breaks another property.
/// </summary>
internal sealed class VariantsCommand : Command
{
    private readonly Option<bool> _show = new("--show")
    {
        Description = "Print every counterexample in full.",
    };

    public VariantsCommand() : base("variants", "Check that every seeded-bug variant of the model is caught, with its shortest counterexample.")
    {
        Options.Add(_show);
        SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var show = parseResult.GetValue(_show);
            var table = new TextTable(("variant", false), ("configuration", false), ("expected", false), ("found", false), ("steps", true),
                ("states", true), ("time", true));
            var escaped = 0;
            foreach (var entry in VariantCatalog.All)
            {
                var configuration = ConfigurationCatalog.Find(entry.Configuration)!;
                var result = Explorer.Check(configuration.Build(entry.Variant), entry.Name, new ExploreOptions());
                var counterexample = result.First;
                if (counterexample?.Property != entry.Property) escaped++;
                table.AddRow(entry.Name, entry.Configuration, entry.Property.ToString(), counterexample?.Property.ToString() ?? "nothing",
                    counterexample is null ? "-" : counterexample.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    CheckCommand.Num(result.States), CheckCommand.Seconds(result.Time));
                if (show && counterexample is not null)
                {
                    output.WriteLine($"== {entry.Name} in {entry.Configuration}");
                    output.WriteLine(counterexample.ToString());
                    output.WriteLine();
                }
            }
            table.Write(output, indent: "", rule: true);
            output.WriteLine(escaped == 0 ? "Every variant was caught, breaking the expected property." : $"{escaped} variant(s) escaped or broke another property.");
            return escaped == 0 ? ExitCodes.Ok : ExitCodes.Violation;
        });
    }
}
