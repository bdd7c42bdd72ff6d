namespace Wireless.Orchestration;

/// <summary>
/// Finds a task's producers, as the seed's submit path does (§2.3), for both executors: explicit dependencies;
/// then, outside manual scopes, the owner of every non-OUTPUT heap tensor (a creator edge) and the TensorMap's last
/// writers of every IN and INOUT region (modifier edges); then TensorMap inserts for INOUT and OUTPUT_EXISTING.
/// </summary>
internal static class DependencyDiscovery
{
    /// <summary>
    /// Validates explicit dependencies of task <paramref name="self"/> (they must name earlier tasks of this run) and
    /// collects every producer into <paramref name="producers"/>.
    /// </summary>
    public static void Discover(
        TaskBuilder task, int self, int firstLocalId, ScopeMode mode, TensorMap map,
        bool filterRetired, int lastTaskAlive, ProducerSet producers)
    {
        producers.Clear();
        foreach (var dep in task.Deps)
        {
            if (dep.LocalId == self)
                throw new RuntimeErrorException($"{task.Describe()} depends on itself");
            if (!LocalId.Before(dep.LocalId, self) || LocalId.Before(dep.LocalId, firstLocalId))
                throw new RuntimeErrorException($"{task.Describe()} depends on {dep}, which is not an earlier task of this run");
            producers.Add(dep.LocalId, EdgeKind.Explicit, task);
        }
        if (mode == ScopeMode.Manual) return;

        var tensors = task.Tensors;
        var args = task.Args;
        for (var i = 0; i < args.Length; i++)
        {
            var dir = args[i].Direction;
            if (dir == ArgDirection.Out) continue;
            ref readonly var t = ref tensors[i];
            if (t.HasOwner) producers.Add(t.Owner, EdgeKind.Creator, task);
            if (dir is ArgDirection.In or ArgDirection.InOut)
                map.Lookup(t, removeCovered: dir == ArgDirection.InOut, filterRetired, lastTaskAlive, producers, task);
        }
    }

    /// <summary>True if the task writes a region the TensorMap must learn about.</summary>
    public static bool HasInserts(TaskBuilder task, ScopeMode mode)
    {
        if (mode == ScopeMode.Manual) return false;
        foreach (var arg in task.Args)
            if (arg.Direction is ArgDirection.InOut or ArgDirection.OutputExisting) return true;
        return false;
    }

    /// <summary>Inserts the task's INOUT and OUTPUT_EXISTING regions; false if the pool filled up.</summary>
    public static bool TryInsert(TaskBuilder task, int self, TensorMap map, ref int inserted)
    {
        var tensors = task.Tensors;
        var args = task.Args;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].Direction is not (ArgDirection.InOut or ArgDirection.OutputExisting)) continue;
            if (i < inserted) continue;
            if (!map.TryInsert(tensors[i], self)) return false;
            inserted = i + 1;
        }
        return true;
    }
}
