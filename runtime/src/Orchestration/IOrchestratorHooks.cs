namespace Wireless.Orchestration;

/// <summary>
/// The readiness protocol's part of the orchestrator's submit path; the rest (allocation with back-pressure, dependency
/// discovery, descriptors, the TensorMap, scopes, publication) is shared. Implemented by structs so the orchestrator
/// is compiled once per protocol with direct calls.
/// </summary>
internal interface IOrchestratorHooks
{
    /// <summary>
    /// StampLastConsumer (wireless) or claim (wired): links task <paramref name="self"/> to its producer, unless the
    /// producer is gone. False if it is (it completed, so an ordering edge to it is satisfied).
    /// </summary>
    bool Link(int producer, int self, int lastTaskAlive);

    /// <summary>PrepareTask: the protocol's state of the slot for its new task, before the task is published.</summary>
    void Prepare(int slot, int self, bool pinned);

    /// <summary>AllocTensors: the task in <paramref name="slot"/> is complete at once.</summary>
    void CompleteInline(int slot, int self, int index, bool pinned);

    /// <summary>EndScope: releases the scope's pin on a task.</summary>
    void Unpin(int task);

    /// <summary>Reclaims what is reclaimable now (after a scope ended: no completion may come to do it).</summary>
    void Reclaim();

    /// <summary>Reclaims, then tells whether more could be reclaimed now.</summary>
    bool ReclaimPending();
}
