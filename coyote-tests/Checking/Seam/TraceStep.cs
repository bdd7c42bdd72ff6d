using Wireless.Memory;

namespace Wireless.Checking.Seam;

/// <summary>
/// One step of a recorded interleaving: a shared access or a protocol event, by one runtime thread or core. An access
/// that read its location names the step of the store it read (<see cref="ReadFrom"/>): null for the initial value, an
/// event or a plain write.
/// </summary>
public sealed record TraceStep(
    long Number,
    string Thread,
    SpecAction? Action,
    string What,
    string Location,
    string Value,
    long? ReadFrom = null)
{
    public override string ToString()
        => $"{Number,5}  {Thread,-9} {(Action?.ToString() ?? ""),-17} {What,-20} {Location,-34} {Value}";
}
