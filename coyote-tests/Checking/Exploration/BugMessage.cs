namespace Wireless.Checking.Exploration;

/// <summary>Turns Coyote's bug reports into the specification's words.</summary>
public static class BugMessage
{
    /// <summary>
    /// Safety violations already read "[S2] ..."; Coyote's liveness report ("ProgressMonitor detected potential
    /// liveness bug in hot state 'Waiting'") becomes "[L1] ...", and a deadlock report "[L1] deadlock ..." naming
    /// what each blocked thread waits for.
    /// </summary>
    /// <param name="waits">
    /// For a deadlock: the threads the idle-poll reduction held blocked and the stores they wait for
    /// (<see cref="Seam.CheckRun.DescribeWaits"/>), or "".
    /// </param>
    public static string Normalize(string coyoteReport, uint livenessThreshold, string waits = "")
    {
        if (coyoteReport.Contains("liveness bug", StringComparison.Ordinal))
            return $"[L1] no progress: an execution ran {livenessThreshold} scheduling steps without any task, slot or "
                + "thread making progress (lost wake-up, lost reclamation, or threads spinning on a condition that never comes true)";
        // Coyote's own report ("Deadlock detected. ..."), not an exception whose message says "deadlock".
        if (!coyoteReport.StartsWith("Deadlock detected", StringComparison.Ordinal)
            && !coyoteReport.StartsWith("Potential deadlock detected", StringComparison.Ordinal)) return coyoteReport;
        if (waits.Length == 0) return $"[L1] deadlock: {coyoteReport}";
        return "[L1] deadlock: every thread waits for a store that no thread will make (a lost wake-up, a lost reclamation, "
            + $"or a gate that never opens): {waits}";
    }
}
