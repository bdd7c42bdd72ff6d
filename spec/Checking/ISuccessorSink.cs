namespace Wireless.Spec.Checking;

/// <summary>Receives the transitions of one state from <see cref="ITransitionSystem.Expand"/>.</summary>
public interface ISuccessorSink
{
    /// <summary>A transition to the state <paramref name="next"/> (valid only during the call).</summary>
    void Add(in Step step, ReadOnlySpan<byte> next);

    /// <summary>A transition that violates <paramref name="property"/>; the model does not produce its target.</summary>
    void Violation(in Step step, Property property, string message);
}
