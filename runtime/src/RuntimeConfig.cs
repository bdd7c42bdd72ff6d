using System.Numerics;

namespace Wireless;

/// <summary>How the simulated device decides when a core's kernel finishes.</summary>
public enum DeviceMode
{
    /// <summary>A kernel finishes as soon as its core picks it up: measures pure runtime overhead.</summary>
    Zero,
    /// <summary>A core reports FIN only after the kernel's simulated duration has passed on a monotonic clock.</summary>
    Timed,
    /// <summary>
    /// As <see cref="Zero"/>, and kernels do no work: they only record that they ran. Measures the runtime alone;
    /// verification then checks that every task ran exactly once (the digests do not cover inputs).
    /// </summary>
    Empty,
}

/// <summary>Who drives the simulated cores.</summary>
public enum CoreDriver
{
    /// <summary>The scheduler thread that owns a core advances it while polling (no extra OS threads).</summary>
    Inline,
    /// <summary>Each core is its own runtime thread (the checker uses this, so cores race with schedulers).</summary>
    Threaded,
}

/// <summary>How the launched AICPU threads get their exec index (their role).</summary>
public enum LaunchMode
{
    /// <summary>
    /// Every launched thread passes the CPU-mask affinity gate, which keeps <c>Schedulers + 1</c> of them and ranks
    /// them (the seed).
    /// </summary>
    Gate,
    /// <summary>
    /// Exactly <c>Schedulers + 1</c> threads are launched and thread <c>i</c> takes exec index <c>i</c>; the gate does
    /// not run. For the checker's proof-sized protocol scenarios (spec/SPEC.md §9.2): the gate has proofs of its own,
    /// and it touches no location the protocol uses, so leaving it out removes only its own interleavings.
    /// </summary>
    Assigned,
}

/// <summary>Runtime configuration. <see cref="Validate"/> rejects bad values with a clear message.</summary>
public sealed record RuntimeConfig
{
    /// <summary>Task window: slots in the ring, a power of two ≥ 2.</summary>
    public int Window { get; init; } = 16384;
    /// <summary>Output heap size in 32-bit elements.</summary>
    public int HeapElements { get; init; } = 1 << 22;
    /// <summary>Most distinct producers a task may have (the seed's PTO2_MAX_FANIN).</summary>
    public int MaxFanin { get; init; } = 16;
    /// <summary>Most tensor arguments per task.</summary>
    public int MaxTensorArgs { get; init; } = 16;
    /// <summary>Most scalar arguments per task.</summary>
    public int MaxScalars { get; init; } = 4;
    /// <summary>Scheduler threads. The orchestrator is one more thread.</summary>
    public int Schedulers { get; init; } = DefaultSchedulers;
    /// <summary>
    /// Clusters of 1 AIC + 2 AIV cores, owned round-robin by the scheduler threads. Defaults to 4 per scheduler.
    /// </summary>
    public int Clusters
    {
        get => _clusters ?? 4 * Schedulers;
        init => _clusters = value;
    }

    private readonly int? _clusters;
    public DeviceMode Device { get; init; } = DeviceMode.Zero;
    public CoreDriver Cores { get; init; } = CoreDriver.Inline;
    /// <summary>The first local id handed out; tests start it near the wrap point.</summary>
    public int FirstLocalId { get; init; }
    /// <summary>Capacity of the SPSC wiring queue (orchestrator → scheduler thread 0), a power of two.</summary>
    public int WiringQueueCapacity { get; init; } = 1024;
    /// <summary>TensorMap entry pool size.</summary>
    public int TensorMapCapacity { get; init; } = 1 << 16;
    /// <summary>No-progress timeout; when it fires the run stops with stall diagnostics. 0 disables it.</summary>
    public int TimeoutMilliseconds { get; init; } = 10_000;
    /// <summary>
    /// CPU ids (0..63, repeats allowed) of the launched threads; the gate keeps <c>Schedulers + 1</c> of them.
    /// Null launches <c>Schedulers + 3</c> threads on CPU ids 0, 1, 2, ... as CANN over-launches.
    /// </summary>
    public IReadOnlyList<int>? LaunchCpuIds { get; init; }
    /// <summary>Whether launched threads pass the affinity gate (the default) or take their exec index as assigned.</summary>
    public LaunchMode Launch { get; init; } = LaunchMode.Gate;
    /// <summary>Collect per-phase profile counters in the scheduler loops.</summary>
    public bool Profile { get; init; } = true;
    /// <summary>Seeded-bug variants (only honoured by instantiations that allow bugs).</summary>
    public Bug Bugs { get; init; }

    /// <summary>
    /// Pending-FIFO entries scheduler thread 0 classifies per loop iteration (wireless only). The seed's 128 is the
    /// default; 8 and 32 measure no faster (perf/README.md, "Poll budget").
    /// </summary>
    public int PollBudget { get; init; } = 128;

    public const int DrainBatch = 30;

    public static int DefaultSchedulers => Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>
    /// The most scheduler threads without <see cref="LaunchCpuIds"/>: the default launch puts <c>Schedulers + 3</c>
    /// threads on CPU ids 0, 1, 2, ..., and the gate's mask has <see cref="AffinityGateLimits.CpuIds"/> bits.
    /// </summary>
    public const int MaxSchedulersOnDefaultCpus = AffinityGateLimits.CpuIds - 3;

    /// <summary>The number of threads that survive the gate.</summary>
    public int WantedThreads => Schedulers + 1;

    /// <summary>The CPU ids of the launched threads (one per thread; an assigned launch's ids are not used).</summary>
    public IReadOnlyList<int> EffectiveLaunchCpuIds
        => LaunchCpuIds ?? Enumerable.Range(0, Launch == LaunchMode.Assigned ? WantedThreads : WantedThreads + 2).ToArray();

    /// <summary>Throws <see cref="ArgumentException"/> with a message naming the bad option.</summary>
    public RuntimeConfig Validate()
    {
        if (Window < 2 || !BitOperations.IsPow2(Window))
            throw new ArgumentException($"window must be a power of two >= 2 (got {Window})");
        if (Schedulers < 1) throw new ArgumentException($"schedulers must be >= 1 (got {Schedulers})");
        if (Clusters < Schedulers)
            throw new ArgumentException($"clusters must be >= schedulers so every scheduler owns a cluster (got {Clusters} clusters for {Schedulers} schedulers)");
        if (HeapElements < 16) throw new ArgumentException($"heap must hold at least 16 elements (got {HeapElements})");
        if (MaxFanin < 1) throw new ArgumentException($"max fanin must be >= 1 (got {MaxFanin})");
        if (MaxTensorArgs < 1) throw new ArgumentException($"max tensor args must be >= 1 (got {MaxTensorArgs})");
        if (WiringQueueCapacity < 2 || !BitOperations.IsPow2(WiringQueueCapacity))
            throw new ArgumentException($"wiring queue capacity must be a power of two >= 2 (got {WiringQueueCapacity})");
        if (TensorMapCapacity < 1) throw new ArgumentException($"TensorMap capacity must be >= 1 (got {TensorMapCapacity})");
        if (PollBudget < 1) throw new ArgumentException($"poll budget must be >= 1 (got {PollBudget})");
        if (TimeoutMilliseconds < 0) throw new ArgumentException($"timeout must be >= 0 ms (got {TimeoutMilliseconds})");
        if (Launch == LaunchMode.Assigned)
        {
            if (LaunchCpuIds is not null)
                throw new ArgumentException("launch CPU ids are the affinity gate's input: an assigned launch (no gate) takes none");
            return this;
        }
        if (LaunchCpuIds is null && Schedulers > MaxSchedulersOnDefaultCpus)
            throw new ArgumentException($"schedulers must be <= {MaxSchedulersOnDefaultCpus} without launch CPU ids (got {Schedulers}): the default "
                + $"launches schedulers + 3 threads on CPU ids 0, 1, 2, ... and the gate's mask has {AffinityGateLimits.CpuIds} bits (CPU ids 0..{AffinityGateLimits.CpuIds - 1})");
        var cpus = EffectiveLaunchCpuIds;
        foreach (var cpu in cpus)
            if (cpu is < 0 or >= AffinityGateLimits.CpuIds)
                throw new ArgumentException($"CPU id {cpu} is out of range: the gate's mask has {AffinityGateLimits.CpuIds} bits (CPU ids 0..{AffinityGateLimits.CpuIds - 1})");
        if (cpus.Count < WantedThreads)
            throw new ArgumentException($"{cpus.Count} launched threads cannot give {WantedThreads} survivors ({Schedulers} schedulers + 1 orchestrator)");
        return this;
    }
}

/// <summary>Limits of the CPU-mask affinity gate.</summary>
public static class AffinityGateLimits
{
    /// <summary>The mask is 64 bits wide: CPU ids 0..63.</summary>
    public const int CpuIds = 64;
}
