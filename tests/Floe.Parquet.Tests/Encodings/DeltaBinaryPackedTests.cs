using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

public sealed class DeltaBinaryPackedTests
{
    public static TheoryData<int> Counts => [0, 1, 2, 32, 33, 127, 128, 129, 130, 256, 257, 1000];

    [Theory]
    [MemberData(nameof(Counts))]
    public void Int32_round_trips_at_block_boundaries(int count)
    {
        var random = new Random(count);
        int[] values = [.. Enumerable.Range(0, count).Select(_ => random.Next(-1000, 1000))];
        AssertRoundTrip32(values);
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void Int64_round_trips_at_block_boundaries(int count)
    {
        var random = new Random(count + 1);
        long[] values = [.. Enumerable.Range(0, count).Select(_ => random.NextInt64(-1L << 40, 1L << 40))];
        AssertRoundTrip64(values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    public void Int32_every_delta_width_round_trips(int bits)
    {
        var random = new Random(bits);
        int acc = 0;
        int[] values = new int[300];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = acc;
            acc = unchecked(acc + (int)((ulong)random.NextInt64() & BitReference.Mask(bits)));
        }

        AssertRoundTrip32(values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(33)]
    [InlineData(63)]
    [InlineData(64)]
    public void Int64_every_delta_width_round_trips(int bits)
    {
        var random = new Random(bits);
        long acc = 0;
        long[] values = new long[300];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = acc;
            acc = unchecked(acc + (long)((ulong)random.NextInt64() * 7 & BitReference.Mask(bits)));
        }

        AssertRoundTrip64(values);
    }

    [Fact]
    public void Extremes_wrap_and_round_trip()
    {
        AssertRoundTrip32([int.MinValue, int.MaxValue, int.MinValue, 0, -1, int.MaxValue, int.MaxValue, int.MinValue]);
        AssertRoundTrip64([long.MinValue, long.MaxValue, long.MinValue, 0, -1, long.MaxValue, 1, long.MinValue]);
    }

    [Fact]
    public void Encode_sorted_sequence_is_compact()
    {
        int[] values = [.. Enumerable.Range(1000, 1000)];
        using var buffer = new PooledBuffer();
        int written = DeltaBinaryPacked.EncodeInt32(values, buffer);
        // Constant delta: every miniblock has width 0; each block is a min delta byte and 4 width bytes.
        Assert.True(written < 100, $"wrote {written} bytes");
    }

    [Fact]
    public void Known_bytes_spec_example()
    {
        // Values 1..5: block 128, 4 miniblocks, count 5, first 1 (zigzag 2), min delta 1 (zigzag 2), widths 0.
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00];
        var values = new int[5];
        Assert.Equal(5, DeltaBinaryPacked.DecodeInt32(data, values, out int consumed));
        Assert.Equal([1, 2, 3, 4, 5], values);
        Assert.Equal(data.Length, consumed);
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32([1, 2, 3, 4, 5], buffer);
        Assert.Equal(data, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Custom_layout_round_trips()
    {
        var random = new Random(3);
        int[] values = [.. Enumerable.Range(0, 2000).Select(_ => random.Next())];
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32(values, buffer, blockSize: 256, miniblockCount: 8);
        var decoded = new int[values.Length];
        DeltaBinaryPacked.DecodeInt32(buffer.WrittenSpan, decoded, out _);
        Assert.Equal(values, decoded);
        Assert.Throws<ParquetException>(() => DeltaBinaryPacked.EncodeInt32(values, buffer, blockSize: 100));
    }

    [Fact]
    public void Decode_reports_consumed_when_followed_by_other_data()
    {
        using var buffer = new PooledBuffer();
        int written = DeltaBinaryPacked.EncodeInt64([5, 9, 2, 100], buffer);
        buffer.Write([0xAB, 0xCD]);
        var decoded = new long[4];
        DeltaBinaryPacked.DecodeInt64(buffer.WrittenSpan, decoded, out int consumed);
        Assert.Equal(written, consumed);
        Assert.Equal(4, DeltaBinaryPacked.ReadValueCount(buffer.WrittenSpan));
    }

    [Fact]
    public void Decode_more_values_than_expected_throws()
    {
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32([1, 2, 3], buffer);
        var ex = Assert.Throws<ParquetException>(() => DeltaBinaryPacked.DecodeInt32(buffer.WrittenSpan, new int[2], out _));
        Assert.Contains("declares 3 values", ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x04, 0x05, 0x02 })] // block size 0
    [InlineData(new byte[] { 0x64, 0x04, 0x05, 0x02 })] // block size 100
    [InlineData(new byte[] { 0x80, 0x01, 0x00, 0x05, 0x02 })] // zero miniblocks
    [InlineData(new byte[] { 0x80, 0x01, 0x03, 0x05, 0x02 })] // 3 miniblocks
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x21, 0x00, 0x00, 0x00 })] // width 33
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00 })] // widths cut off
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x08, 0x00, 0x00, 0x00, 0x01 })] // miniblock cut off
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x05 })] // first value missing
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x05, 0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // varint overflow
    [InlineData(new byte[] { 0x80, 0x01, 0x04, 0x80, 0x80, 0x80, 0x80, 0x08, 0x02 })] // count > int.MaxValue
    public void Decode_corrupt_throws(byte[] data) =>
        Assert.Throws<ParquetException>(() => DeltaBinaryPacked.DecodeInt32(data, new int[16], out _));

    [Fact]
    public void Decode_int64_width_above_64_throws()
    {
        byte[] data = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x41, 0x00, 0x00, 0x00];
        Assert.Throws<ParquetException>(() => DeltaBinaryPacked.DecodeInt64(data, new long[16], out _));
    }

    private static void AssertRoundTrip32(int[] values)
    {
        using var buffer = new PooledBuffer(8);
        int written = DeltaBinaryPacked.EncodeInt32(values, buffer);
        var decoded = new int[values.Length + 3];
        Assert.Equal(values.Length, DeltaBinaryPacked.DecodeInt32(buffer.WrittenSpan, decoded, out int consumed));
        Assert.Equal(values, decoded.Take(values.Length));
        Assert.Equal(written, consumed);
    }

    private static void AssertRoundTrip64(long[] values)
    {
        using var buffer = new PooledBuffer(8);
        int written = DeltaBinaryPacked.EncodeInt64(values, buffer);
        var decoded = new long[values.Length];
        Assert.Equal(values.Length, DeltaBinaryPacked.DecodeInt64(buffer.WrittenSpan, decoded, out int consumed));
        Assert.Equal(values, decoded);
        Assert.Equal(written, consumed);
    }
}
