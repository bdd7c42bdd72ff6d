using Wireless.Spec.Checking;
using Wireless.Spec.Configurations;

namespace Wireless.Spec.Tests;

/// <summary>
/// Teeth: every seeded-bug variant is found in its configuration, breaking the property it breaks, with a shortest
/// counterexample. (That every variant of the runtime has its model variant is checked where both catalogues are
/// visible: coyote-tests' VocabularyTests.)
/// </summary>
public sealed class VariantTests
{
    public static TheoryData<string> Variants => [.. VariantCatalog.All.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Is_caught_with_a_counterexample(string name)
    {
        var entry = VariantCatalog.Find(name)!;
        var result = Explorer.Check(ConfigurationCatalog.Find(entry.Configuration)!.Build(entry.Variant), name, new ExploreOptions());
        var counterexample = result.First;
        Assert.NotNull(counterexample);
        Assert.Equal(entry.Property, counterexample.Property);
        Assert.Equal(Enumerable.Range(1, counterexample.Length), counterexample.Steps.Concat(counterexample.Cycle).Select(s => s.Number));
    }

    /// <summary>So <see cref="ModelTests"/> shows, in <c>dotnet test</c>, that the correct protocol passes where each variant fails.</summary>
    [Fact]
    public void Every_variant_is_caught_in_a_small_configuration()
        => Assert.All(VariantCatalog.All, v => Assert.True(ConfigurationCatalog.Find(v.Configuration)!.Small, v.Name));
}
