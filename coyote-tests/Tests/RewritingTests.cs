using System.Reflection;
using Microsoft.Coyote.Rewriting;
using Mono.Cecil;
using Mono.Cecil.Cil;
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

    /// <summary>
    /// The build's strip step (coyote-tests/StripCallSites) ran after the rewrite: no method registers its call site with
    /// Coyote any more, while the rewriter's other calls (the controlled SpinWait the bounded scheduler waits in) are there,
    /// so the scan does see what the rewriter put in.
    /// </summary>
    [Fact]
    public void The_rewritten_assemblies_register_no_call_sites()
    {
        foreach (var assembly in new[] { typeof(CheckedMemory).Assembly, typeof(WirelessRuntime<>).Assembly })
            Assert.Equal(0, CallsTo(assembly, "Microsoft.Coyote.Runtime.Operation", "RegisterCallSite"));
        Assert.NotEqual(0, CallsTo(typeof(CheckedMemory).Assembly, "Microsoft.Coyote.Rewriting.Types.Threading.SpinWait", "SpinUntil"));
    }

    private static int CallsTo(Assembly assembly, string type, string method)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
            .Count(i => i.OpCode == OpCodes.Call && i.Operand is MethodReference callee && callee.Name == method && callee.DeclaringType.FullName == type);
    }
}
