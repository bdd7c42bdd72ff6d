namespace Wireless;

/// <summary>
/// A task's resource shape: which cores of a cluster it needs. AIC: the cube core; AIV: one vector core; MIX: the
/// whole cluster (1 AIC + 2 AIV) at once. There is one ready queue per shape.
/// </summary>
public enum Shape : byte
{
    AIC,
    AIV,
    MIX,
}

/// <summary>Which kernel a task runs. Every kernel is a deterministic mixing function of what it reads.</summary>
public enum Kernel : byte
{
    Generic,
    /// <summary>Paged attention: Q·Kᵀ (AIC).</summary>
    QK,
    /// <summary>Paged attention: softmax prepare (AIV).</summary>
    SF,
    /// <summary>Paged attention: P·V (AIC).</summary>
    PV,
    /// <summary>Paged attention: online-softmax update (AIV).</summary>
    UP,
    /// <summary>bgemm: matrix multiply (AIC).</summary>
    GEMM,
    /// <summary>bgemm: accumulate (AIV).</summary>
    ADD,
    /// <summary><c>alloc_tensors</c>: allocates outputs and is complete at once; never runs on a core.</summary>
    Alloc,
}

/// <summary>A fault injected into a kernel, to test error handling.</summary>
public enum KernelFault : byte
{
    None,
    /// <summary>The kernel throws.</summary>
    Throw,
    /// <summary>The kernel never finishes (its core never reports FIN).</summary>
    Hang,
}
