using Wireless.Spec.Checking;

namespace Wireless.Spec.Conformance;

/// <summary>
/// Why an observed run is not a run of the model: the first observation the model cannot match (its position, 0-based,
/// and the label; null if the run ended where the model cannot complete), the model states the run could have been in
/// (how many, and a few of them printed), the observable actions the model would have allowed there, and the
/// violation the observed action would be in the model, if the model has that step but it breaks a property.
/// </summary>
public sealed record ConformanceFailure(
    int Index,
    Label? Observed,
    bool Inconclusive,
    int PossibleStates,
    IReadOnlyList<Label> Allowed,
    IReadOnlyList<string> Violations,
    IReadOnlyList<string> SampleStates)
{
    public override string ToString()
    {
        var lines = new List<string>();
        if (Inconclusive)
            lines.Add($"inconclusive at observation #{Index}: more than {PossibleStates:N0} model states between two observations");
        else if (Observed is { } label)
            lines.Add($"observation #{Index}, {label}, is not a step of the model in any of the {PossibleStates:N0} states the run can be in");
        else
            lines.Add($"the run ended after {Index} observations, but the model cannot complete from any of the {PossibleStates:N0} states the run can be in");
        foreach (var v in Violations) lines.Add($"  the model has that step only as a violation: {v}");
        lines.Add(Allowed.Count == 0
            ? "  the model allows no observable action there"
            : $"  the model allows: {string.Join("; ", Allowed)}");
        for (var i = 0; i < SampleStates.Count; i++)
        {
            lines.Add($"  possible state {i + 1}:");
            lines.Add(SampleStates[i]);
        }
        return string.Join('\n', lines);
    }
}
