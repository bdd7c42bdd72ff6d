using Wireless.Spec.Checking;

namespace Wireless.Spec.Tests;

/// <summary>The explicit-state checker on tiny systems whose answers are known: deadlock, fair and unfair cycles, shortest paths.</summary>
public sealed class CheckerTests
{
    private static readonly ExploreOptions Options = new();

    private static Verdict Liveness(CheckResult r) => r.Verdicts.Single(v => v.Property == Property.L1);

    [Fact]
    public void Two_threads_waiting_for_each_other_deadlock_at_once()
    {
        var system = new ToySystem(2, [s => s[1] == 1 ? s : null, s => s[0] == 1 ? s : null], _ => false);
        var verdict = Liveness(Explorer.Check(system, "none", Options));
        Assert.Equal(VerdictKind.Violated, verdict.Kind);
        Assert.Empty(verdict.Counterexample!.Steps);
        Assert.StartsWith("deadlock", verdict.Counterexample.Message, StringComparison.Ordinal);
    }

    /// <summary>Thread 0 spins (toggling a bit) until thread 1 sets done; thread 1 steps once.</summary>
    private static ToySystem SpinUntilDone(bool fair) => new(2,
        [
            s => s[1] == 1 ? null : Set(s, 0, (byte)(1 - s[0])),
            s => s[1] == 1 ? null : Set(s, 1, 1),
        ],
        s => s[1] == 1, fair);

    [Fact]
    public void A_spinning_thread_does_not_livelock_a_fair_run()
    {
        var result = Explorer.Check(SpinUntilDone(fair: true), "none", Options);
        Assert.True(result.Exhaustive);
        Assert.Equal(VerdictKind.Holds, Liveness(result).Kind);
        Assert.Equal(4, result.States);
    }

    [Fact]
    public void Without_fairness_the_same_spin_is_a_livelock()
    {
        var verdict = Liveness(Explorer.Check(SpinUntilDone(fair: false), "none", Options));
        Assert.Equal(VerdictKind.Violated, verdict.Kind);
        Assert.NotEmpty(verdict.Counterexample!.Cycle);
        Assert.StartsWith("livelock", verdict.Counterexample.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_threads_spinning_forever_are_a_fair_livelock_printed_as_a_lasso()
    {
        // Thread 0 counts 0 -> 1 -> 2 and then spins on bit 1 with thread 1; nothing ever completes.
        var system = new ToySystem(2,
            [
                s => s[0] < 2 ? Set(s, 0, (byte)(s[0] + 1)) : Set(s, 1, (byte)(1 - s[1])),
                s => s[0] == 2 ? Set(s, 1, (byte)(1 - s[1])) : null,
            ],
            _ => false);
        var verdict = Liveness(Explorer.Check(system, "none", Options));
        Assert.Equal(VerdictKind.Violated, verdict.Kind);
        Assert.Equal(2, verdict.Counterexample!.Steps.Count);
        Assert.Contains(verdict.Counterexample.Cycle, s => s.Thread == "t0");
        Assert.Contains(verdict.Counterexample.Cycle, s => s.Thread == "t1");
    }

    [Fact]
    public void The_counterexample_is_a_shortest_path()
    {
        // Thread 0 walks x = 0..5; thread 1 walks y = 0..5; x + y = 3 is unsafe: the shortest violation has 3 steps.
        var system = new ToySystem(2,
            [s => s[0] < 5 ? Set(s, 0, (byte)(s[0] + 1)) : null, s => s[1] < 5 ? Set(s, 1, (byte)(s[1] + 1)) : null],
            s => s[0] == 5 && s[1] == 5, unsafeState: s => s[0] + s[1] == 3 ? "x + y = 3" : null);
        var result = Explorer.Check(system, "none", Options);
        var verdict = result.Verdicts.Single(v => v.Property == Property.S1);
        Assert.Equal(VerdictKind.Violated, verdict.Kind);
        Assert.Equal(3, verdict.Counterexample!.Length);
        Assert.False(result.Exhaustive);
        Assert.Equal(VerdictKind.NotDecided, Liveness(result).Kind);
    }

    [Fact]
    public void Full_exploration_decides_every_property_despite_a_violation()
    {
        var system = new ToySystem(1, [s => s[0] < 3 ? Set(s, 0, (byte)(s[0] + 1)) : null], s => s[0] == 2,
            unsafeState: s => s[0] == 3 ? "reached 3" : null);
        var result = Explorer.Check(system, "none", Options with { StopAtFirstViolation = false });
        Assert.True(result.Exhaustive);
        Assert.Equal(VerdictKind.Violated, result.Verdicts.Single(v => v.Property == Property.S1).Kind);
        Assert.Equal(VerdictKind.Holds, Liveness(result).Kind);
    }

    private static byte[] Set(byte[] s, int index, byte value)
    {
        s[index] = value;
        return s;
    }
}
