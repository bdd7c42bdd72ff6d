namespace Wireless.Checking.Exploration;

/// <summary>Turns Coyote's bug reports into the specification's words.</summary>
public static class BugMessage
{
    /// <summary>
    /// Safety violations already read "[S2] ..."; Coyote's liveness report ("ProgressMonitor detected potential
    /// liveness bug in hot state 'Waiting'") becomes "[L1] ...", and a deadlock report "[L1] deadlock ...".
    /// </summary>
    public static string Normalize(string coyoteReport, uint livenessThreshold)
    {
        if (coyoteReport.Contains("liveness bug", StringComparison.Ordinal))
            return $"[L1] no progress: an execution ran {livenessThreshold} scheduling steps without any task, slot or "
                + "thread making progress (lost wake-up, lost reclamation, or threads spinning on a condition that never comes true)";
        if (coyoteReport.Contains("Deadlock", StringComparison.OrdinalIgnoreCase))
            return $"[L1] deadlock: {coyoteReport}";
        return coyoteReport;
    }
}
