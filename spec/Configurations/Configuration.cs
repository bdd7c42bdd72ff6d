using Wireless.Spec.Checking;
using Wireless.Spec.Gate;
using Wireless.Spec.Model;

namespace Wireless.Spec.Configurations;

/// <summary>
/// A named bounded configuration the <c>check</c> command explores: either a protocol configuration
/// (<see cref="Protocol"/>) or a gate configuration (<see cref="Gate"/>). Small ones run in <c>dotnet test</c>;
/// large ones only from the command.
/// </summary>
public sealed record Configuration(string Name, string Description, bool Small, ModelConfig? Protocol, GateConfig? Gate)
{
    /// <summary>True for a gate configuration, whose variants are the gate's.</summary>
    public bool IsGate => Gate is not null;

    /// <summary>The transition system of this configuration with seeded bug <paramref name="variant"/>.</summary>
    public ITransitionSystem Build(ModelVariant variant)
        => Protocol is { } p ? new WirelessModel(p with { Variant = variant }) : new GateModel(Gate! with { Variant = variant });
}
