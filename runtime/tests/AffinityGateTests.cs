using System.Diagnostics;
using Wireless.Gate;
using Wireless.Memory;
using Xunit;

namespace Wireless.Tests;

/// <summary>
/// The CPU-mask affinity gate on real threads. The rule under test: of the launched threads exactly <c>wanted</c>
/// survive; exec index = rank counting from the highest CPU id, and among threads on the same CPU the arrival order
/// decides. So which thread of a shared CPU survives is timing-dependent, but the multiset of survivor CPU ids is
/// not: it is the <c>wanted</c> largest launched CPU ids.
/// </summary>
public sealed class AffinityGateTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    private sealed record Launch(GatePass[] Passes, bool AbortNeeded);

    /// <summary>
    /// Starts one thread per entry of <paramref name="cpus"/>, all passing <paramref name="gate"/> at once, and waits
    /// for every one of them. The abort callback gives up once <paramref name="patience"/> has passed.
    /// </summary>
    private static Launch Run<TMem>(AffinityGate<TMem> gate, int[] cpus, int wanted, TimeSpan patience)
        where TMem : struct, ISharedMemory
    {
        var passes = new GatePass[cpus.Length];
        var aborted = 0;
        var errors = new List<Exception>();
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        bool Abort()
        {
            if (Stopwatch.GetTimestamp() < deadline) return false;
            Volatile.Write(ref aborted, 1);
            return true;
        }
        var threads = new Thread[cpus.Length];
        for (var i = 0; i < threads.Length; i++)
        {
            var index = i;
            threads[i] = new Thread(() =>
            {
                try
                {
                    passes[index] = gate.Pass(cpus[index], cpus.Length, wanted, Abort);
                }
                catch (Exception e)
                {
                    lock (errors) errors.Add(e);
                }
            }) { IsBackground = true };
        }
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(patience + Generous), "a launched thread never returned from the gate");
        Assert.Empty(errors);
        return new Launch(passes, aborted != 0);
    }

    /// <summary>The rule: exactly the wanted highest CPU ids survive, with exec indices 0..wanted-1 from the top.</summary>
    private static void AssertCorrect(int[] cpus, int wanted, Launch launch)
    {
        var what = $"CPUs [{string.Join(",", cpus)}], wanted {wanted}";
        Assert.False(launch.AbortNeeded, $"{what}: the gate did not open by itself");
        var survivors = Enumerable.Range(0, cpus.Length).Where(i => launch.Passes[i].Survives).ToList();
        Assert.True(survivors.Count == wanted, $"{what}: {survivors.Count} threads survived");
        Assert.Equal(Enumerable.Range(0, wanted), survivors.Select(i => launch.Passes[i].ExecIndex).Order());
        Assert.Equal(cpus.OrderDescending().Take(wanted), survivors.Select(i => cpus[i]).OrderDescending());
        var byExec = survivors.OrderBy(i => launch.Passes[i].ExecIndex).Select(i => cpus[i]).ToList();
        Assert.Equal(byExec.OrderDescending(), byExec);   // a lower exec index never sits on a lower CPU
        foreach (var i in Enumerable.Range(0, cpus.Length).Except(survivors))
            Assert.Equal(GatePass.Leave, launch.Passes[i]);
    }

    private static (int[] Cpus, int Wanted) RandomAssignment(Random rng)
    {
        var wanted = rng.Next(1, 6);
        var launched = rng.Next(wanted, 11);
        // Half of the assignments crowd the threads onto a few CPUs so that repeats are common.
        var span = rng.Next(2) == 0 ? AffinityGateLimits.CpuIds : rng.Next(1, 5);
        var lowest = rng.Next(0, AffinityGateLimits.CpuIds - span + 1);
        var cpus = Enumerable.Range(0, launched).Select(_ => lowest + rng.Next(span)).ToArray();
        return (cpus, wanted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Random_assignments_keep_the_wanted_highest_cpus_launch_after_launch_on_one_gate(int seed)
    {
        var rng = new Random(seed);
        var gate = new AffinityGate<FastMemory>();
        for (var launch = 0; launch < 10; launch++)
        {
            var (cpus, wanted) = RandomAssignment(rng);
            AssertCorrect(cpus, wanted, Run(gate, cpus, wanted, Generous));
        }
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3, 4 }, 3)]
    [InlineData(new[] { 63, 0, 62, 1 }, 2)]
    [InlineData(new[] { 7, 7, 7, 7, 7, 7 }, 4)]
    [InlineData(new[] { 40, 40, 20, 20, 63, 63, 63 }, 5)]
    [InlineData(new[] { 9, 3, 27 }, 3)]
    [InlineData(new[] { 16, 17, 31, 32, 33, 48, 49, 63 }, 1)]
    public void Fixed_assignments_keep_the_wanted_highest_cpus(int[] cpus, int wanted)
    {
        var gate = new AffinityGate<FastMemory>();
        for (var launch = 0; launch < 3; launch++) AssertCorrect(cpus, wanted, Run(gate, cpus, wanted, Generous));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void A_cpu_id_outside_0_to_63_throws_with_a_clear_message(int cpu)
    {
        var gate = new AffinityGate<FastMemory>();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => gate.Pass(cpu, 2, 1));
        Assert.Equal("cpu", e.ParamName);
        Assert.Contains($"CPU id {cpu} is out of range", e.Message);
        Assert.Contains("0..63", e.Message);
        AssertCorrect([3, 5], 1, Run(gate, [3, 5], 1, Generous));   // the refused call left no trace
    }

    [Fact]
    public void A_launch_abandoned_at_the_gate_leaves_it_correct_for_the_next_launch()
    {
        // Models a WirelessRuntime run whose gate deadline passed before one launched thread got scheduled: the
        // others give up (abort), then the late thread arrives. The runtime promises it can run again afterwards.
        var gate = new AffinityGate<FastMemory>();
        int[] cpus = [1, 2, 3];
        var early = new GatePass[2];
        var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
            early[i] = gate.Pass(cpus[i], cpus.Length, 2, () => Stopwatch.GetTimestamp() > deadline);
        })).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) Assert.True(t.Join(Generous));
        Assert.All(early, p => Assert.Equal(GatePass.Leave, p));
        gate.Pass(cpus[2], cpus.Length, 2, () => true);

        AssertCorrect(cpus, 2, Run(gate, cpus, 2, Short));
    }

    [Fact]
    public void Seeded_narrow_cpu_mask_never_opens_when_a_cpu_id_is_16_or_more()
    {
        int[] cpus = [14, 15, 16];
        var launch = Run(new AffinityGate<FastMemoryWithBugs>(Bug.NarrowCpuMask), cpus, 2, Short);
        Assert.True(launch.AbortNeeded, "the 16-bit mask lost CPU 16's bit, so the barrier should never have opened");
        Assert.All(launch.Passes, p => Assert.False(p.Survives));
    }

    [Fact]
    public void Seeded_narrow_cpu_mask_still_works_below_cpu_16()
    {
        int[] cpus = [1, 2, 3];
        AssertCorrect(cpus, 2, Run(new AffinityGate<FastMemoryWithBugs>(Bug.NarrowCpuMask), cpus, 2, Generous));
    }

    [Fact]
    public void Seeded_popcount_barrier_never_opens_when_two_threads_share_a_cpu()
    {
        int[] cpus = [5, 5, 7];
        var launch = Run(new AffinityGate<FastMemoryWithBugs>(Bug.PopcountBarrier), cpus, 2, Short);
        Assert.True(launch.AbortNeeded, "two threads on CPU 5 set one bit, so the popcount should never have reached 3");
        Assert.All(launch.Passes, p => Assert.False(p.Survives));
    }

    [Fact]
    public void Seeded_popcount_barrier_still_works_on_distinct_cpus()
    {
        int[] cpus = [5, 6, 7, 40];
        AssertCorrect(cpus, 3, Run(new AffinityGate<FastMemoryWithBugs>(Bug.PopcountBarrier), cpus, 3, Generous));
    }

    [Fact]
    public void Seeded_gate_no_reset_picks_wrong_survivors_on_the_second_launch()
    {
        int[] cpus = [10, 11, 12, 13];
        const int wanted = 2;
        var gate = new AffinityGate<FastMemoryWithBugs>(Bug.GateNoReset);
        AssertCorrect(cpus, wanted, Run(gate, cpus, wanted, Generous));

        var second = Run(gate, cpus, wanted, Short);
        var execs = second.Passes.Where(p => p.Survives).Select(p => p.ExecIndex).Order().ToList();
        Assert.False(execs.SequenceEqual(Enumerable.Range(0, wanted)),
            $"the stale gate should have given wrong exec indices, gave [{string.Join(",", execs)}]");
    }

    [Fact]
    public void The_same_gate_type_without_seeded_bugs_resets_between_launches()
    {
        int[] cpus = [10, 11, 12, 13];
        var gate = new AffinityGate<FastMemoryWithBugs>(Bug.None);
        for (var launch = 0; launch < 3; launch++) AssertCorrect(cpus, 2, Run(gate, cpus, 2, Generous));
    }
}
