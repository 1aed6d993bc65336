using System.Text;
using Floe.Parquet.Writing.Statistics;

namespace Floe.Parquet.Tests.Writing;

public sealed class StatisticsTests
{
    [Fact]
    public void Integer_bounds_are_signed()
    {
        var stats = new IntegerStatistics<int>();
        int[] values = [.. Enumerable.Range(-50, 100).Select(i => i * 3), int.MinValue + 1, 17];
        stats.Update(values);

        Assert.Equal(int.MinValue + 1, stats.Min);
        Assert.Equal(147, stats.Max);
        Assert.Equal(BitConverter.GetBytes(int.MinValue + 1), stats.MinBytes());
    }

    [Fact]
    public void Long_bounds_cover_vector_and_tail_lanes()
    {
        var stats = new IntegerStatistics<long>();
        long[] values = [.. Enumerable.Range(0, 37).Select(i => (long)i * 1_000_000_007)];
        values[36] = -5;
        values[3] = long.MaxValue;
        stats.Update(values);

        Assert.Equal(-5, stats.Min);
        Assert.Equal(long.MaxValue, stats.Max);
        Assert.Equal(BitConverter.GetBytes(long.MaxValue), stats.MaxBytes());
    }

    [Fact]
    public void Doubles_skip_nan_and_count_it()
    {
        var stats = new FloatingStatistics<double>();
        stats.Update([double.NaN, 2.5, -1.25, double.NaN]);

        Assert.Equal(2, stats.NanCount);
        Assert.Equal(-1.25, stats.Min);
        Assert.Equal(2.5, stats.Max);
    }

    [Fact]
    public void All_nan_has_no_bounds()
    {
        var stats = new FloatingStatistics<float>();
        stats.Update([float.NaN]);

        Assert.False(stats.HasBounds);
        Assert.Equal(1, stats.NanCount);
    }

    [Fact]
    public void Zero_bounds_are_written_as_negative_min_and_positive_max()
    {
        var stats = new FloatingStatistics<double>();
        stats.Update([0.0, 0.0]);

        Assert.True(double.IsNegative(stats.Min));
        Assert.False(double.IsNegative(stats.Max));
        Assert.Equal(BitConverter.GetBytes(-0.0), stats.MinBytes());
        Assert.Equal(BitConverter.GetBytes(0.0), stats.MaxBytes());
    }

    [Fact]
    public void Merge_combines_chunks()
    {
        var file = new FloatingStatistics<double>();
        var chunk = new FloatingStatistics<double>();
        chunk.Update([3.0, double.NaN]);
        chunk.NullCount = 2;
        file.MergeFrom(chunk);
        chunk.Reset();
        chunk.Update([-7.0]);
        file.MergeFrom(chunk);

        Assert.Equal(-7.0, file.Min);
        Assert.Equal(3.0, file.Max);
        Assert.Equal(1, file.NanCount);
        Assert.Equal(2, file.NullCount);
    }

    [Fact]
    public void Booleans_order_false_before_true()
    {
        var stats = new BooleanStatistics();
        stats.Update([1, 1]);
        Assert.Equal([1], stats.MinBytes());
        stats.Update([0]);
        Assert.Equal([0], stats.MinBytes());
        Assert.Equal([1], stats.MaxBytes());
    }

    [Fact]
    public void Byte_strings_compare_unsigned()
    {
        var stats = new ByteArrayStatistics(ByteOrdering.Unsigned);
        stats.Update([0x7F]);
        stats.Update([0x80]);
        stats.Update([0x7F, 0x00]);
        stats.Update([]);

        Assert.Equal(Array.Empty<byte>(), stats.MinBytes());
        Assert.Equal([0x80], stats.MaxBytes());
    }

    [Theory]
    [InlineData(new[] { "I", "I", "I" }, "I", "I")]
    [InlineData(new[] { "UA", "UA" }, "UA", "UA")]
    [InlineData(new[] { "bb", "b", "b", "bb" }, "b", "bb")]
    [InlineData(new[] { "b", "b", "a", "c" }, "a", "c")]
    public void Byte_string_ranges_give_their_bounds_whether_or_not_they_hold_one_value(string[] values, string min, string max)
    {
        var stats = new ByteArrayStatistics(ByteOrdering.Unsigned);
        (int[] offsets, byte[] bytes) = Floe.Parquet.Tests.Encodings.PlainTests.Columnar(values);
        stats.Update(offsets, bytes);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(min), stats.MinBytes());
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(max), stats.MaxBytes());
    }

    [Fact]
    public void Fixed_decimals_compare_signed()
    {
        var stats = new ByteArrayStatistics(ByteOrdering.SignedBigEndian);
        stats.UpdateFixed([0x00, 0x05, 0xFF, 0xFE, 0x7F, 0x00], 2);

        Assert.Equal([0xFF, 0xFE], stats.MinBytes());
        Assert.Equal([0x7F, 0x00], stats.MaxBytes());
    }

    [Fact]
    public void Truncated_min_is_a_prefix_and_max_is_incremented()
    {
        byte[] value = [1, 2, 0xFF, 4];
        Assert.Equal([1, 2], BoundTruncation.TruncateMin(value, 2, utf8: false));
        Assert.Equal([1, 3], BoundTruncation.TruncateMax(value, 3, utf8: false));
        Assert.Null(BoundTruncation.TruncateMax([0xFF, 0xFF, 0xFF], 2, utf8: false));
        Assert.Equal(value, BoundTruncation.TruncateMax(value, 4, utf8: false));
    }

    [Fact]
    public void Truncated_text_keeps_whole_code_points()
    {
        byte[] text = Encoding.UTF8.GetBytes("ab\u00e9z");
        Assert.Equal("ab", Encoding.UTF8.GetString(BoundTruncation.TruncateMin(text, 3, utf8: true)));
        Assert.Equal("ac", Encoding.UTF8.GetString(BoundTruncation.TruncateMax(text, 3, utf8: true)!));
        Assert.Equal("ab\u00ea", Encoding.UTF8.GetString(BoundTruncation.TruncateMax(text, 4, utf8: true)!));
        byte[] top = Encoding.UTF8.GetBytes("\U0010FFFF\U0010FFFFx");
        Assert.Null(BoundTruncation.TruncateMax(top, 8, utf8: true));
    }
}
