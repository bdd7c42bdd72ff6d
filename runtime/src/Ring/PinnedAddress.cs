using System.Runtime.CompilerServices;

namespace Wireless.Ring;

/// <summary>Addresses of locations in pinned arrays (stable for the array's lifetime), for checkers.</summary>
public static class PinnedAddress
{
    public static unsafe nint Of<T>(ref T location) => (nint)Unsafe.AsPointer(ref location);
}
