using Microsoft.Coyote.SystematicTesting;
using Wireless.Checking.Exploration;
using Wireless.Checking.MemoryModel;
using Wireless.Checking.Monitors;
using Wireless.Checking.Seam;
using Wireless.Memory;
using Wireless.Verification;

namespace Wireless.Checking.Litmus;

/// <summary>
/// A litmus program run through the checked seam (<see cref="CheckedMemory"/>) under Coyote with the memory model
/// on, as the runtime's accesses are: one runtime thread per litmus thread, a scheduling point before every access,
/// the model's choices made by Coyote's controlled random generator. Where <see cref="LitmusEnumerator"/> checks the
/// model exhaustively, this checks that the seam drives it the same way (sampled: every outcome reached is kept).
/// </summary>
public static class LitmusTest
{
    public static HashSet<string> Outcomes(LitmusProgram program, IReadOnlyList<string> keys, int iterations, uint seed = 1)
    {
        var seen = new HashSet<string>();
        var options = new ExploreOptions { Iterations = iterations, Seconds = 0, Seed = seed, Strategy = "random" };
        var model = new WeakMemory();
        using var engine = TestingEngine.Create(CoyoteSettings.ForExploration(options), () =>
        {
            var cells = GC.AllocateArray<int>(program.Locations.Count, pinned: true);
            var map = new MemoryMap();
            map.Add("litmus", cells);
            CheckRun.Begin(new SpecMonitor(new ProgramStructure(0), 0, _ => []), record: false, map.Describe, model: model);
            var registers = program.Threads.Select(_ => new Dictionary<string, long>()).ToArray();
            var started = program.Threads.Select((instructions, i) => CheckedMemory.StartThread($"P{i}", () =>
            {
                foreach (var instruction in instructions) Execute(instruction, cells, registers[i]);
            })).ToArray();
            try
            {
                foreach (var t in started) t.Join();
                // The final values, read after joining (every store happens before): the last in modification order.
                seen.Add(program.Outcome(keys, (thread, register) => registers[thread][register],
                    location => CheckedMemory.Load(ref cells[location], MemoryOrder.Acquire, SpecAction.Idle)));
            }
            finally
            {
                CheckRun.Leave();
            }
        });
        if (!engine.IsTestRewritten()) throw new InvalidOperationException("the checking assembly is not rewritten for Coyote");
        engine.SetLogger(CoyoteSettings.SilentLogger);
        engine.Run();
        if (engine.TestReport.NumOfFoundBugs > 0) throw new InvalidOperationException($"{program.Name}: {engine.TestReport.BugReports.First()}");
        return seen;
    }

    private static void Execute(LitmusInstruction instruction, int[] cells, Dictionary<string, long> registers)
    {
        var value = (int)instruction.Value;
        switch (instruction.Operation)
        {
            case LitmusOperation.Load:
                registers[instruction.Register!] = CheckedMemory.Load(ref cells[instruction.Location], instruction.Order, SpecAction.Idle);
                break;
            case LitmusOperation.Store:
                CheckedMemory.Store(ref cells[instruction.Location], value, instruction.Order, SpecAction.Idle);
                break;
            case LitmusOperation.FetchAdd:
                registers[instruction.Register!] = CheckedMemory.FetchAdd(ref cells[instruction.Location], value, instruction.Order, SpecAction.Idle);
                break;
            case LitmusOperation.Exchange:
                registers[instruction.Register!] = CheckedMemory.Exchange(ref cells[instruction.Location], value, instruction.Order, SpecAction.Idle);
                break;
            default:
                CheckedMemory.Fence(instruction.Order, SpecAction.Idle);
                break;
        }
    }
}
