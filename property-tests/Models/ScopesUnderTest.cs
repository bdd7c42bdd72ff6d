using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>The scope stack as the model-based property drives it.</summary>
internal interface IScopesUnderTest : IUnderTest
{
    ScopeStack Stack { get; }
    /// <summary>Ends the innermost scope; returns the tasks it unpinned, in order.</summary>
    IReadOnlyList<int> End();
    IReadOnlyList<int> EndAll();
}

/// <summary>The runtime's <see cref="ScopeStack"/> behind <see cref="IScopesUnderTest"/>, and a test-local broken version.</summary>
internal static class ScopesUnderTest
{
    public static IScopesUnderTest Real() => new Adapter(forgetNewest: false);

    /// <summary>Mutant: ending a scope forgets to unpin its newest task (it would then never be reclaimed).</summary>
    public static IScopesUnderTest ForgetsNewestPin() => new Adapter(forgetNewest: true);

    private sealed class Adapter(bool forgetNewest) : IScopesUnderTest
    {
        public bool Broken { get; set; }
        public ScopeStack Stack { get; } = new();

        public IReadOnlyList<int> End()
        {
            var unpinned = new List<int>();
            Stack.End(unpinned.Add);
            return forgetNewest && unpinned.Count > 0 ? unpinned[1..] : unpinned;
        }

        public IReadOnlyList<int> EndAll()
        {
            var unpinned = new List<int>();
            Stack.EndAll(unpinned.Add);
            return unpinned;
        }
    }
}
