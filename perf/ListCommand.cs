using Wireless.Cli;
using System.CommandLine;
using Wireless.Workloads;

namespace Wireless.Perf;

/// <summary><c>list</c>: the workloads <c>run</c> accepts and the seeded-bug variants <c>--variant</c> accepts.</summary>
internal sealed class ListCommand : Command
{
    public ListCommand()
        : base("list", "Lists the built-in workloads (with task counts), the other workload forms (random DAGs, JSON files) and the seeded-bug variants.")
    {
        SetAction(parseResult =>
        {
            Write(parseResult.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
    }

    private static void Write(TextWriter output)
    {
        output.WriteLine("Built-in workloads (run <name>):");
        var workloads = new TextTable(("name", false), ("tasks", true), ("description", false));
        foreach (var entry in WorkloadCatalog.Entries)
            workloads.AddRow(entry.Name, Format.Count(entry.Create().TaskCount), entry.Description);
        workloads.Write(output);

        output.WriteLine();
        output.WriteLine("Other workload forms:");
        var forms = new TextTable(("form", false), ("description", false));
        foreach (var (form, description) in WorkloadCatalog.Forms) forms.AddRow(form, description);
        forms.Write(output);

        output.WriteLine();
        output.WriteLine("Seeded-bug variants (--variant <name>[,<name>] with the --runtime they belong to; they run on FastMemoryWithBugs):");
        var variants = new TextTable(("name", false), ("kind", false), ("runtime", false), ("summary", false));
        foreach (var entry in BugCatalog.All) variants.AddRow(entry.Name, entry.Kind, entry.Runtime, entry.Summary);
        variants.Write(output);
    }
}
