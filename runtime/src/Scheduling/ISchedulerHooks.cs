namespace Wireless.Scheduling;

/// <summary>
/// What a scheduler thread's loop asks of the readiness protocol it runs. Implemented by structs
/// (<see cref="WirelessSchedulerHooks{TMem}"/>, <c>WiredSchedulerHooks</c>) so the loop is compiled once per protocol
/// with direct, inlinable calls; each thread owns its hooks, so they also hold its protocol-private state.
/// </summary>
internal interface ISchedulerHooks
{
    /// <summary>Thread 0: take newly published tasks from the wiring queue. True if there was any.</summary>
    bool DrainWiring();

    /// <summary>
    /// Thread 0: route tasks that wait for producers (the wireless pending FIFO). True if any left the FIFO;
    /// <paramref name="visited"/> counts the tasks looked at; <paramref name="everyTask"/> is false when the poll budget
    /// left some unvisited (the next poll looks at others, so the loop has not settled).
    /// </summary>
    bool PollPending(out int visited, out bool everyTask);

    /// <summary>One subtask of a MIX task finished; true for the last one.</summary>
    bool FinishSubtask(int slot, int subtasks);

    /// <summary>The task's last subtask finished on this thread's core.</summary>
    void Complete(int localId);

    /// <summary>Work an idle iteration may do (the wired design's deferred releases). True if it did some.</summary>
    bool OnIdle();

    /// <summary>Adds the thread's protocol-private tasks (pending FIFO, wiring queue) to a stall report.</summary>
    void Describe(StallReport report);

    void Reset();
}
