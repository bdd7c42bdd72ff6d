using Wireless.Memory;
using Wireless.Ring;

namespace Wireless.Scheduling;

/// <summary>
/// Whether the run was aborted, and why: the first runtime error latched by any thread (first writer wins). Every
/// loop of every thread polls <see cref="Aborted"/> and stops.
/// </summary>
internal sealed class RunStatus<TMem>(TaskRing ring) where TMem : struct, ISharedMemory
{
    private string? _errorMessage;

    /// <summary>The first error latched in this run, if any.</summary>
    public string? ErrorMessage => Volatile.Read(ref _errorMessage);

    public void Reset() => _errorMessage = null;

    /// <summary>True once a runtime error was latched.</summary>
    public bool Aborted()
        // Acquire: pairs with the CAS in Fail, so the message written before it is visible.
        => TMem.Load(ref ring.Ctl.ErrorCode, MemoryOrder.Acquire, SpecAction.Abort) != 0;

    /// <summary>Latches a runtime error (first writer wins) and asks every thread to stop.</summary>
    public void Fail(string message)
    {
        Interlocked.CompareExchange(ref _errorMessage, message, null);
        // AcqRel: the first error wins; its message (written just before) is published to every Aborted() reader.
        TMem.CompareExchange(ref ring.Ctl.ErrorCode, 1, 0, MemoryOrder.AcqRel, SpecAction.Abort);
    }
}
