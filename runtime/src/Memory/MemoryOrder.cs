namespace Wireless.Memory;

/// <summary>
/// The C/C++11 orderings the seed code relies on, plus <see cref="NonAtomic"/> for plain accesses to shared
/// data (descriptors, wake-list links, kernel buffers) that must be ordered by some other acquire/release pair.
/// </summary>
public enum MemoryOrder : byte
{
    /// <summary>A plain access. Racing with another access to the same location is a data race.</summary>
    NonAtomic,
    Relaxed,
    Acquire,
    Release,
    AcqRel,
    SeqCst,
}
