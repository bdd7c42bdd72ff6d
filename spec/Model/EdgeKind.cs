namespace Wireless.Spec.Model;

/// <summary>How a consumer found a producer (as the runtime's <c>EdgeKind</c>); it decides how a dropped edge is treated.</summary>
public enum EdgeKind : byte
{
    /// <summary>An explicit dependency (ordering only). Stamped, dropped if the producer is already retired.</summary>
    Explicit,
    /// <summary>The consumer reads a heap buffer the producer owns. The producer must still be alive (its scope pins it).</summary>
    Creator,
    /// <summary>The TensorMap's last writer of a region the consumer reads (ordering only); filtered by <c>last_task_alive</c> first.</summary>
    Modifier,
}
