using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The model names its actions after the runtime's (spec/Model/SpecAction.cs keeps the names by hand, since the model
/// does not reference the runtime); this assembly sees both, so it checks the real enums, not a list.
/// </summary>
public sealed class VocabularyTests
{
    [Fact]
    public void Every_action_of_the_model_is_an_action_of_the_runtime()
        => Assert.Empty(Enum.GetNames<Spec.Model.SpecAction>().Except(Enum.GetNames<Memory.SpecAction>()));
}
