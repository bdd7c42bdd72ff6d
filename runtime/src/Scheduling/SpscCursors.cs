using System.Runtime.InteropServices;

namespace Wireless.Scheduling;

/// <summary>
/// The private positions of an <see cref="SpscQueue{TMem}"/>: the producer's next position and its copy of Tail, the
/// consumer's next position and its copy of Head.
/// </summary>
/// <remarks>
/// Design: each side writes only its own pair, with plain stores (no other thread reads them). The pairs are 128 bytes
/// from each other and from whatever lies around the struct (two cache lines, against adjacent-line prefetch), so a
/// push never touches the consumer's line and a pop never the producer's.
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 384)]
internal struct SpscCursors
{
    [FieldOffset(128)] public int Head;
    [FieldOffset(132)] public int CachedTail;
    [FieldOffset(256)] public int Tail;
    [FieldOffset(260)] public int CachedHead;
}
