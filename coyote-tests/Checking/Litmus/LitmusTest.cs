using Microsoft.Coyote.SystematicTesting;
using Wireless.Checking.Exploration;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Monitors;
using Wireless.Checking.Seam;
using Wireless.Memory;
using Wireless.Verification;

namespace Wireless.Checking.Litmus;

/// <summary>
/// A litmus test: a few threads on shared locations x, y, z, w accessed through the checked seam with the memory model on,
/// and the outcome (registers and final values) of each run. <see cref="Outcomes"/> explores it under Coyote and
/// returns every outcome reached, so a test can assert the exact allowed set: allowed ones reached, forbidden never.
/// </summary>
public sealed class LitmusTest(string name, Func<LitmusTest.Locations, Action[]> threads, Func<LitmusTest.Locations, long[], string> outcome)
{
    /// <summary>The shared locations of one run (pinned), and the registers each thread writes.</summary>
    public sealed class Locations
    {
        private readonly long[] _cells = GC.AllocateArray<long>(4, pinned: true);
        public ref long X => ref _cells[0];
        public ref long Y => ref _cells[1];
        public ref long Z => ref _cells[2];
        public ref long W => ref _cells[3];
        public long[] Registers { get; } = new long[8];

        public MemoryMap Map()
        {
            var map = new MemoryMap();
            map.Add("xyzw", _cells);
            return map;
        }
    }

    public string Name { get; } = name;

    public HashSet<string> Outcomes(int iterations, uint seed = 1)
    {
        var seen = new HashSet<string>();
        var options = new ExploreOptions { Iterations = iterations, Seconds = 0, Seed = seed, Strategy = "random" };
        var model = new WeakMemory();
        using var engine = TestingEngine.Create(CoyoteSettings.ForExploration(options), () =>
        {
            var locations = new Locations();
            CheckRun.Begin(new SpecMonitor(new ProgramStructure(0), 0, _ => []), record: false, locations.Map().Describe, model: model);
            var bodies = threads(locations);
            var started = bodies.Select((body, i) => CheckedMemory.StartThread($"t{i + 1}", body)).ToArray();
            foreach (var t in started) t.Join();
            // The final values, read after joining (happens-before every store).
            long[] final = [Final(ref locations.X), Final(ref locations.Y), Final(ref locations.Z)];
            seen.Add(outcome(locations, final));
        });
        if (!engine.IsTestRewritten()) throw new InvalidOperationException("the checking assembly is not rewritten for Coyote");
        engine.SetLogger(CoyoteSettings.SilentLogger);
        engine.Run();
        if (engine.TestReport.NumOfFoundBugs > 0) throw new InvalidOperationException($"{Name}: {engine.TestReport.BugReports.First()}");
        return seen;
    }

    private static long Final(ref long location) => CheckedMemory.Load(ref location, MemoryOrder.Acquire, SpecAction.Idle);
}
