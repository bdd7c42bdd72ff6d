namespace Wireless.Orchestration;

/// <summary>How a scope finds dependencies (seed §2.3).</summary>
public enum ScopeMode : byte
{
    /// <summary>Owner handles and the TensorMap find producers; explicit dependencies are added.</summary>
    Auto,
    /// <summary>No TensorMap work and no owner edges: only explicit dependencies order tasks.</summary>
    Manual,
}
