using BenchmarkDotNet.Attributes;
using Wireless.Perf.Baselines;
using Wireless.Verification;
using Wireless.Workloads;

namespace Wireless.Perf.Benchmarks;

/// <summary>
/// What every benchmark that times whole workload runs shares: one benchmark method per runner, the wired baseline
/// (the baseline of BenchmarkDotNet's Ratio column) and the wireless runtime; a derived class names the
/// configuration and the workload of its case (<see cref="CaseToRun"/>), and <see cref="AllRunnersBenchmark"/> adds
/// TPL and the sequential bound. A runner's global setup creates the runner once, runs it once and checks its output
/// against the sequential reference; each benchmark invocation is one whole run; the global cleanup checks the output
/// of the last measured run again. A wrong output throws, which fails the benchmark.
/// </summary>
/// <remarks>
/// The runner reuses its device memory and execution record (<see cref="ITaskRuntime.Run(Workload, Device.DeviceMemory, ExecutionRecord)"/>),
/// so a run's allocations are only what the runner itself allocates per run. Benchmarks run with profiling off.
/// </remarks>
public abstract class RunnerBenchmark
{
    private IWorkloadRunner? _runner;
    private ReferenceResult? _expected;
    private string _what = "";

    [GlobalSetup(Targets = [nameof(Wired)])]
    public void SetupWired() => Prepare(RunnerKinds.Wired);

    [GlobalSetup(Targets = [nameof(Wireless)])]
    public void SetupWireless() => Prepare(RunnerKinds.Wireless);

    /// <summary>The wired baseline runtime (seed-design §3): one whole run.</summary>
    [Benchmark(Baseline = true)]
    public void Wired() => RunOnce();

    /// <summary>The wireless runtime (PR #1107): one whole run.</summary>
    [Benchmark]
    public void Wireless() => RunOnce();

    [GlobalCleanup]
    public void VerifyLastRun() => Check();

    /// <summary>The configuration and the workload of the current case (called once per global setup).</summary>
    private protected abstract (RuntimeConfig Config, Workload Workload) CaseToRun();

    /// <summary>Creates runner <paramref name="kind"/> for the current case, runs it once and verifies its output.</summary>
    private protected void Prepare(string kind)
    {
        var (config, workload) = CaseToRun();
        _what = $"{kind} on {workload.Name}";
        _expected = new SequentialExecutor(config).Run(workload);
        _runner = RunnerKinds.Create(kind, config with { Profile = false }, workload);
        _runner.Run();
        Check();
    }

    /// <summary>One whole run of the workload: the measured operation.</summary>
    private protected void RunOnce() => _runner!.Run();

    private void Check()
    {
        if (_runner is null || _expected is null) throw new InvalidOperationException("the benchmark's global setup did not run");
        var mismatch = _runner.Verify(_expected);
        if (mismatch is not null) throw new InvalidOperationException($"{_what}: the output differs from the sequential reference: {mismatch}");
    }
}
