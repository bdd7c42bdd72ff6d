using Wireless.Orchestration;

namespace Wireless.Verification;

/// <summary>
/// A program check only the reference can make, because it needs the whole program: in a manual scope nothing is
/// discovered, so a task that reads a heap buffer is protected only by explicit dependencies. Slots are reclaimed in
/// order, each once the watermark passes its last consumer, so the owner's buffer stays alive until the watermark
/// passes the last consumer of the owner or of any earlier task: the <em>protection</em> of the owner. A read is safe
/// if the reader is at or below it, so that the reader has completed before the buffer can be reused. The seed's
/// paged attention with manual scopes relies on this: UP reads SF's outputs without depending on SF, and is protected
/// by the dependency of the block's last UP on the earlier <c>alloc_tensors</c> task. A read that is not protected
/// lets the runtime reuse the buffer under the reader, and its result differ from the reference's without any error
/// (BUGLOG, "Unprotected reads in manual scopes accepted").
/// </summary>
internal sealed class ManualScopeReads
{
    private readonly List<(int Reader, int Owner, string What)> _reads = [];

    public void Clear() => _reads.Clear();

    /// <summary>Notes the heap tensors task <paramref name="reader"/> (an index) reads in a manual scope.</summary>
    public void Record(TaskBuilder task, int reader, int firstLocalId)
    {
        var tensors = task.Tensors;
        var args = task.Args;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Direction is not (ArgDirection.In or ArgDirection.InOut) || !tensors[i].HasOwner) continue;
            _reads.Add((reader, LocalId.Distance(firstLocalId, tensors[i].Owner), task.Describe()));
        }
    }

    /// <summary>Throws if a recorded read is past its owner's protection (see the type's remarks).</summary>
    public void Check(ProgramStructure structure)
    {
        if (_reads.Count == 0) return;
        var protection = new int[structure.TaskCount];
        for (var task = 0; task < structure.TaskCount; task++) protection[task] = task;
        for (var consumer = 0; consumer < structure.TaskCount; consumer++)
            foreach (var producer in structure.Producers[consumer] ?? [])
                protection[producer] = Math.Max(protection[producer], consumer);
        for (var task = 1; task < structure.TaskCount; task++)
            protection[task] = Math.Max(protection[task], protection[task - 1]);
        foreach (var (reader, owner, what) in _reads)
        {
            if (protection[owner] >= reader) continue;
            throw new RuntimeErrorException(
                $"{what} (#{reader}) reads a heap buffer of task #{owner} in a manual scope, but the last consumer of #{owner} "
                + $"or of any earlier task is #{protection[owner]}: the buffer can be reclaimed while #{reader} reads it "
                + $"(add a dependency on #{owner})");
        }
    }
}
