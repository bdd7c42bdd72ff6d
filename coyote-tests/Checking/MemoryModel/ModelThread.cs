namespace Wireless.Checking.MemoryModel;

/// <summary>The memory model's state of one thread (its views and clocks are its own, reused only by it).</summary>
public sealed class ModelThread(int id, string name)
{
    public int Id { get; } = id;
    public string Name { get; set; } = name;
    /// <summary>Happens-before knowledge (for data races and for what acquiring makes visible).</summary>
    public VectorClock Clock { get; } = new();
    /// <summary>Coherence: per location, the oldest store this thread may still read or write after.</summary>
    public View View { get; } = new();
    /// <summary>Views and clocks of the messages relaxed loads read since; an acquire fence joins them.</summary>
    public View PendingAcquire { get; } = new();
    public VectorClock PendingAcquireClock { get; } = new();
    /// <summary>Set by a release fence: relaxed stores after it carry this view and clock.</summary>
    public bool HasFenceRelease { get; set; }
    public View FenceReleaseView { get; } = new();
    public VectorClock FenceReleaseClock { get; } = new();
    /// <summary>The store count when this thread's view last caught up with the newest stores (spin hint).</summary>
    public long CaughtUpAt { get; set; } = -1;

    /// <summary>The epoch of this thread's current accesses.</summary>
    public int Epoch => Clock[Id];
}
