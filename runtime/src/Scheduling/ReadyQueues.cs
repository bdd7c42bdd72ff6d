using Wireless.Memory;
using Wireless.Ring;

namespace Wireless.Scheduling;

/// <summary>The ready queues, one per shape (AIC, AIV, MIX), and the push that routes a task by its shape.</summary>
internal sealed class ReadyQueues<TMem> where TMem : struct, ISharedMemory
{
    private static readonly Shape[] s_shapes = [Shape.AIC, Shape.AIV, Shape.MIX];

    private readonly ReadyQueue<TMem>[] _queues;
    private readonly TaskRing _ring;
    private readonly RunStatus<TMem> _status;

    public ReadyQueues(TaskRing ring, RunStatus<TMem> status)
    {
        _ring = ring;
        _status = status;
        _queues = new ReadyQueue<TMem>[s_shapes.Length];
        for (var s = 0; s < _queues.Length; s++) _queues[s] = new ReadyQueue<TMem>(ring.Window);
    }

    public ReadyQueue<TMem> this[Shape shape] => _queues[(int)shape];

    /// <summary>
    /// ReadyPush: puts a task whose producers all completed on its shape's ready queue. False if the queue overflowed
    /// (an invariant violation: the run is failed).
    /// </summary>
    public bool Push(int localId)
    {
        ref var d = ref _ring.Descriptor(_ring.SlotOf(localId));
        TMem.AccessBuffer(ref d, 1, write: false, SpecAction.ReadyPush);
        var shape = d.Shape;
        if (_queues[(int)shape].TryPush(localId)) return true;
        _status.Fail($"ready queue {shape} overflowed while pushing {_ring.NameOf(_ring.SlotOf(localId))}: more ready tasks than the window");
        return false;
    }

    public void Reset()
    {
        foreach (var q in _queues) q.Reset();
    }

    public void Register(MemoryMap map)
    {
        foreach (var shape in s_shapes) _queues[(int)shape].Register(map, $"ready_queue.{shape}");
    }

    /// <summary>Adds every queued task to a stall report.</summary>
    public void Describe(StallReport report)
    {
        foreach (var shape in s_shapes)
            foreach (var t in _queues[(int)shape].Snapshot()) report.InReadyQueue(t, shape);
    }
}
