using System.Runtime.CompilerServices;
using Wireless.Orchestration;
using Wireless.Ring;
using Xunit;

namespace Wireless.Tests;

/// <summary>Per-slot shared data by cache lines: aligned, a slot's part on lines of its own, resets that wrap.</summary>
public sealed class LineArrayTests
{
    private static unsafe long Address<T>(ref T element) => (long)Unsafe.AsPointer(ref element);

    [Fact]
    public void The_first_element_starts_a_line_and_stripes_of_whole_lines_share_none()
    {
        var args = new LineArray<TensorArg>(8, 3, wholeLines: true);
        Assert.Equal(0, Address(ref args.At(0)) % 64);
        Assert.True(args.Stride >= 3);
        Assert.Equal(0, args.Stride * Unsafe.SizeOf<TensorArg>() % 64);
        for (var slot = 1; slot < 8; slot++)
            Assert.True(Address(ref args.At(slot)) - Address(ref args.Stripe(slot - 1)[2]) >= Unsafe.SizeOf<TensorArg>());
        var flags = new LineArray<byte>(128, 1, wholeLines: false);
        Assert.Equal(0, Address(ref flags.At(0)) % 64);
        Assert.Equal(1, Address(ref flags.At(1)) - Address(ref flags.At(0)));
        Assert.Equal(64, Address(ref flags.At(64)) - Address(ref flags.At(0)));
    }

    [Fact]
    public void Fill_sets_the_slots_from_the_first_and_wraps_past_the_last()
    {
        var words = new LineArray<long>(8, 2, wholeLines: true);
        words.Fill(6, 4, 7);
        for (var slot = 0; slot < 8; slot++)
            Assert.All(words.Stripe(slot).ToArray(), w => Assert.Equal(slot is 6 or 7 or 0 or 1 ? 7 : 0, w));
    }
}
