namespace Wireless.Spec.Model;

/// <summary>
/// One task of a model configuration: its producers in discovery order (explicit dependencies first, then per tensor
/// argument the creator and TensorMap edges, as the runtime's <c>DependencyDiscovery</c> finds them), whether it has
/// heap outputs (then its scope pins it), and whether it is an <c>alloc_tensors</c> task (complete at once).
/// </summary>
public sealed record TaskSpec(string Name, IReadOnlyList<Dependency> Producers, bool HasOutput, bool IsAlloc)
{
    /// <summary>True if the task reads a buffer of <paramref name="producer"/> (a creator edge).</summary>
    public bool Reads(int producer)
    {
        foreach (var d in Producers)
            if (d.Producer == producer && d.Kind == EdgeKind.Creator) return true;
        return false;
    }
}
