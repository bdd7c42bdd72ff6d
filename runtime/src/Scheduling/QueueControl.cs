using System.Runtime.InteropServices;

namespace Wireless.Scheduling;

/// <summary>Two queue positions written by different threads, each on its own 128-byte line.</summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct QueueControl
{
    [FieldOffset(0)] public int Head;
    [FieldOffset(128)] public int Tail;
}
