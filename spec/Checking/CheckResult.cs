namespace Wireless.Spec.Checking;

/// <summary>How a property fared in one check.</summary>
public enum VerdictKind : byte
{
    /// <summary>Holds on every reachable state (safety) or every fair run (liveness) of the configuration.</summary>
    Holds,
    /// <summary>Violated: a counterexample was found.</summary>
    Violated,
    /// <summary>Not decided: the exploration stopped at another property's violation first.</summary>
    NotDecided,
}

/// <summary>A property's verdict, with its counterexample if violated.</summary>
public sealed record Verdict(Property Property, VerdictKind Kind, Counterexample? Counterexample);

/// <summary>One step of a counterexample, as printed: "n. thread: Action text".</summary>
public sealed record CounterexampleStep(int Number, string Thread, Wireless.Spec.Model.SpecAction Action, string Text, Label Label)
{
    public override string ToString() => $"{Number,4}. {Thread}: {Action} {Text}";
}

/// <summary>
/// A shortest path from the initial state to a violation: the steps, the message, and for a liveness violation the
/// cycle that a fair run repeats forever (empty for a deadlock or a safety violation), and the last state.
/// </summary>
public sealed record Counterexample(
    Property Property,
    string Message,
    IReadOnlyList<CounterexampleStep> Steps,
    IReadOnlyList<CounterexampleStep> Cycle,
    string LastState)
{
    /// <summary>The number of steps (prefix plus cycle).</summary>
    public int Length => Steps.Count + Cycle.Count;

    public override string ToString()
    {
        var lines = new List<string>
        {
            Cycle.Count == 0
                ? $"Counterexample for {Property} ({Steps.Count} steps, shortest):"
                : $"Counterexample for {Property}: {Steps.Count} steps to a fair cycle of {Cycle.Count} steps repeated forever:",
        };
        lines.AddRange(Steps.Select(s => s.ToString()));
        if (Cycle.Count > 0)
        {
            lines.Add("  then forever:");
            lines.AddRange(Cycle.Select(s => s.ToString()));
        }
        lines.Add($"Violated: [{Property}] {Message}");
        lines.Add("State at the end:");
        lines.Add(LastState);
        return string.Join('\n', lines);
    }
}

/// <summary>
/// The outcome of exploring one configuration: states, transitions, the depth of the breadth-first search (the
/// longest shortest path), wall-clock and processor time (the process's, which is the search's when it runs alone),
/// memory held by the explored graph, whether the search was exhaustive, and each property's verdict.
/// </summary>
public sealed record CheckResult(
    string Configuration,
    string Variant,
    int States,
    long Transitions,
    int Depth,
    TimeSpan Time,
    TimeSpan Cpu,
    long Bytes,
    bool Exhaustive,
    IReadOnlyList<Verdict> Verdicts)
{
    /// <summary>The shortest counterexample found, if any.</summary>
    public Counterexample? First => Verdicts.Where(v => v.Counterexample is not null).Select(v => v.Counterexample!).MinBy(c => c.Length);

    /// <summary>True if no property was violated.</summary>
    public bool Passed => Verdicts.All(v => v.Kind != VerdictKind.Violated);
}
