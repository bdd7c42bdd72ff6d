namespace Wireless.Spec.Checking;

/// <summary>The properties of spec/SPEC.md §3–§4 that the checker decides.</summary>
public enum Property : byte
{
    /// <summary>Each task is readied, dispatched and completed at most once (exactly once with L1).</summary>
    S1,
    /// <summary>No task is dispatched before every producer of its task completed.</summary>
    S2,
    /// <summary>No slot is reclaimed while its task or a consumer naming it is incomplete; no task names a reclaimed producer.</summary>
    S3,
    /// <summary>The watermark only grows and never covers an incomplete (or unallocated) task.</summary>
    S4,
    /// <summary>Every fair run completes: no deadlock, no fair cycle that avoids completion.</summary>
    L1,
    /// <summary>Gate: every launched thread gets through (no deadlock).</summary>
    G1,
    /// <summary>Gate: exactly <c>wanted</c> threads survive, with exec indices 0..wanted−1.</summary>
    G2,
    /// <summary>Gate: the survivors are the threads on the highest CPU ids.</summary>
    G3,
    /// <summary>Gate: the second launch is as right as the first (the gate resets itself).</summary>
    G4,
}

/// <summary>One-line statements of the properties, for reports.</summary>
public static class PropertyText
{
    public static string Of(Property property) => property switch
    {
        Property.S1 => "each task readied, dispatched, completed at most once",
        Property.S2 => "no task dispatched before its producers completed",
        Property.S3 => "no slot reclaimed under a consumer; no consumer names a reclaimed producer",
        Property.S4 => "watermark monotone, never covers an incomplete task",
        Property.L1 => "every fair run completes (no deadlock, no fair livelock)",
        Property.G1 => "every launched thread gets through the gate",
        Property.G2 => "exactly wanted threads survive, exec indices 0..wanted-1",
        Property.G3 => "the survivors are on the highest CPU ids",
        Property.G4 => "the second launch is as right as the first",
        _ => property.ToString(),
    };
}
