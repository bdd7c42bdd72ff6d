using Wireless.Spec.Configurations;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The model names its actions and variants after the runtime's (the model does not reference the runtime); this
/// assembly sees both, so it checks the real catalogues, not a list typed by hand.
/// </summary>
public sealed class VocabularyTests
{
    /// <summary>Runtime variants without a model variant, and why the model cannot have one.</summary>
    private static readonly Dictionary<string, string> NotInTheModel = new()
    {
        ["plain-last-consumer"] = "a data race: the model is sequentially consistent (the memory model catches it)",
        ["mix-hold-sentinel"] = "how the runtime encodes 'no MIX task held'; the model has no local ids to wrap",
        ["cursor-past-unmet"] = "the pending FIFO's watched-producers refinement, which the model's Classify abstracts",
        ["wired-split-release"] = "a defect of the wired baseline; the model is of the wireless protocol",
    };

    [Fact]
    public void Every_action_of_the_model_is_an_action_of_the_runtime()
        => Assert.Empty(Enum.GetNames<Spec.Model.SpecAction>().Except(Enum.GetNames<Memory.SpecAction>()));

    [Fact]
    public void Every_runtime_variant_has_a_model_variant_or_a_reason_it_cannot()
    {
        foreach (var variant in BugCatalog.All)
            Assert.True(VariantCatalog.Find(variant.Name) is not null || NotInTheModel.ContainsKey(variant.Name),
                $"the runtime variant {variant.Name} has no model variant in spec/Configurations/VariantCatalog.cs and no reason here");
        foreach (var name in NotInTheModel.Keys)
        {
            Assert.NotNull(BugCatalog.Find(name));
            Assert.Null(VariantCatalog.Find(name));
        }
    }

    [Fact]
    public void Every_model_variant_is_a_runtime_variant()
        => Assert.Empty(VariantCatalog.All.Select(v => v.Name).Except(BugCatalog.All.Select(v => v.Name)));
}
