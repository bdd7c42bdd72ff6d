namespace Wireless.Orchestration;

/// <summary>
/// Checks of a submission that do not depend on timing, shared by both executors so that a bad program fails the
/// same way (and before anything runs, since the reference runs first).
/// </summary>
internal static class ProgramChecks
{
    /// <summary>Every heap tensor a task reads must come from a task whose scope is still open.</summary>
    public static void CheckHandlesInScope(TaskBuilder task, ScopeStack scopes)
    {
        foreach (var t in task.Tensors)
        {
            if (t.Space != MemorySpace.Heap || !t.HasOwner) continue;
            if (!scopes.IsPinned(t.Owner))
                throw new RuntimeErrorException(
                    $"{task.Describe()} uses a tensor of task#{t.Owner} after the scope that created it ended (its buffer may already be reclaimed)");
        }
    }

    /// <summary>Every global tensor lies inside global memory; every heap tensor was made by the runtime (has an owner).</summary>
    public static void CheckTensorBounds(TaskBuilder task, int globalElements)
    {
        var args = task.Args;
        var tensors = task.Tensors;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Direction == ArgDirection.Out) continue;
            var t = tensors[i];
            if (t.Space == MemorySpace.Global && (t.Start < 0 || t.Length < 0 || t.End > globalElements))
                throw new RuntimeErrorException($"{task.Describe()} uses global elements [{t.Start}, {t.End}), outside global memory ({globalElements} elements)");
            if (t.Space == MemorySpace.Heap && !t.HasOwner)
                throw new RuntimeErrorException($"{task.Describe()} uses a heap tensor that no task produced; heap tensors come from Out arguments or alloc_tensors");
        }
    }

    /// <summary>
    /// Names a submission in an error message: <paramref name="task"/>, or an <c>alloc_tensors</c> task for null.
    /// Called only to build an error (it allocates), so that a submission that passes its checks allocates nothing.
    /// </summary>
    public static string What(TaskBuilder? task) => task?.Describe() ?? "alloc_tensors";

    /// <summary>An output block must fit in the heap at all.</summary>
    public static void CheckBlockFits(long block, int heapCapacity, TaskBuilder? task)
    {
        if (block > heapCapacity)
            throw new RuntimeErrorException($"{What(task)} needs {block} heap elements for its outputs but the heap holds {heapCapacity}");
    }

    /// <summary>
    /// Scope deadlock (seed §2.9): reclamation is in order and cannot pass the oldest pinned task before its scope
    /// ends, so a new task more than a window after it, or a heap head more than the heap after its buffers, waits
    /// forever.
    /// </summary>
    public static void CheckScopeFits(ScopeStack scopes, int newTask, long newHeapHead, int window, int heapCapacity, TaskBuilder? task)
    {
        if (!scopes.HasPinned) return;
        var oldest = scopes.OldestPinned;
        if (LocalId.Distance(oldest, newTask) >= window)
            throw new RuntimeErrorException(
                $"scope deadlock: {What(task)} needs the slot of task#{oldest}, which an open scope pins; a scope may span at most the window ({window} tasks)");
        if (newHeapHead - scopes.OldestPinnedHeapStart > heapCapacity)
            throw new RuntimeErrorException(
                $"scope deadlock: {What(task)} needs heap that task#{oldest}'s open scope pins; the buffers allocated since it exceed the heap ({heapCapacity} elements)");
    }
}
