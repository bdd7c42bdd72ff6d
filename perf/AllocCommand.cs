using System.CommandLine;
using System.Globalization;
using Wireless.Perf.Baselines;
using Wireless.Perf.Benchmarks;
using Wireless.Perf.Report;

namespace Wireless.Perf;

/// <summary>
/// <c>alloc</c>: does the steady state allocate per task? For each runner, warms it on paged attention of Case1's
/// shape at two task counts, then measures the bytes one run allocates on every thread
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, precise) and prints the per-run bytes, the marginal bytes per
/// task (the difference over the difference in tasks) and the per-run constant.
/// </summary>
internal sealed class AllocCommand : Command
{
    private const int Warmups = 3, Measured = 5;

    private readonly Option<int[]> _tasks = new("--tasks")
    {
        Description = "The two approximate task counts to compare (paged attention of Case1's shape).",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [10_000, 100_000],
    };

    private readonly Option<string[]> _runners = new("--runners")
    {
        Description = $"Runners to measure: {string.Join(", ", RunnerKinds.Names)}.",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [.. RunnerKinds.Names],
    };

    public AllocCommand()
        : base("alloc", "Measures the bytes one run allocates on every thread (GC.GetTotalAllocatedBytes(precise: true)) at two "
            + "task counts on warmed runners, and prints the marginal bytes per task (0 when the steady state allocates nothing per "
            + "task) and the per-run constant. Exit code 0, or 2 for bad input.")
    {
        Add(_tasks);
        Add(_runners);
        _runners.AcceptOnlyFromAmong([.. RunnerKinds.Names]);
        _tasks.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int[]>() is not [> 0, > 0] t || t[0] == t[1]) r.AddError("--tasks: give two different positive task counts, e.g. --tasks 10000 100000");
        });
        SetAction(parseResult => Execute(parseResult.GetRequiredValue(_tasks), parseResult.GetRequiredValue(_runners), parseResult.InvocationConfiguration.Output));
    }

    private static int Execute(int[] approximateTasks, string[] runners, TextWriter output)
    {
        output.WriteLine($"// Build: {BuildInfo.Describe()}");
        var tasks = approximateTasks.Select(BenchmarkWorkloads.PagedAttentionShapedTaskCount).ToArray();
        var table = new MarkdownTable(
            ("runner", false), ($"bytes/run at {Count(tasks[0])} tasks", true), ($"bytes/run at {Count(tasks[1])} tasks", true),
            ("marginal bytes/task", true), ("per-run constant (bytes)", true));
        foreach (var kind in runners)
        {
            var bytes = approximateTasks.Select(n => BytesPerRun(kind, n)).ToArray();
            var marginal = (double)(bytes[1] - bytes[0]) / (tasks[1] - tasks[0]);
            // A negative intercept means the allocations grow faster than linearly (collections that double): no constant.
            var constant = (long)Math.Round(bytes[0] - marginal * tasks[0]);
            // Rounded first, so that a few bytes less at the larger count (noise) print as 0.00, not -0.00.
            var shown = Math.Round(marginal, 2) + 0.0;
            table.AddRow(kind, Count(bytes[0]), Count(bytes[1]), shown.ToString("F2", CultureInfo.InvariantCulture),
                constant >= 0 ? Count(constant) : "none (not linear)");
        }
        table.Write(output);
        output.WriteLine($"(paged attention of Case1's shape, zero device, default configuration with profiling off; the least of {Measured} runs after {Warmups} warm-up runs)");
        return ExitCodes.Ok;
    }

    /// <summary>The least number of bytes one run allocated on all threads, over a few runs of a warmed runner.</summary>
    private static long BytesPerRun(string kind, int approximateTasks)
    {
        var runner = RunnerKinds.Create(kind, new RuntimeConfig { Profile = false }, BenchmarkWorkloads.PagedAttentionShaped(approximateTasks));
        for (var i = 0; i < Warmups; i++) runner.Run();
        var least = long.MaxValue;
        for (var i = 0; i < Measured; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            runner.Run();
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        return least;
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
