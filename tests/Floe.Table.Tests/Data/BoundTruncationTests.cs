using System.Text;
using Floe.Table.Data.Metrics;

namespace Floe.Table.Tests.Data;

public sealed class BoundTruncationTests
{
    [Theory]
    [InlineData("abcdef", 3, "abc", "abd")]
    [InlineData("ab", 3, "ab", "ab")]
    [InlineData("aé€😀x", 4, "aé€😀", "aé€😁")]
    [InlineData("a\U0010FFFF\U0010FFFFz", 3, "a\U0010FFFF\U0010FFFF", "b")]
    [InlineData("a\uD7FFz", 2, "a\uD7FF", "a\uE000")]
    public void Strings_are_cut_by_code_points(string value, int length, string lower, string upper)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        Assert.Equal(lower, Encoding.UTF8.GetString(BoundTruncation.TruncateStringLower(utf8, length)));
        Assert.Equal(upper, Encoding.UTF8.GetString(BoundTruncation.TruncateStringUpper(utf8, length)!));
    }

    [Fact]
    public void A_string_of_maximal_code_points_has_no_upper_bound()
    {
        Assert.Null(BoundTruncation.TruncateStringUpper(Encoding.UTF8.GetBytes("\U0010FFFF\U0010FFFFa"), 2));
    }

    [Fact]
    public void Binary_upper_bounds_carry_past_0xFF()
    {
        Assert.Equal([1, 3], BoundTruncation.TruncateBinaryUpper([1, 2, 0xFF, 7], 3));
        Assert.Equal([1, 2], BoundTruncation.TruncateBinaryLower([1, 2, 0xFF, 7], 2));
        Assert.Null(BoundTruncation.TruncateBinaryUpper([0xFF, 0xFF, 1], 2));
        Assert.Equal([0xFF, 0xFF], BoundTruncation.TruncateBinaryUpper([0xFF, 0xFF], 2));
    }
}
