using System.CommandLine;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Scenarios;
using Wireless.Cli;

namespace Wireless.Checking.Cli;

/// <summary><c>list</c>: the scenarios and the seeded-bug variants.</summary>
internal sealed class ListCommand : Command
{
    public ListCommand() : base("list", "List the exploration scenarios and the seeded-bug variants.")
    {
        SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Scenarios (explore <name> | random:<seed>:<tasks> | <dag.json> | all):");
            var scenarios = new TextTable(("name", false), ("checks", false), ("description", false));
            foreach (var s in ScenarioCatalog.All) scenarios.AddRow(s.Name, s.Properties, s.Description);
            scenarios.Write(output);
            output.WriteLine();
            output.WriteLine("Proof-sized scenarios, cores inline in their schedulers (explore <name> | proofs; for --strategy bounded --memory-model off):");
            var proofs = new TextTable(("name", false), ("checks", false), ("description", false));
            foreach (var s in ScenarioCatalog.Proofs) proofs.AddRow(s.Name, s.Properties, s.Description);
            proofs.Write(output);
            output.WriteLine();
            output.WriteLine("Seeded-bug variants (explore --variant <name>); kind: reported = flagged by the PR's reviewers,");
            output.WriteLine("design = found in the design by this project, runtime = found in this project's runtime by its tests,");
            output.WriteLine("mutant = breaks one property on purpose:");
            var variants = new TextTable(("name", false), ("kind", false), ("runtime", false), ("summary", false));
            foreach (var v in BugCatalog.All) variants.AddRow(v.Name, v.Kind, v.Runtime, v.Summary);
            foreach (var v in OrderingVariants.All) variants.AddRow(v.Name, "ordering", RuntimeKinds.Wireless, v.Summary);
            variants.Write(output);
            output.WriteLine("A variant of the wired runtime is explored with --runtime wired.");
            output.WriteLine("Ordering variants weaken one ordering of spec/SPEC.md §5 in the checked seam; they show only with --memory-model on.");
            output.WriteLine();
            output.WriteLine("Properties: S1 dispatched/completed exactly once, S2 never before its producers, S3 no premature");
            output.WriteLine("reclamation, S4 watermark monotone and sound, S5 output = sequential reference, L1 progress (liveness),");
            output.WriteLine("R1 no data race on plain accesses (memory model on), C1 every run is a run of the protocol model in spec/");
            output.WriteLine("(conformance on, memory model off),");
            output.WriteLine("G1-G4 the affinity gate (all pass, wanted survive with distinct exec indices, highest CPUs, resets). See spec/SPEC.md.");
            return ExitCodes.Ok;
        });
    }
}
