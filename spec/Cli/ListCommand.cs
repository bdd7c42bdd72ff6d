using System.CommandLine;
using Wireless.Cli;
using Wireless.Spec.Checking;
using Wireless.Spec.Configurations;

namespace Wireless.Spec.Cli;

/// <summary><c>list</c>: the configurations and the seeded-bug variants.</summary>
internal sealed class ListCommand : Command
{
    public ListCommand() : base("list", "List the bounded configurations and the seeded-bug variants of the model.")
    {
        SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Configurations (check <name> | all; 'small' ones also run in dotnet test):");
            var configurations = new TextTable(("name", false), ("size", false), ("shape", false), ("description", false));
            foreach (var c in ConfigurationCatalog.All)
                configurations.AddRow(c.Name, c.Small ? "small" : "large", Shape(c), c.Description);
            configurations.Write(output, indent: "", rule: true);
            output.WriteLine();
            output.WriteLine("Seeded-bug variants (check <configuration> --variant <name>), with the configuration that catches each:");
            var variants = new TextTable(("name", false), ("kind", false), ("caught in", false), ("breaks", false), ("summary", false));
            foreach (var v in VariantCatalog.All) variants.AddRow(v.Name, v.Kind, v.Configuration, v.Property.ToString(), v.Summary);
            variants.Write(output, indent: "", rule: true);
            output.WriteLine();
            output.WriteLine("Properties:");
            foreach (var p in Enum.GetValues<Property>()) output.WriteLine($"  {p}  {PropertyText.Of(p)}");
            return ExitCodes.Ok;
        });
    }

    internal static string Shape(Configuration c)
        => c.Protocol is { } p
            ? $"{p.TaskCount} tasks, window {p.Window}, {p.Schedulers} schedulers x {p.CoresPerScheduler} core{(p.CoresPerScheduler > 1 ? "s" : "")}"
            : $"{c.Gate!.Launched} threads, {c.Gate.Wanted} wanted";
}
