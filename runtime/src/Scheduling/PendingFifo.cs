namespace Wireless.Scheduling;

/// <summary>
/// Scheduler thread 0's private circular FIFO of tasks with two or more unmet fanins, re-polled every loop
/// iteration (the seed moved it out of the slot in <c>4eaaf840c</c>). Sized to the window, which bounds the tasks in
/// flight, so it cannot overflow. Thread-private: no field needs ordering.
/// </summary>
internal sealed class PendingFifo(int capacity)
{
    private readonly int[] _items = new int[capacity];
    private readonly int _mask = capacity - 1;
    private int _head;
    private int _tail;

    public int Count => _tail - _head;

    public void Reset() => _head = _tail = 0;

    public void Push(int localId)
    {
        if (Count == _items.Length) throw new InvalidOperationException("pending FIFO overflow: more tasks in flight than the window");
        _items[_tail++ & _mask] = localId;
    }

    public int Pop() => _items[_head++ & _mask];

    public IEnumerable<int> Snapshot()
    {
        for (var i = _head; i != _tail; i++) yield return _items[i & _mask];
    }
}
