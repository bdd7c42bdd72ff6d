namespace Wireless.Properties;

/// <summary>The option a bad configuration breaks.</summary>
public enum ConfigFault
{
    WindowNotAPowerOfTwo,
    WindowBelowTwo,
    NoScheduler,
    FewerClustersThanSchedulers,
    HeapTooSmall,
    NoFanin,
    NoTensorArguments,
    WiringQueueNotAPowerOfTwo,
    NoTensorMapEntries,
    NegativeTimeout,
    CpuIdOutOfRange,
    TooFewLaunchedThreads,
}

/// <summary>A valid generated configuration with one option broken to <see cref="Value"/>.</summary>
public sealed record BadConfig(GraphConfig Base, ConfigFault Fault, int Value)
{
    public RuntimeConfig Config
    {
        get
        {
            var c = Base.ToRuntimeConfig(RealThreadProperties.TimeoutMilliseconds);
            var wanted = c.WantedThreads;
            return Fault switch
            {
                ConfigFault.WindowNotAPowerOfTwo or ConfigFault.WindowBelowTwo => c with { Window = Value },
                ConfigFault.NoScheduler => c with { Schedulers = Value, Clusters = 1, LaunchCpuIds = null },
                ConfigFault.FewerClustersThanSchedulers => c with { Clusters = Value },
                ConfigFault.HeapTooSmall => c with { HeapElements = Value },
                ConfigFault.NoFanin => c with { MaxFanin = Value },
                ConfigFault.NoTensorArguments => c with { MaxTensorArgs = Value },
                ConfigFault.WiringQueueNotAPowerOfTwo => c with { WiringQueueCapacity = Value },
                ConfigFault.NoTensorMapEntries => c with { TensorMapCapacity = Value },
                ConfigFault.NegativeTimeout => c with { TimeoutMilliseconds = Value },
                ConfigFault.CpuIdOutOfRange => c with { LaunchCpuIds = [.. Enumerable.Range(0, wanted).Select(i => 60 - i), Value] },
                _ => c with { LaunchCpuIds = [.. Enumerable.Range(0, Math.Clamp(Value, 0, wanted - 1)).Select(i => 2 * i)] },
            };
        }
    }

    /// <summary>Words the error must contain: the option, and the bad value.</summary>
    public IReadOnlyList<string> Expected => Fault switch
    {
        ConfigFault.WindowNotAPowerOfTwo or ConfigFault.WindowBelowTwo => ["window must be a power of two", $"(got {Value})"],
        ConfigFault.NoScheduler => ["schedulers must be >= 1", $"(got {Value})"],
        ConfigFault.FewerClustersThanSchedulers => ["clusters must be >= schedulers", $"(got {Value} clusters for {Base.Schedulers} schedulers)"],
        ConfigFault.HeapTooSmall => ["heap must hold at least 16 elements", $"(got {Value})"],
        ConfigFault.NoFanin => ["max fanin must be >= 1", $"(got {Value})"],
        ConfigFault.NoTensorArguments => ["max tensor args must be >= 1", $"(got {Value})"],
        ConfigFault.WiringQueueNotAPowerOfTwo => ["wiring queue capacity must be a power of two", $"(got {Value})"],
        ConfigFault.NoTensorMapEntries => ["TensorMap capacity must be >= 1", $"(got {Value})"],
        ConfigFault.NegativeTimeout => ["timeout must be >= 0 ms", $"(got {Value})"],
        ConfigFault.CpuIdOutOfRange => [$"CPU id {Value} is out of range", "CPU ids 0..63"],
        _ => [$"launched threads cannot give {Base.Schedulers + 1} survivors"],
    };

    public override string ToString() => $"{Fault} = {Value}, otherwise: {Base}";
}
