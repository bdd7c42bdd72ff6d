using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Wireless.Gate;
using Wireless.Memory;
using Xunit;
using Xunit.Abstractions;

namespace Wireless.Properties;

/// <summary>
/// Property 4, the CPU-mask affinity gate on real threads. For any number of launched threads on any CPU ids 0..63
/// (repeats allowed) and any wanted count: every thread gets through (G1); exactly the wanted number survive, with
/// exec indices 0..wanted−1 (G2); they are the threads on the highest CPU ids, and a lower exec index never sits on
/// a lower CPU, the documented rule (G3); the same gate is as right on the next launch (G4). A CPU id outside 0..63
/// is refused with a clear error by the gate and by the configuration, and leaves the gate usable.
/// Teeth: the gate property falsified against the three gate variants, each shrunk to the launch that shows it.
/// </summary>
[Collection(RealThreadCollection.Name)]
public sealed class GateProperties(ITestOutputHelper output)
{
    /// <summary>How long a launch may take before the gate counts as closed (threads then give up).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static Property EveryLaunchFollowsTheRule(Bug variant, TimeSpan patience)
        => Prop.ForAll(Generators.GateCases, c => Verdict.Of(() => Check(c, variant, patience)));

    internal static void Check(GateCase c, Bug variant, TimeSpan patience)
    {
        var pass = PassFunction(variant);
        for (var launch = 1; launch <= 2; launch++)
        {
            var what = launch == 1 ? "the first launch" : "the second launch on the same gate (G4)";
            var (passes, gaveUp) = Launch(pass, c, patience);
            if (gaveUp > 0) throw new PropertyFailure($"{what}: {gaveUp} of {c.Cpus.Length} threads were still waiting at the gate after {patience.TotalSeconds:0.#} s (G1)");
            var survivors = Enumerable.Range(0, c.Cpus.Length).Where(i => passes[i].Survives).ToList();
            var execs = survivors.Select(i => passes[i].ExecIndex).Order().ToList();
            if (!execs.SequenceEqual(Enumerable.Range(0, c.Wanted)))
                throw new PropertyFailure($"{what}: {survivors.Count} threads survived with exec indices [{string.Join(",", execs)}], expected 0..{c.Wanted - 1} (G2)");
            var survivorCpus = survivors.Select(i => c.Cpus[i]).OrderDescending().ToList();
            var highest = c.Cpus.OrderDescending().Take(c.Wanted).ToList();
            if (!survivorCpus.SequenceEqual(highest))
                throw new PropertyFailure($"{what}: the survivors are on CPUs [{string.Join(",", survivorCpus)}], expected the highest [{string.Join(",", highest)}] (G3)");
            var byExec = survivors.OrderBy(i => passes[i].ExecIndex).Select(i => c.Cpus[i]).ToList();
            if (!byExec.SequenceEqual(byExec.OrderDescending()))
                throw new PropertyFailure($"{what}: by exec index the survivors sit on CPUs [{string.Join(",", byExec)}]: a lower exec index must not sit on a lower CPU (G3)");
        }
    }

    private static Func<int, int, int, Func<bool>, GatePass> PassFunction(Bug variant)
        => variant == Bug.None ? new AffinityGate<FastMemory>().Pass : new AffinityGate<FastMemoryWithBugs>(variant).Pass;

    /// <summary>Starts one thread per CPU id, all passing the gate at once; each gives up once <paramref name="patience"/> has passed.</summary>
    private static (GatePass[] Passes, int GaveUp) Launch(Func<int, int, int, Func<bool>, GatePass> pass, GateCase c, TimeSpan patience)
    {
        var passes = new GatePass[c.Cpus.Length];
        var gaveUp = 0;
        Exception? error = null;
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        bool Abort()
        {
            if (Stopwatch.GetTimestamp() < deadline) return false;
            Interlocked.Increment(ref gaveUp);
            return true;
        }
        var threads = Enumerable.Range(0, c.Cpus.Length).Select(i => new Thread(() =>
        {
            try
            {
                passes[i] = pass(c.Cpus[i], c.Cpus.Length, c.Wanted, Abort);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref error, e, null);
            }
        }) { IsBackground = true, Name = $"gate-{i}" }).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads)
            if (!t.Join(patience + TimeSpan.FromSeconds(10))) throw new PropertyFailure("a launched thread never returned from the gate");
        if (error is not null) throw new PropertyFailure($"a thread's pass threw {error.GetType().Name}: {error.Message}");
        return (passes, gaveUp);
    }

    [Property(MaxTest = 200)]
    public Property Every_launch_lets_every_thread_through_keeps_the_highest_cpus_and_can_run_again()
        => EveryLaunchFollowsTheRule(Bug.None, Patience);

    [Property(MaxTest = 100)]
    public Property A_cpu_id_outside_0_to_63_is_refused_clearly_and_leaves_the_gate_usable()
        => Prop.ForAll(Generators.BadCpuIds, cpu => Verdict.Of(() =>
        {
            var gate = new AffinityGate<FastMemory>();
            var message = $"CPU id {cpu} is out of range: the gate's mask has 64 bits (CPU ids 0..63)";
            try
            {
                gate.Pass(cpu, 2, 1);
                throw new PropertyFailure($"the gate let a thread on CPU {cpu} through");
            }
            catch (ArgumentOutOfRangeException e) when (e.ParamName == "cpu" && e.Message.StartsWith(message, StringComparison.Ordinal))
            {
            }
            try
            {
                new RuntimeConfig { Schedulers = 1, Clusters = 1, LaunchCpuIds = [3, cpu, 7] }.Validate();
                throw new PropertyFailure($"a configuration launching a thread on CPU {cpu} was accepted");
            }
            catch (ArgumentException e) when (e.Message == message)
            {
            }
            var (passes, gaveUp) = Launch(gate.Pass, new GateCase([3, 7], 1), Patience);
            if (gaveUp > 0 || !passes[1].Survives || passes[0].Survives) throw new PropertyFailure("the gate did not work after refusing the CPU id");
        }));

    /// <summary>The gate variants, and the property each violates in its shrunk counterexample.</summary>
    public static TheoryData<string, string> Variants => new()
    {
        { "narrow-cpu-mask", "(G1)" },
        { "popcount-barrier", "(G1)" },
        { "gate-no-reset", "(G4)" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Is_falsified_with_a_small_counterexample_by(string variant, string violation)
    {
        var found = PropertyCheck.ExpectFailure(EveryLaunchFollowsTheRule(BugCatalog.Parse(variant), TimeSpan.FromMilliseconds(300)), maxTest: 100, output);
        Assert.Contains(violation, found.Failure);
        var shrunk = Assert.IsType<GateCase>(found.Shrunk);
        Assert.True(shrunk.Cpus.Length <= 2, $"the shrunk counterexample is {shrunk}");
    }
}
