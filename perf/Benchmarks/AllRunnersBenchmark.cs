using BenchmarkDotNet.Attributes;
using Wireless.Perf.Baselines;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// A <see cref="RunnerBenchmark"/> that also times what a .NET user would write instead (<see cref="TplRunner"/>:
/// TPL continuations) and the sequential bound (<see cref="SequentialRunner"/>) on the same case, so all four are
/// measured side by side in one BenchmarkDotNet run.
/// </summary>
public abstract class AllRunnersBenchmark : RunnerBenchmark
{
    [GlobalSetup(Targets = [nameof(Tpl)])]
    public void SetupTpl() => Prepare(RunnerKinds.Tpl);

    [GlobalSetup(Targets = [nameof(Sequential)])]
    public void SetupSequential() => Prepare(RunnerKinds.Sequential);

    /// <summary>The DAG as TPL tasks and continuations on the thread pool: one whole run.</summary>
    [Benchmark]
    public void Tpl() => RunOnce();

    /// <summary>The DAG on one thread, each task at submission: one whole run.</summary>
    [Benchmark]
    public void Sequential() => RunOnce();
}
