using System.Runtime.CompilerServices;

namespace Wireless;

/// <summary>A 64-bit mixing function (SplitMix64 finaliser): order-sensitive, so a reordered read changes the result.</summary>
public static class Mixing
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong acc, ulong value)
    {
        ulong z = acc ^ (value + 0x9E3779B97F4A7C15UL + (acc << 6) + (acc >> 2));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
