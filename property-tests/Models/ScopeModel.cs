using System.Collections.Immutable;
using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>An open scope of the model: its mode and the tasks it pinned (task, heap start), oldest first.</summary>
internal sealed record ModelScope(ScopeMode Mode, ImmutableList<(int Task, long Heap)> Pins);

/// <summary>
/// The pure model of the orchestrator's scopes (seed §2.1, §2.9): a stack whose bottom is the implicit outer scope. A
/// task with heap outputs is pinned by the innermost open scope; ending a scope unpins its tasks, newest first; ending
/// the outer scope is an error; the oldest pinned task of all open scopes bounds reclamation.
/// </summary>
internal sealed record ScopeModel(ImmutableList<ModelScope> Scopes, int First, int Next, long Heap,
    ImmutableList<int>? LastUnpinned = null, bool LastFailed = false)
{
    public IEnumerable<(int Task, long Heap)> AllPins => Scopes.SelectMany(s => s.Pins);

    public override string ToString()
        => string.Join(" | ", Scopes.Select((s, i) => $"{(i == 0 ? "outer" : s.Mode.ToString().ToLowerInvariant())} [{string.Join(",", s.Pins.Select(p => p.Task))}]"));
}
