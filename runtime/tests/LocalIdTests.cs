using Xunit;

namespace Wireless.Tests;

/// <summary>
/// Serial-number arithmetic on local ids: every comparison must keep working when the 32-bit counter wraps from
/// <see cref="int.MaxValue"/> to <see cref="int.MinValue"/>, as long as the ids are less than 2^31 apart.
/// </summary>
public sealed class LocalIdTests
{
    public static TheoryData<int> StartsAroundTheWrap => new()
    {
        int.MaxValue - 40,
        int.MaxValue - 5,
        int.MaxValue,
        int.MinValue,
        int.MinValue + 3,
        -20,
        0,
    };

    [Theory]
    [MemberData(nameof(StartsAroundTheWrap))]
    public void Before_AtOrBefore_Distance_and_Max_agree_with_submission_order_across_the_wrap(int start)
    {
        for (var d = 1; d <= 64; d++)
        {
            var later = unchecked(start + d);
            Assert.True(LocalId.Before(start, later), $"{start} should be before {later}");
            Assert.False(LocalId.Before(later, start), $"{later} should not be before {start}");
            Assert.True(LocalId.AtOrBefore(start, later));
            Assert.False(LocalId.AtOrBefore(later, start));
            Assert.Equal(d, LocalId.Distance(start, later));
            Assert.Equal(-d, LocalId.Distance(later, start));
            Assert.Equal(later, LocalId.Max(start, later));
            Assert.Equal(later, LocalId.Max(later, start));
            Assert.Equal(later, LocalId.Add(start, d));
        }
    }

    [Fact]
    public void The_id_after_int_MaxValue_is_int_MinValue_and_comes_later()
    {
        Assert.Equal(int.MinValue, LocalId.Next(int.MaxValue));
        Assert.True(LocalId.Before(int.MaxValue, int.MinValue));
        Assert.False(LocalId.Before(int.MinValue, int.MaxValue));
        Assert.Equal(1, LocalId.Distance(int.MaxValue, int.MinValue));
        Assert.Equal(int.MinValue, LocalId.Max(int.MaxValue, int.MinValue));
        Assert.Equal(int.MinValue, LocalId.Max(int.MinValue, int.MaxValue));
        Assert.Equal(int.MinValue + 4, LocalId.Add(int.MaxValue, 5));
        Assert.Equal(int.MaxValue - 2, LocalId.Add(int.MinValue + 2, -5));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_id_is_at_or_before_itself_but_not_before_itself(int id)
    {
        Assert.False(LocalId.Before(id, id));
        Assert.True(LocalId.AtOrBefore(id, id));
        Assert.Equal(0, LocalId.Distance(id, id));
        Assert.Equal(id, LocalId.Max(id, id));
    }

    [Fact]
    public void Ids_up_to_2_pow_31_minus_1_apart_still_compare_correctly()
    {
        const int farthest = int.MaxValue;
        foreach (var start in new[] { int.MinValue, int.MaxValue, -1, 0, 12345 })
        {
            var later = unchecked(start + farthest);
            Assert.True(LocalId.Before(start, later));
            Assert.False(LocalId.Before(later, start));
            Assert.Equal(farthest, LocalId.Distance(start, later));
            Assert.Equal(later, LocalId.Max(start, later));
        }
    }

    [Fact]
    public void TaskId_prints_its_local_id()
    {
        Assert.Equal("task#-2147483648", new TaskId(int.MinValue).ToString());
    }
}
