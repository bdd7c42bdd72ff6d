namespace Wireless.Orchestration;

/// <summary>The orchestrator as the runtime drives it: reset, run the program, and what to report afterwards.</summary>
internal interface IOrchestratorDriver
{
    void Reset(Device.DeviceMemory memory, int taskLimit);

    /// <summary>Runs the whole orchestration program, then ends the outer scope and announces the total.</summary>
    void Run(Workloads.Workload workload);

    /// <summary>The next local id to hand out.</summary>
    int NextLocalId { get; }

    /// <summary>What the orchestrator is waiting for, if it is blocked.</summary>
    string? WaitingFor { get; }

    /// <summary>The last run's time per submit-path phase.</summary>
    OrchestratorProfile Profile { get; }
}
