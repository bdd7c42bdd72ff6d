using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// Every Coyote test runs in this one collection, one at a time: the testing engine and the iteration's check context
/// are process-wide.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CoyoteCollection
{
    public const string Name = "coyote";
}
