namespace Wireless.Scheduling;

/// <summary>
/// Scheduler thread 0's private circular FIFO of tasks with two or more unmet fanins, re-polled every loop
/// iteration. Sized to the window, which bounds the tasks in
/// flight, so it cannot overflow. Thread-private: no field needs ordering.
/// </summary>
/// <remarks>
/// Each entry remembers what its last classification learned (<see cref="PendingTask"/>), so a re-poll of a task
/// whose two watched producers are both still running reads two flags instead of the task's descriptor and every
/// fanin flag (see <see cref="WirelessProtocol{TMem}.Classify"/>).
/// </remarks>
internal sealed class PendingFifo(int capacity)
{
    private readonly PendingTask[] _items = new PendingTask[capacity];
    private readonly int _mask = capacity - 1;
    private int _head;
    private int _tail;

    public int Count => _tail - _head;

    public void Reset() => _head = _tail = 0;

    /// <summary>Appends a task not classified yet (fresh from the wiring queue).</summary>
    public void Push(int localId) => Push(PendingTask.Unclassified(localId));

    /// <summary>Appends a task with what its classification learned.</summary>
    public void Push(in PendingTask task)
    {
        if (Count == _items.Length) throw new InvalidOperationException("pending FIFO overflow: more tasks in flight than the window");
        _items[_tail++ & _mask] = task;
    }

    public PendingTask Pop() => _items[_head++ & _mask];

    public IEnumerable<int> Snapshot()
    {
        for (var i = _head; i != _tail; i++) yield return _items[i & _mask].Task;
    }
}

/// <summary>
/// A pending FIFO entry: a task and, once classified with two or more unmet fanins, where its first two unmet fanins
/// were. Completion flags are monotonic while a consumer is live (seed invariant 1), so every fanin before
/// <see cref="FirstUnmet"/> stays met and, while both watched producers are unmet, the task still has two or more.
/// </summary>
internal readonly record struct PendingTask(int Task, int FirstUnmet, int WatchA, int WatchB)
{
    public static PendingTask Unclassified(int localId) => new(localId, -1, 0, 0);

    /// <summary>Whether a classification found two unmet fanins: <see cref="WatchA"/> and <see cref="WatchB"/>.</summary>
    public bool Watches => FirstUnmet >= 0;
}
