namespace Wireless.Orchestration;

/// <summary>
/// The orchestrator's open scopes and the tasks they pin (seed §2.1, §2.9). A task with heap outputs is pinned by
/// the scope it was submitted in: its buffers stay allocated until that scope ends, because the program may still
/// pass the tensor handles to later tasks. The implicit outer scope ends when orchestration ends.
/// </summary>
/// <remarks>
/// Orchestrator-private. Pinned tasks form a stack in submission order (scopes end innermost first), so the oldest
/// pinned task is at the bottom; it bounds how far reclamation can go, which makes scope deadlocks decidable here,
/// before waiting: a scope that spans a whole window or a whole heap can never make room.
/// </remarks>
internal sealed class ScopeStack
{
    private readonly List<(ScopeMode Mode, int FirstPinned)> _scopes = [];
    private readonly List<(int Task, long HeapStart)> _pinned = [];

    public ScopeStack() => Reset();

    public int Depth => _scopes.Count - 1;
    public ScopeMode Mode => _scopes[^1].Mode;
    public bool HasPinned => _pinned.Count > 0;
    public int OldestPinned => _pinned[0].Task;
    public long OldestPinnedHeapStart => _pinned[0].HeapStart;

    public void Reset()
    {
        _scopes.Clear();
        _pinned.Clear();
        _scopes.Add((ScopeMode.Auto, 0));
    }

    public void Begin(ScopeMode mode) => _scopes.Add((mode, _pinned.Count));

    /// <summary>Ends the innermost scope and hands its pinned tasks to <paramref name="unpin"/>.</summary>
    public void End(Action<int> unpin)
    {
        if (_scopes.Count == 1) throw new RuntimeErrorException("EndScope without a matching BeginScope");
        PopTo(_scopes[^1].FirstPinned, unpin);
        _scopes.RemoveAt(_scopes.Count - 1);
    }

    /// <summary>Ends every scope, the outer one included (end of orchestration).</summary>
    public void EndAll(Action<int> unpin)
    {
        PopTo(0, unpin);
        _scopes.RemoveRange(1, _scopes.Count - 1);
    }

    public void Pin(int task, long heapStart) => _pinned.Add((task, heapStart));

    /// <summary>True if <paramref name="task"/> is pinned by a scope that is still open.</summary>
    public bool IsPinned(int task)
    {
        int lo = 0, hi = _pinned.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var id = _pinned[mid].Task;
            if (id == task) return true;
            if (LocalId.Before(id, task)) lo = mid + 1;
            else hi = mid - 1;
        }
        return false;
    }

    private void PopTo(int count, Action<int> unpin)
    {
        for (var i = _pinned.Count - 1; i >= count; i--) unpin(_pinned[i].Task);
        _pinned.RemoveRange(count, _pinned.Count - count);
    }
}
