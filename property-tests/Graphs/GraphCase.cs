namespace Wireless.Properties;

/// <summary>
/// A generated test case: a valid task-graph program and the configuration to run it with. Printed as the
/// configuration, then one line per task, so a shrunk counterexample reads like a small program.
/// </summary>
public sealed record GraphCase(GraphSpec Graph, GraphConfig Config)
{
    /// <summary>A case whose graph is made valid for <paramref name="config"/> (see <see cref="GraphValidity"/>).</summary>
    public static GraphCase Make(GraphSpec graph, GraphConfig config) => new(GraphValidity.Normalize(graph, config), config);

    public GraphWorkload Workload() => new(Graph);

    public override string ToString()
        => $"{Config}; {Graph.Count} task{(Graph.Count == 1 ? "" : "s")}" + (Graph.Count == 0 ? "" : Environment.NewLine + Graph.Describe("  "));
}

/// <summary>A graph case explored under Coyote with a fixed seed, so the verdict is a function of the case.</summary>
public sealed record CoyoteCase(GraphCase Case, uint Seed)
{
    public override string ToString() => $"Coyote seed {Seed}; {Case}";
}
