namespace Wireless.Checking.Exploration;

/// <summary>
/// One event of the Chrome trace-event format (the JSON that Perfetto UI and chrome://tracing open): <see cref="Ph"/> is
/// its phase: "M" metadata (a track's name or order), "X" a complete slice (<see cref="Ts"/> and <see cref="Dur"/> in
/// microseconds), "i" an instant (<see cref="S"/>: its scope, "t" thread or "g" global), "s"/"f" the start and end of a
/// flow arrow between slices (paired by <see cref="Cat"/>, <see cref="Name"/> and <see cref="Id"/>; <see cref="Bp"/>
/// "e": the end binds to the slice enclosing it). Serialized camelCase with nulls left out.
/// </summary>
public sealed record ChromeTraceEvent(string Name, string Ph, int Pid, int Tid)
{
    public string? Cat { get; init; }
    public long? Ts { get; init; }
    public long? Dur { get; init; }
    public long? Id { get; init; }
    public string? Bp { get; init; }
    public string? S { get; init; }
    public IReadOnlyDictionary<string, object>? Args { get; init; }
}

/// <summary>A Chrome trace-event file: its events and free-form data about the trace (shown by the viewer).</summary>
public sealed record ChromeTraceFile(IReadOnlyList<ChromeTraceEvent> TraceEvents, IReadOnlyDictionary<string, string> OtherData);
