using Microsoft.Coyote.Random;
using Wireless.Checking.Monitors;
using Wireless.Checking.Seam;
using Wireless.Gate;
using Wireless.Memory;

namespace Wireless.Checking.Scenarios;

/// <summary>
/// The CPU-mask affinity gate on its own: 2 to 4 launched threads on CPU ids drawn over 0..63 (often from 0..3, so
/// repeats are common, as under over-subscription), keeping 1 to all of them; the same gate launched twice.
/// The draws are Coyote's controlled randomness, so they are explored and replayed like the interleaving.
/// Checked: G1 every launched thread gets through (liveness); G2 exactly the wanted number survive with exec
/// indices 0..wanted−1; G3 the survivors are the threads on the highest CPU ids; G4 the second launch is as right
/// as the first (the gate resets itself). The proof-sized gates fix their draws (<see cref="RepeatedCpu"/>, <see cref="RankedCpus"/>): the
/// bounded strategy enumerates schedules, not draws.
/// </summary>
internal static class GateScenario
{
    public static Scenario Create()
        => new("gate", "2-4 threads on CPU ids drawn over 0..63 (repeats likely) pass the gate, twice",
            null, ScenarioCatalog.Base, CustomBody: (bugs, map) => Run(bugs, map, Draw()));

    /// <summary>
    /// The proof-sized gates, each launched twice: 2 threads on one CPU beyond 32 bits, 1 wanted (ranking by ticket; the
    /// 16-bit mask, the popcount barrier and the missing reset each fail it), and 2 threads on CPUs 40 and 7, 1 wanted
    /// (ranking by the mask's higher bits). A third thread makes the search too big to exhaust at K = 1 in minutes.
    /// </summary>
    public static Scenario RepeatedCpu { get; } = new("proof-gate-repeat", "2 threads on CPU 40, 1 wanted, launched twice: ranking by ticket on one CPU beyond 32 bits",
            null, ScenarioCatalog.Base, CustomBody: (bugs, map) => Run(bugs, map, ([40, 40], 1)));

    /// <inheritdoc cref="RepeatedCpu"/>
    public static Scenario RankedCpus { get; } = new("proof-gate-rank", "2 threads on CPUs 40 and 7, 1 wanted, launched twice: ranking by the mask's higher bits",
            null, ScenarioCatalog.Base, CustomBody: (bugs, map) => Run(bugs, map, ([40, 7], 1)));

    private static (int[] Cpus, int Wanted) Draw()
    {
        var random = Generator.Create();
        var launched = 2 + random.NextInteger(3);
        var wanted = 1 + random.NextInteger(launched);
        var cpus = new int[launched];
        for (var i = 0; i < launched; i++) cpus[i] = random.NextBoolean() ? random.NextInteger(4) : random.NextInteger(64);
        return (cpus, wanted);
    }

    private static void Run(Bug bugs, MemoryMap map, (int[] Cpus, int Wanted) draw)
    {
        var (cpus, wanted) = draw;
        var launched = cpus.Length;
        var gate = new AffinityGate<CheckedMemory>(bugs);
        gate.Register(map);
        var described = $"{launched} threads on CPUs [{string.Join(", ", cpus)}], {wanted} wanted";

        for (var launch = 1; launch <= 2; launch++)
        {
            var passes = new GatePass[launched];
            var threads = new IRuntimeThread[launched];
            for (var i = 0; i < launched; i++)
            {
                var index = i;
                threads[i] = CheckedMemory.StartThread($"aicpu-{index}", () =>
                {
                    passes[index] = gate.Pass(cpus[index], launched, wanted);
                    CheckedMemory.Observe(SpecEvent.GatePassed, index, passes[index].ExecIndex);
                });
            }
            foreach (var t in threads) t.Join();

            var survivors = Enumerable.Range(0, launched).Where(i => passes[i].Survives).ToArray();
            var execs = survivors.Select(i => passes[i].ExecIndex).Order().ToArray();
            var property = launch == 1 ? "G2" : "G4";
            SpecMonitor.Check(survivors.Length == wanted && execs.SequenceEqual(Enumerable.Range(0, wanted)), property,
                $"launch {launch} of {described}: {survivors.Length} survived with exec indices [{string.Join(", ", execs)}], expected {wanted} with 0..{wanted - 1}");
            var expectedCpus = cpus.OrderDescending().Take(wanted).Order();
            var survivorCpus = survivors.Select(i => cpus[i]).Order();
            SpecMonitor.Check(survivorCpus.SequenceEqual(expectedCpus), launch == 1 ? "G3" : "G4",
                $"launch {launch} of {described}: survivors are on CPUs [{string.Join(", ", survivorCpus)}], expected the highest [{string.Join(", ", expectedCpus)}]");
        }
    }
}
