namespace Wireless.Memory;

/// <summary>
/// The one seam for every shared-memory access of the runtime.
/// </summary>
/// <remarks>
/// Design: the runtime is generic over <c>TMem : struct, ISharedMemory</c>. Every load, store, read-modify-write
/// and fence on memory that more than one thread (or a thread and a simulated core) touches goes through one of
/// these static members, with the ordering the seed design specifies and the <see cref="SpecAction"/> it belongs
/// to. Thread start, spinning, time and plain accesses to kernel buffers go through it too.
///
/// Because <c>TMem</c> is a struct, the JIT compiles one body per instantiation and inlines these members:
/// <see cref="FastMemory"/> maps them to <see cref="Volatile"/> and <see cref="Interlocked"/> and the
/// <c>SpecAction</c> arguments, <see cref="Observe"/> and <see cref="AccessBuffer"/> vanish (see the seam benchmark
/// in <c>perf/</c>). The checker's instantiation (in <c>coyote-tests/</c>) puts a Coyote scheduling point at each
/// access and records the action, so the checked build and the fast build are the same source.
///
/// Shared locations live in arrays allocated on the pinned object heap, so that a checker can identify a location
/// by its address.
/// </remarks>
public interface ISharedMemory
{
    /// <summary>True for a checker's instantiation. Checks that cost time are guarded by it and vanish when false.</summary>
    static abstract bool IsChecked { get; }

    /// <summary>
    /// True if this instantiation may run seeded-bug variants (<see cref="Bug"/>). False for
    /// <see cref="FastMemory"/>, so every variant branch is folded away in the production build.
    /// </summary>
    static abstract bool AllowsBugs { get; }

    static abstract byte Load(ref byte location, MemoryOrder order, SpecAction action);
    static abstract void Store(ref byte location, byte value, MemoryOrder order, SpecAction action);

    static abstract int Load(ref int location, MemoryOrder order, SpecAction action);
    static abstract void Store(ref int location, int value, MemoryOrder order, SpecAction action);
    /// <summary>Compare-and-swap; returns the value read (equal to <paramref name="comparand"/> on success).</summary>
    static abstract int CompareExchange(ref int location, int value, int comparand, MemoryOrder order, SpecAction action);
    static abstract int Exchange(ref int location, int value, MemoryOrder order, SpecAction action);
    /// <summary>Atomic add; returns the value before the add.</summary>
    static abstract int FetchAdd(ref int location, int value, MemoryOrder order, SpecAction action);

    static abstract long Load(ref long location, MemoryOrder order, SpecAction action);
    static abstract void Store(ref long location, long value, MemoryOrder order, SpecAction action);
    static abstract long CompareExchange(ref long location, long value, long comparand, MemoryOrder order, SpecAction action);
    /// <summary>Atomic or; returns the value before the or.</summary>
    static abstract long FetchOr(ref long location, long value, MemoryOrder order, SpecAction action);
    /// <summary>Atomic add; returns the value before the add.</summary>
    static abstract long FetchAdd(ref long location, long value, MemoryOrder order, SpecAction action);

    static abstract void Fence(MemoryOrder order, SpecAction action);

    /// <summary>
    /// Announces plain reads or writes of <paramref name="count"/> elements starting at <paramref name="start"/>
    /// (kernel buffers, descriptors, fanin stripes) made directly, not through this seam. A checker checks them for
    /// data races; the fast build does nothing.
    /// </summary>
    static abstract void AccessBuffer<T>(ref T start, int count, bool write, SpecAction action) where T : unmanaged;

    /// <summary>
    /// A polling loop's iteration found nothing to do, and has settled: run again with the same values read, it would
    /// read no location this one did not, write nothing shared and report nothing but a re-poll. A checker may block
    /// the thread here until another thread stores to a location the iteration read (the idle-poll reduction); the fast
    /// build spins briefly. A loop that has not settled (it polls a rotating subset) does not call this.
    /// </summary>
    static abstract void SpinHint(int idleIterations, SpecAction action);

    /// <summary>A monotonic clock in nanoseconds. A checker returns a logical clock.</summary>
    static abstract long NowNanoseconds();

    /// <summary>Starts a runtime thread (orchestrator, scheduler, or a threaded core).</summary>
    static abstract IRuntimeThread StartThread(string name, Action body);

    /// <summary>
    /// Reports a protocol event to a checker (task submitted, dispatched, completed, watermark value, ...).
    /// The fast instantiation does nothing.
    /// </summary>
    static abstract void Observe(SpecEvent evt, int id, long value);
}

/// <summary>A started runtime thread.</summary>
public interface IRuntimeThread
{
    void Join();
}
