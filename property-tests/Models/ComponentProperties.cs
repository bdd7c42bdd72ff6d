using FsCheck;
using FsCheck.Experimental;
using FsCheck.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace Wireless.Properties;

/// <summary>
/// Property 3, the orchestrator's private components: the TensorMap's overlap lookup, the heap ring and the scope
/// stack each behave as their pure model under any sequence of operations. Teeth: a test-local mutant of each (no
/// seeded-bug variant touches them on their own) is caught and shrunk to the few steps that expose it.
/// </summary>
public sealed class ComponentProperties(ITestOutputHelper output)
{
    [Property(MaxTest = 200)]
    public Property The_TensorMap_finds_exactly_the_live_overlapping_writers()
        => new TensorMapMachine("TensorMap", TensorMapsUnderTest.Real).ToProperty();

    [Property(MaxTest = 200)]
    public Property The_heap_ring_places_blocks_as_its_model_and_never_straddles_the_end()
        => new HeapRingMachine("heap ring", HeapsUnderTest.Real).ToProperty();

    [Property(MaxTest = 200)]
    public Property The_scope_stack_pins_and_unpins_as_its_model()
        => new ScopeStackMachine("scope stack", ScopesUnderTest.Real).ToProperty();

    [Fact]
    public void A_TensorMap_that_looks_up_only_the_start_address_is_caught()
        => ExpectCaught<ITensorMapUnderTest, TensorMapModel>(new TensorMapMachine("TensorMap (start only)", TensorMapsUnderTest.StartOnly), maxSteps: 2);

    [Fact]
    public void A_heap_ring_that_ignores_the_wrap_is_caught()
        => ExpectCaught<IHeapUnderTest, HeapModel>(new HeapRingMachine("heap ring (ignores the wrap)", HeapsUnderTest.IgnoresWrap), maxSteps: 5);

    [Fact]
    public void A_scope_stack_that_forgets_to_unpin_the_newest_task_is_caught()
        => ExpectCaught<IScopesUnderTest, ScopeModel>(new ScopeStackMachine("scope stack (forgets newest pin)", ScopesUnderTest.ForgetsNewestPin), maxSteps: 3);

    private void ExpectCaught<TActual, TModel>(Machine<TActual, TModel> machine, int maxSteps)
    {
        var found = PropertyCheck.ExpectFailure(machine.ToProperty(), maxTest: 300, output);
        var run = Assert.IsType<MachineRun<TActual, TModel>>(found.Shrunk);
        Assert.True(run.Operations.Length <= maxSteps, $"the shrunk run has {run.Operations.Length} steps:{Environment.NewLine}{run}");
    }
}
