namespace Wireless.Spec.Gate;

/// <summary>Program counters of a launched thread in the gate model (runtime: <c>AffinityGate.Pass</c> and <c>Depart</c>).</summary>
internal enum GatePc : byte
{
    /// <summary>fetch_or the CPU's bit into the mask.</summary>
    Or,
    /// <summary>fetch_add the CPU's count: the thread's ticket among threads on the same CPU.</summary>
    Ticket,
    /// <summary>fetch_add <c>arrived</c>.</summary>
    Arrive,
    /// <summary>Wait until every launched thread arrived (acquire load).</summary>
    Wait,
    /// <summary>Load the mask: the CPUs above the thread's own.</summary>
    Mask,
    /// <summary>Load the count of the next higher CPU in <c>Higher</c> and add it to the rank.</summary>
    Count,
    /// <summary>fetch_add <c>departed</c>; the last one resets the gate.</summary>
    Depart,
    /// <summary>Reset: store the mask := 0.</summary>
    ResetMask,
    /// <summary>Reset: store the count of CPU entry <c>ResetIndex</c> := 0.</summary>
    ResetCpu,
    /// <summary>Reset: store <c>departed</c> := 0.</summary>
    ResetDeparted,
    /// <summary>Reset: store <c>arrived</c> := 0 (release).</summary>
    ResetArrived,
    /// <summary>Seed gate: fetch_or the (possibly truncated) bit.</summary>
    SeedOr,
    /// <summary>Seed gate: wait until the mask's popcount reaches the launched count, then decide.</summary>
    SeedWait,
    /// <summary>Done with the first launch: wait until every thread is (the launcher joins them all).</summary>
    Joined,
    /// <summary>Done with both launches.</summary>
    Finished,
}
