namespace Wireless.Verification;

/// <summary>Compares a run against the sequential reference.</summary>
public static class Verifier
{
    /// <summary>Null if the run matches the reference; otherwise the first difference, in words.</summary>
    public static string? Compare(ReferenceResult expected, ExecutionRecord record, ReadOnlySpan<int> finalGlobals)
    {
        var want = expected.Record;
        if (record.TaskCount != want.TaskCount)
            return $"the run recorded {record.TaskCount} tasks, the reference {want.TaskCount}";
        for (var i = 0; i < want.TaskCount; i++)
        {
            if (record.RunCounts[i] != want.RunCounts[i])
                return $"task #{i} ran {record.RunCounts[i]} times (expected {want.RunCounts[i]})";
        }
        for (var i = 0; i < want.TaskCount; i++)
        {
            if (record.Digests[i] != want.Digests[i])
                return $"task #{i} read different inputs than in the sequential reference (digest {record.Digests[i]:x16}, expected {want.Digests[i]:x16}): it ran before a producer finished or read a reused buffer";
        }
        for (var i = 0; i < finalGlobals.Length; i++)
        {
            if (finalGlobals[i] != expected.FinalGlobals[i])
                return $"global memory element {i} is {finalGlobals[i]}, expected {expected.FinalGlobals[i]}";
        }
        return null;
    }
}
