using Microsoft.Coyote.Rewriting;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Seam;
using Xunit;

namespace Wireless.Checking.Tests;

[Collection(CoyoteCollection.Name)]
public sealed class RewritingTests
{
    [Fact]
    public void The_checked_assembly_and_the_runtime_are_rewritten_for_Coyote()
    {
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(CheckedMemory).Assembly), "Wireless.Checking.dll is not rewritten: the build's coyote rewrite step did not run");
        Assert.True(RewritingEngine.IsAssemblyRewritten(typeof(WirelessRuntime<>).Assembly), "Wireless.Runtime.dll in this output is not rewritten");
    }

    /// <summary>The memory model has no concurrency of its own; rewriting would only add a call-site callback to each of its methods.</summary>
    [Fact]
    public void The_memory_model_is_not_rewritten()
        => Assert.False(RewritingEngine.IsAssemblyRewritten(typeof(WeakMemory).Assembly), "Wireless.MemoryModel.dll is rewritten: remove it from rewrite.coyote.json");
}
