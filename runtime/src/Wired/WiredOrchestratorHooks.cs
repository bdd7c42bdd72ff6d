using Wireless.Memory;
using Wireless.Orchestration;

namespace Wireless.Wired;

/// <summary>The wired protocol's part of the orchestrator: claims, slot records, scope releases, ring advance.</summary>
internal readonly struct WiredOrchestratorHooks<TMem>(WiredProtocol<TMem> protocol) : IOrchestratorHooks
    where TMem : struct, ISharedMemory
{
    public bool Link(int producer, int self, int lastTaskAlive) => protocol.Claim(producer, self);
    public void Prepare(int slot, int self, bool pinned) => protocol.Prepare(slot, pinned);
    public void CompleteInline(int slot, int self, int index, bool pinned) => protocol.CompleteInline(slot, self, index);
    public void Unpin(int task) => protocol.ReleaseScope(task);
    public void Reclaim() => protocol.AdvanceRing();
    public bool ReclaimPending() => protocol.ReclaimPending();
}
