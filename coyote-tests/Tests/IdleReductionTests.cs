using Wireless.Checking.Exploration;
using Wireless.Checking.Monitors;
using Wireless.Checking.Scenarios;
using Wireless.Checking.Seam;
using Wireless.Memory;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// The idle-poll reduction (spec/SPEC.md §9): its premise holds on the runtime's real polling loops (verify mode), the
/// verify mode catches a loop that breaks it, and a thread blocked on a store nobody makes is a deadlock reported at
/// once, as L1.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed class IdleReductionTests
{
    public static TheoryData<string, bool> Cases()
    {
        var data = new TheoryData<string, bool>();
        foreach (var s in ScenarioCatalog.All)
        {
            data.Add(s.Name, false);
            data.Add(s.Name, true);
        }
        return data;
    }

    /// <summary>Threads that would block run on, and every step they take before a store wakes them is a stutter.</summary>
    [Theory(Timeout = 300_000)]
    [MemberData(nameof(Cases))]
    public async Task The_premise_holds_in_every_scenario(string scenario, bool memoryModel)
    {
        var outcome = await Task.Run(() => Explorer.Explore(ScenarioCatalog.Find(scenario)!, new ExploreOptions
        {
            Iterations = 6, Seconds = 0, Seed = 5, MemoryModel = memoryModel, Idle = IdleReduction.Verify, TraceFolder = Checks.TraceFolder,
        }));
        Assert.True(outcome.Bug is null, $"{scenario}: {outcome.Bug}\ntrace: {outcome.TracePath}");
        Assert.True(outcome.IdleBlocks > 0, $"{scenario}: no thread ever qualified for blocking, so the premise was not checked");
    }

    /// <summary>A loop whose fourth idle iteration reads a location the first three did not is not a stutter loop.</summary>
    [Fact(Timeout = 300_000)]
    public async Task Verify_mode_catches_a_loop_that_is_not_a_stutter()
    {
        var scenario = new Scenario("not-a-stutter", "a waiter whose idle iterations change what they read", null, ScenarioCatalog.Base,
            CustomBody: (_, map) => SpinThenReadElsewhere(map));
        var outcome = await Task.Run(() => Explorer.Explore(scenario, new ExploreOptions
        {
            Iterations = 200, Seconds = 0, Seed = 1, MemoryModel = false, Idle = IdleReduction.Verify, TraceFolder = Checks.TraceFolder,
        }));
        Assert.NotNull(outcome.Bug);
        Assert.StartsWith("[idle] the idle-poll reduction's premise failed", outcome.Bug);
    }

    /// <summary>A waiter for a store that never comes: with the reduction it is a deadlock found in the first iteration.</summary>
    [Fact(Timeout = 300_000)]
    public async Task A_wait_nobody_ends_is_a_deadlock_at_once()
    {
        var scenario = new Scenario("never-set", "a waiter for a flag nobody sets", null, ScenarioCatalog.Base,
            CustomBody: (_, map) => WaitForever(map));
        var outcome = await Task.Run(() => Explorer.Explore(scenario, new ExploreOptions
        {
            Iterations = 1, Seconds = 0, MemoryModel = true, TraceFolder = Checks.TraceFolder,
        }));
        Assert.NotNull(outcome.Bug);
        Assert.StartsWith("[L1] deadlock", outcome.Bug);
        Assert.Contains("waiter waits for a store to cells", outcome.Bug);
        Assert.True(outcome.MaxSteps < 20, $"the deadlock took {outcome.MaxSteps} steps to report");
    }

    private static void SpinThenReadElsewhere(MemoryMap map)
    {
        var cells = GC.AllocateArray<int>(2, pinned: true);
        map.Add("cells", cells);
        var waiter = CheckedMemory.StartThread("waiter", () =>
        {
            var spins = 0;
            while (CheckedMemory.Load(ref cells[0], MemoryOrder.Acquire, SpecAction.Idle) == 0)
            {
                if (++spins > 3) CheckedMemory.Load(ref cells[1], MemoryOrder.Relaxed, SpecAction.Idle);
                CheckedMemory.SpinHint(spins, SpecAction.Idle);
            }
        });
        var setter = CheckedMemory.StartThread("setter", () => CheckedMemory.Store(ref cells[0], 1, MemoryOrder.Release, SpecAction.Idle));
        waiter.Join();
        setter.Join();
    }

    private static void WaitForever(MemoryMap map)
    {
        var cells = GC.AllocateArray<int>(1, pinned: true);
        map.Add("cells", cells);
        var waiter = CheckedMemory.StartThread("waiter", () =>
        {
            var spins = 0;
            while (CheckedMemory.Load(ref cells[0], MemoryOrder.Acquire, SpecAction.Idle) == 0) CheckedMemory.SpinHint(++spins, SpecAction.Idle);
        });
        waiter.Join();
    }
}
