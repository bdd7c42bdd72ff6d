using BenchmarkDotNet.Attributes;
using Wireless.Workloads;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// The wireless runtime's poll budget: how many pending tasks scheduler thread 0 classifies per loop iteration. The
/// seed used 128; on the zero device every entry visited delays the next dispatch to the cores, and a task's
/// classification only changes when one of its producers completed, so a smaller budget can be faster. Two
/// workloads whose pending FIFO stays long (thousands of tasks wait on two or more producers), zero device, default
/// threads; wired (which does not poll) is the baseline of each case.
/// </summary>
[MemoryDiagnoser]
[MarkdownExporterAttribute.GitHub]
public class PollBudgetBenchmarks : RunnerBenchmark
{
    [Params(8, 32, 128)]
    public int PollBudget { get; set; }

    [Params("paged-attention-case1", "paged-attention-manual-case2")]
    public string Workload { get; set; } = "";

    private protected override (RuntimeConfig Config, Workload Workload) CaseToRun()
        => (new RuntimeConfig { PollBudget = PollBudget }, BenchmarkWorkloads.Create(Workload));
}
