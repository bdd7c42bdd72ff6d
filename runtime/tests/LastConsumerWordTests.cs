using Wireless.Ring;
using Xunit;

namespace Wireless.Tests;

/// <summary>The slot's last consumer local id packed with the scope-pin and retired flags in one 64-bit word.</summary>
public sealed class LastConsumerWordTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(42, true)]
    [InlineData(-1, true)]
    [InlineData(int.MaxValue, false)]
    [InlineData(int.MinValue, true)]
    public void Make_round_trips_the_id_and_the_pin(int id, bool pinned)
    {
        var word = LastConsumerWord.Make(id, pinned);
        Assert.Equal(id, LastConsumerWord.LastConsumer(word));
        Assert.Equal(pinned, LastConsumerWord.IsPinned(word));
        Assert.False(LastConsumerWord.IsRetired(word));
    }

    [Fact]
    public void The_flags_are_separate_bits_above_the_id()
    {
        Assert.Equal(0, LastConsumerWord.Pinned & 0xFFFF_FFFFL);
        Assert.Equal(0, LastConsumerWord.Retired & 0xFFFF_FFFFL);
        Assert.Equal(0, LastConsumerWord.Pinned & LastConsumerWord.Retired);
        var word = LastConsumerWord.Make(-1, pinned: false) | LastConsumerWord.Retired;
        Assert.True(LastConsumerWord.IsRetired(word));
        Assert.False(LastConsumerWord.IsPinned(word));
        Assert.Equal(-1, LastConsumerWord.LastConsumer(word));
    }

    [Fact]
    public void WithConsumer_raises_the_last_consumer_across_the_wrap_and_keeps_the_flags()
    {
        var word = LastConsumerWord.Make(int.MaxValue - 1, pinned: true);
        var raised = LastConsumerWord.WithConsumer(word, int.MinValue + 2);
        Assert.Equal(int.MinValue + 2, LastConsumerWord.LastConsumer(raised));
        Assert.True(LastConsumerWord.IsPinned(raised));
        Assert.False(LastConsumerWord.IsRetired(raised));

        var retired = LastConsumerWord.Make(5, pinned: false) | LastConsumerWord.Retired;
        var kept = LastConsumerWord.WithConsumer(retired, 9);
        Assert.Equal(9, LastConsumerWord.LastConsumer(kept));
        Assert.True(LastConsumerWord.IsRetired(kept));
        Assert.False(LastConsumerWord.IsPinned(kept));
    }

    [Fact]
    public void WithConsumer_never_lowers_the_last_consumer()
    {
        var word = LastConsumerWord.Make(int.MinValue + 3, pinned: false);
        Assert.Equal(word, LastConsumerWord.WithConsumer(word, int.MaxValue));
        Assert.Equal(word, LastConsumerWord.WithConsumer(word, int.MinValue + 3));
        var pinned = LastConsumerWord.Make(100, pinned: true);
        Assert.Equal(pinned, LastConsumerWord.WithConsumer(pinned, 99));
    }
}
