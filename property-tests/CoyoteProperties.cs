using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Coyote.Rewriting;
using Wireless.Checking.Exploration;
using Wireless.Checking.Scenarios;
using Wireless.Checking.Seam;
using Xunit;
using Xunit.Abstractions;

namespace Wireless.Properties;

/// <summary>
/// Property 2: the generated graphs explored under Coyote, the runtime's own code with every core a controlled
/// thread and the specification monitors on (S1 exactly once, S2 never early, S3 no premature reclamation, S4
/// watermark, S5 output, L1 progress). Each case carries its exploration seed, so the verdict is a deterministic
/// function of the case and a shrunk case fails for the same reason as the original.
/// Teeth: falsified, with a shrunk counterexample, against variants that real threads rarely or never expose.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class CoyoteProperties(ITestOutputHelper output) : IDisposable
{
    /// <summary>Iterations (interleavings) explored per case.</summary>
    public const int Iterations = 5;

    /// <summary>
    /// Where the explorer writes the trace of a bug. A generated graph is no scenario of the checker's command line,
    /// so its trace cannot be replayed there: a case replays through FsCheck (its seed) instead, and the traces go.
    /// </summary>
    private readonly string _traceFolder = Path.Combine(Path.GetTempPath(), "wireless-property-traces", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_traceFolder)) Directory.Delete(_traceFolder, recursive: true);
    }

    public Property MeetsTheSpecification(Bug variant, int iterations, int maxTasks)
        => Prop.ForAll(Generators.CoyoteCases(maxTasks), c => Verdict.Of(() => Check(c, variant, iterations, _traceFolder)));

    internal static void Check(CoyoteCase c, Bug variant, int iterations, string traceFolder)
    {
        var graph = c.Case;
        var scenario = new Scenario($"generated-{graph.Graph.Count}", graph.ToString(), graph.Workload, graph.Config.ToRuntimeConfig(0));
        var options = new ExploreOptions { Iterations = iterations, Seconds = 0, Seed = c.Seed, Variant = variant, TraceFolder = traceFolder };
        // On a thread-pool thread, as the checker's own tests do: no xunit synchronization context under Coyote.
        var outcome = Task.Run(() => Explorer.Explore(scenario, options)).GetAwaiter().GetResult();
        if (outcome.Bug is not null) throw new PropertyFailure($"Coyote (seed {c.Seed}, {outcome.Iterations} iterations): {outcome.Bug}");
    }

    [Fact]
    public void The_checker_and_the_runtime_in_this_output_are_rewritten_for_Coyote()
    {
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(CheckedMemory).Assembly), "Wireless.Checking.dll is not rewritten: the build's coyote rewrite step did not run");
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(WirelessRuntime<>).Assembly), "Wireless.Runtime.dll in this output is not rewritten");
        Assert.False(RewritingEngine.IsAssemblyRewritten(typeof(CoyoteProperties).Assembly), "the property tests themselves must not be rewritten");
    }

    [Property(MaxTest = 40)]
    public Property Any_graph_explored_under_Coyote_meets_the_specification()
    {
        The_checker_and_the_runtime_in_this_output_are_rewritten_for_Coyote();
        return MeetsTheSpecification(Bug.None, Iterations, maxTasks: 10);
    }

    /// <summary>
    /// Variants the exploration catches in generated graphs, and the property each violates. The watermark advanced
    /// by load and store loses an update only in a rare interleaving of two completers: real threads practically
    /// never show it, Coyote finds it in a few iterations of a three-task graph. Under the memory model (RC11) its
    /// relaxed store may also take a place in modification order before a newer watermark, so the lost advance shows
    /// as the stall it causes (L1) as often as a watermark moving backwards (S4): either is the variant caught.
    /// </summary>
    public static TheoryData<string, string> Variants => new()
    {
        { "plain-watermark", "[S4]|[L1]" },
        { "reclaim-ignores-consumer", "[S3]" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Is_falsified_with_a_small_counterexample_by(string variant, string violation)
    {
        The_checker_and_the_runtime_in_this_output_are_rewritten_for_Coyote();
        var found = PropertyCheck.ExpectFailure(MeetsTheSpecification(BugCatalog.Parse(variant), iterations: Iterations, maxTasks: 10), maxTest: 40, output);
        Assert.True(violation.Split('|').Any(found.Failure.Contains), $"expected {violation}, got: {found.Failure}");
        var shrunk = Assert.IsType<CoyoteCase>(found.Shrunk);
        Assert.True(shrunk.Case.Graph.Count <= 8, $"the shrunk counterexample has {shrunk.Case.Graph.Count} tasks:{Environment.NewLine}{shrunk}");
    }
}
