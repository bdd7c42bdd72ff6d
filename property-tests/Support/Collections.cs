using Xunit;

namespace Wireless.Properties;

/// <summary>
/// Properties that run Coyote: its testing engine and the checker's iteration context are process-wide, so these
/// run one at a time, and (as a non-parallel collection) after the parallel tests, never beside real threads.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoyoteCollection
{
    public const string Name = "coyote";
}

/// <summary>
/// Properties that start real threads (runtime runs, the gate): one at a time, so that spinning threads of two tests
/// do not starve each other on a small machine and a no-progress timeout means what it says.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealThreadCollection
{
    public const string Name = "real-threads";
}
