using Floe.Common.Columnar;

namespace Floe.Common.Tests.Columnar;

public sealed class ValidityGrowthTests
{
    [Fact]
    public void Rows_appended_long_after_the_last_null_are_present()
    {
        using var vector = new PrimitiveVector<long>(ColumnType.Int64);
        vector.AppendNull();
        for (int i = 1; i < 10_000; i++)
        {
            vector.Append(i);
        }

        ReadOnlySpan<ulong> words = vector.ValidityWords;

        Assert.Equal((10_000 + 63) / 64, words.Length);
        Assert.Equal(ulong.MaxValue - 1, words[0]);
        Assert.Equal(ulong.MaxValue, words[^2]);
        Assert.True(vector.IsNull(0));
        Assert.False(vector.IsNull(9_999));
        Assert.Equal(1, vector.NullCount);
    }

    [Fact]
    public void IsNull_past_the_bitmap_is_false_before_the_bitmap_grows()
    {
        using var vector = new PrimitiveVector<int>(ColumnType.Int32);
        vector.AppendNull();
        for (int i = 0; i < 5_000; i++)
        {
            vector.Append(i);
        }

        Assert.False(vector.IsNull(5_000));
        vector.AppendNull();
        Assert.True(vector.IsNull(5_001));
        Assert.Equal(2, vector.NullCount);
    }
}
