using Wireless.Checking.Scenarios;
using Wireless.Checking.Seam;

namespace Wireless.Checking.Exploration;

/// <summary>
/// A bug trace file: everything needed to re-run one buggy iteration exactly: the scenario (by name, or the DAG
/// itself for a JSON scenario), the seeded-bug variant, the memory model and conformance settings, the strategy and
/// seed it was found with, the bug message, the commit and runtime-source hash it was found on, and Coyote's
/// reproducible schedule.
/// </summary>
public sealed record BugTrace
{
    public const string CurrentFormat = "wireless-coyote-trace/1";

    public required string Format { get; init; }
    public required string Scenario { get; init; }
    /// <summary>For a JSON-file scenario: the DAG's text, so the trace replays without the file.</summary>
    public string? DagJson { get; init; }
    public required string Variant { get; init; }
    /// <summary>Whether the bug was found with the memory model on (replay must match).</summary>
    public bool MemoryModel { get; init; }
    /// <summary>The runtime the bug was found in (traces from before the wired baseline have none: wireless).</summary>
    public string Runtime { get; init; } = RuntimeKinds.Wireless;
    /// <summary>Whether the conformance check ran (replay must match; traces from before it existed have none).</summary>
    public bool Conformance { get; init; }
    /// <summary>The idle-poll reduction the bug was found with (replay must match; traces from before it have none: off).</summary>
    public IdleReduction IdleReduction { get; init; } = IdleReduction.Off;
    public required string Strategy { get; init; }
    public required uint Seed { get; init; }
    /// <summary>The liveness threshold the bug was found with (replay must use the same).</summary>
    public required uint LivenessThreshold { get; init; }
    public required string Bug { get; init; }
    public string? Source { get; init; }
    /// <summary>Coyote's own trace of the run (its choices), which replay feeds back to its engine; <c>{}</c> for the bounded strategy, which runs without it.</summary>
    public required string CoyoteTrace { get; init; }
    /// <summary>The bounded strategy's decisions (thread ids), which replay takes again; null for the sampling strategies.</summary>
    public int[]? Schedule { get; init; }
    /// <summary>Whether plain accesses had scheduling points (replay must match; older traces have none: off).</summary>
    public bool PlainPoints { get; init; }

    /// <summary>
    /// A digest of everything else in the file, written by <see cref="Save"/> and checked by <see cref="Load"/>, so that a
    /// trace whose content was edited or damaged is not replayed as if it were the recorded one (traces from before it
    /// have none).
    /// </summary>
    public string? Checksum { get; init; }

    public void Save(string path) => JsonFile.Save(path, this with { Checksum = Digest() });

    /// <summary>
    /// Reads a trace file; throws <see cref="InvalidDataException"/> with a clear message if it cannot, and
    /// <see cref="DamagedTraceException"/> if its content does not match its checksum.
    /// </summary>
    public static BugTrace Load(string path)
    {
        var trace = JsonFile.Load<BugTrace>(path, "bug trace", t => t.Format, CurrentFormat);
        if (trace.Checksum is { } recorded && recorded != trace.Digest())
            throw new DamagedTraceException($"'{path}' does not match its checksum: its content was edited or damaged after it was recorded, so it cannot be replayed as the recorded run");
        return trace;
    }

    private string Digest()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(JsonFile.Serialize(this with { Checksum = null }));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..16];
    }

    /// <summary>How many scheduling choices Coyote's trace records.</summary>
    public int RecordedChoices()
    {
        using var document = System.Text.Json.JsonDocument.Parse(CoyoteTrace);
        return document.RootElement.TryGetProperty("Steps", out var steps) ? steps.GetArrayLength() : 0;
    }


    /// <summary>The scenario this trace was found in.</summary>
    public Scenario ResolveScenario()
    {
        if (DagJson is not null) return ScenarioCatalog.FromJsonText(Scenario, DagJson);
        return ScenarioCatalog.Find(Scenario)
            ?? throw new InvalidDataException($"the trace names scenario '{Scenario}', which does not exist; known: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}");
    }
}
