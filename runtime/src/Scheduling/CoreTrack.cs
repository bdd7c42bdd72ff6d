namespace Wireless.Scheduling;

/// <summary>
/// A scheduler's private view of one owned core (the seed's <c>CoreExecState</c>): the depth-2 pipeline of a
/// running slot and a pending slot, each a dispatch sequence number, a task (local id) and a subtask part. The
/// pending slot is only filled once the core acknowledged the running task (so it has read its payload).
/// </summary>
internal struct CoreTrack
{
    public int Core;
    public Shape Kind;
    public int NextSequence;
    public int RunningSequence;
    public int RunningTask;
    public int RunningPart;
    public bool RunningAcked;
    public int PendingSequence;
    public int PendingTask;
    public int PendingPart;

    public readonly bool IsIdle => RunningSequence == 0;
    public readonly bool CanPreload => RunningSequence != 0 && RunningAcked && PendingSequence == 0;
}
