using FsCheck;
using FsCheck.Fluent;
using Wireless.Orchestration;
using Wireless.Verification;
using Xunit;
using Xunit.Abstractions;

namespace Wireless.Properties;

/// <summary>
/// The generators produce what the properties need: valid programs (the sequential reference accepts every one, and
/// every heap read in a manual scope depends on the buffer's owner, which keeps the buffer alive) with the advertised
/// ingredients, and shrinking keeps them valid.
/// </summary>
public sealed class GeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_generated_graph_is_a_valid_program_and_so_is_every_shrink_candidate()
    {
        var cases = Generators.RealThreadCases().Generator.Sample(300, new Rnd(1), 100);
        foreach (var c in cases)
        {
            AssertValid(c);
            foreach (var s in Generators.ShrinkCase(c).Take(20)) AssertValid(s);
        }
        output.WriteLine(cases[^1].ToString());
    }

    [Fact]
    public void Generated_graphs_cover_the_shapes_the_properties_are_about()
    {
        var graphs = Generators.RealThreadCases().Generator.Sample(300, new Rnd(2), 100);
        var tasks = graphs.SelectMany(c => c.Graph.Tasks.Select(t => (c, t))).ToList();
        Assert.Contains(tasks, x => !x.t.IsAlloc && x.t.Deps.Length == x.c.Config.MaxFanin);
        Assert.Contains(tasks, x => x.t.IsAlloc && x.t.Outputs.Length > 0);
        Assert.Contains(tasks, x => x.t.Inputs.Length > 0 && x.c.Graph.ModeOf(x.t.Scope) == ScopeMode.Manual);
        Assert.Contains(tasks, x => x.t.Inputs.Length > 0 && x.c.Graph.ModeOf(x.t.Scope) == ScopeMode.Auto);
        Assert.Contains(tasks, x => x.t.Args.Any(a => a.Direction == ArgDirection.OutputExisting));
        Assert.Contains(tasks, x => x.t.Shape == Shape.MIX);
        Assert.Contains(graphs, c => c.Config.Window == 2 && c.Graph.Count > 8);
        Assert.Contains(graphs, c => c.Config.FirstLocalId > int.MaxValue - 50);
        Assert.Contains(graphs, c => c.Config.FirstLocalId < 0);
        Assert.Contains(graphs, c => c.Graph.Tasks.Count(t => t.Args.Any(a => a.Tensor == "a")) > 3);
    }

    private static void AssertValid(GraphCase c)
    {
        foreach (var t in c.Graph.Tasks.Where(t => c.Graph.ModeOf(t.Scope) == ScopeMode.Manual))
            Assert.True(t.Inputs.All(h => t.Deps.Contains(h.Task)), $"a heap read in a manual scope lacks its owner as a dependency:{Environment.NewLine}{c}");
        var config = c.Config.ToRuntimeConfig(1000);
        try
        {
            new SequentialExecutor(config).Run(c.Workload());
        }
        catch (Exception e)
        {
            Assert.Fail($"the reference rejects a generated case: {e.Message}{Environment.NewLine}{c}");
        }
    }
}
