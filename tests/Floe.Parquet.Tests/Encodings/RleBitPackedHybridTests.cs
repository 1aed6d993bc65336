using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

public sealed class RleBitPackedHybridTests
{
    public static TheoryData<int> Widths => [.. Enumerable.Range(0, 33)];

    [Fact]
    public void Decode_spec_bit_packed_example()
    {
        // Header (1 group << 1 | 1) then the spec's bytes for 0..7 at width 3.
        byte[] data = [0x03, 0b10001000, 0b11000110, 0b11111010];
        var values = new int[8];
        int consumed = RleBitPackedHybrid.Decode(data, 3, values);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
        Assert.Equal(4, consumed);
    }

    [Fact]
    public void Encode_zero_to_seven_is_one_bit_packed_group()
    {
        using var buffer = new PooledBuffer();
        RleBitPackedHybrid.Encode([0, 1, 2, 3, 4, 5, 6, 7], 3, buffer);
        Assert.Equal(new byte[] { 0x03, 0b10001000, 0b11000110, 0b11111010 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_long_repeat_is_one_rle_run()
    {
        using var buffer = new PooledBuffer();
        RleBitPackedHybrid.Encode(Enumerable.Repeat(5, 100).ToArray(), 3, buffer);
        // Header 100 << 1 = 200 as ULEB128 (0xC8 0x01), then the value in one byte.
        Assert.Equal(new byte[] { 0xC8, 0x01, 0x05 }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_wide_value_writes_all_value_bytes()
    {
        using var buffer = new PooledBuffer();
        RleBitPackedHybrid.Encode(Enumerable.Repeat(0x7A123456, 10).ToArray(), 32, buffer);
        Assert.Equal(new byte[] { 20, 0x56, 0x34, 0x12, 0x7A }, buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Round_trip_random_runs_and_literals(int bitWidth)
    {
        var random = new Random(bitWidth * 31 + 7);
        ulong mask = BitReference.Mask(bitWidth);
        foreach (int count in new[] { 0, 1, 7, 8, 9, 100, 1024, 5000 })
        {
            int[] values = MakeValues(random, count, mask);
            using var buffer = new PooledBuffer(16);
            int written = RleBitPackedHybrid.Encode(values, bitWidth, buffer);
            Assert.Equal(buffer.WrittenCount, written);
            var decoded = new int[count];
            int consumed = RleBitPackedHybrid.Decode(buffer.WrittenSpan, bitWidth, decoded);
            Assert.Equal(values, decoded);
            Assert.True(consumed <= written);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(13)]
    public void Decoder_batches_of_odd_sizes_equal_one_shot_decode(int bitWidth)
    {
        var random = new Random(99);
        int[] values = MakeValues(random, 3001, BitReference.Mask(bitWidth));
        using var buffer = new PooledBuffer();
        RleBitPackedHybrid.Encode(values, bitWidth, buffer);
        var decoder = new RleBitPackedHybridDecoder(buffer.WrittenSpan, bitWidth);
        var decoded = new int[values.Length];
        int at = 0;
        int step = 1;
        while (at < decoded.Length)
        {
            int n = Math.Min(step, decoded.Length - at);
            decoder.Read(decoded.AsSpan(at, n));
            at += n;
            step = step % 17 + 3;
        }

        Assert.Equal(values, decoded);
    }

    [Fact]
    public void Length_prefixed_round_trip_consumes_prefix_and_body()
    {
        int[] levels = [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0];
        using var buffer = new PooledBuffer();
        buffer.Write([0xEE]);
        int written = RleBitPackedHybrid.EncodeLengthPrefixed(levels, 1, buffer);
        Assert.Equal(buffer.WrittenCount - 1, written);
        var decoded = new int[levels.Length];
        int consumed = RleBitPackedHybrid.DecodeLengthPrefixed(buffer.WrittenSpan.Slice(1), 1, decoded);
        Assert.Equal(written, consumed);
        Assert.Equal(levels, decoded);
    }

    [Fact]
    public void Dictionary_indices_round_trip_with_width_byte()
    {
        int[] indices = [.. Enumerable.Range(0, 500).Select(i => i % 37)];
        using var buffer = new PooledBuffer();
        int written = RleBitPackedHybrid.EncodeDictionaryIndices(indices, 37, buffer);
        Assert.Equal(6, buffer.WrittenSpan[0]);
        var decoded = new int[indices.Length];
        Assert.Equal(written, RleBitPackedHybrid.DecodeDictionaryIndices(buffer.WrittenSpan, decoded));
        Assert.Equal(indices, decoded);
    }

    [Fact]
    public void Dictionary_indices_single_entry_dictionary_uses_width_zero()
    {
        using var buffer = new PooledBuffer();
        RleBitPackedHybrid.EncodeDictionaryIndices(new int[20], 1, buffer);
        Assert.Equal(0, buffer.WrittenSpan[0]);
        var decoded = Enumerable.Repeat(9, 20).ToArray();
        RleBitPackedHybrid.DecodeDictionaryIndices(buffer.WrittenSpan, decoded);
        Assert.All(decoded, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Decode_truncated_final_bit_packed_run_is_accepted()
    {
        // Header says 2 groups (16 values at width 3 = 6 bytes) but only the bytes for 8 values follow.
        byte[] data = [0x05, 0b10001000, 0b11000110, 0b11111010];
        var values = new int[8];
        RleBitPackedHybrid.Decode(data, 3, values);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], values);
    }

    [Fact]
    public void Decode_data_ends_early_throws_naming_counts()
    {
        byte[] data = [0x10, 0x01]; // RLE run of 8 ones
        var ex = Assert.Throws<ParquetException>(() => RleBitPackedHybrid.Decode(data, 1, new int[10]));
        Assert.Contains("after 8 values", ex.Message);
    }

    [Fact]
    public void Decode_bit_packed_run_too_short_throws()
    {
        byte[] data = [0x03, 0xFF]; // one group at width 3 needs 3 bytes
        Assert.Throws<ParquetException>(() => RleBitPackedHybrid.Decode(data, 3, new int[8]));
    }

    [Fact]
    public void Decode_rle_value_wider_than_bit_width_throws()
    {
        byte[] data = [0x10, 0x09]; // RLE value 9 at width 3
        var ex = Assert.Throws<ParquetException>(() => RleBitPackedHybrid.Decode(data, 3, new int[8]));
        Assert.Contains("does not fit", ex.Message);
    }

    [Fact]
    public void Decode_overlong_varint_header_throws()
    {
        byte[] data = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];
        Assert.Throws<ParquetException>(() => RleBitPackedHybrid.Decode(data, 3, new int[8]));
    }

    [Fact]
    public void Decode_rle_value_missing_throws()
    {
        byte[] data = [0x10]; // RLE header without its value byte
        Assert.Throws<ParquetException>(() => RleBitPackedHybrid.Decode(data, 3, new int[8]));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x00 })]
    [InlineData(new byte[] { 0x10, 0x00, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x01, 0x00 })]
    public void Decode_length_prefixed_bad_prefix_throws(byte[] data) =>
        Assert.Throws<ParquetException>(() => RleBitPackedHybrid.DecodeLengthPrefixed(data, 1, new int[1]));

    [Fact]
    public void Decode_bit_width_out_of_range_throws()
    {
        Assert.Throws<ParquetException>(() => RleBitPackedHybrid.Decode([0x02, 0x00], 33, new int[1]));
        Assert.Throws<ParquetException>(() => RleBitPackedHybrid.DecodeDictionaryIndices([33, 0x02, 0x00], new int[1]));
    }

    [Fact]
    public void Encode_value_too_wide_throws() =>
        Assert.Throws<ParquetException>(() => RleBitPackedHybrid.Encode([1, 2, 9], 3, new PooledBuffer()));

    private static int[] MakeValues(Random random, int count, ulong mask)
    {
        var values = new int[count];
        int i = 0;
        while (i < count)
        {
            int v = (int)((ulong)random.NextInt64() & mask);
            int run = random.Next(4) == 0 ? random.Next(1, 40) : 1;
            for (int k = 0; k < run && i < count; k++)
            {
                values[i++] = v;
            }
        }

        return values;
    }
}

public sealed class RleBitPackedHybridReferenceTests
{
    public static TheoryData<int> Widths => [0, 1, 2, 3, 5, 8, 11, 16, 20, 31, 32];

    /// <summary>Streams written by a simple reference encoder with arbitrary run shapes decode to the same values.</summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Decode_reference_streams_with_arbitrary_run_shapes(int bitWidth)
    {
        var random = new Random(500 + bitWidth);
        ulong mask = BitReference.Mask(bitWidth);
        for (int trial = 0; trial < 20; trial++)
        {
            var expected = new List<int>();
            var stream = new List<byte>();
            int runs = random.Next(1, 30);
            for (int r = 0; r < runs; r++)
            {
                if (random.Next(2) == 0)
                {
                    int count = random.Next(0, 300);
                    int value = (int)((ulong)random.NextInt64() & mask);
                    WriteVarint(stream, (ulong)count << 1);
                    for (int b = 0; b < (bitWidth + 7) / 8; b++)
                    {
                        stream.Add((byte)(value >> (8 * b)));
                    }

                    expected.AddRange(Enumerable.Repeat(value, count));
                }
                else
                {
                    int groups = random.Next(0, 20);
                    ulong[] values = [.. Enumerable.Range(0, groups * 8).Select(_ => (ulong)random.NextInt64() & mask)];
                    WriteVarint(stream, ((ulong)groups << 1) | 1);
                    stream.AddRange(BitReference.Pack(values, bitWidth));
                    expected.AddRange(values.Select(v => (int)(uint)v));
                }
            }

            var decoded = new int[expected.Count];
            RleBitPackedHybrid.Decode(stream.ToArray(), bitWidth, decoded);
            Assert.Equal(expected, decoded);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(1000)]
    public void Booleans_round_trip_length_prefixed(int count)
    {
        var random = new Random(count);
        bool[] values = [.. Enumerable.Range(0, count).Select(i => i % 100 < 50 || random.Next(2) == 0)];
        using var buffer = new PooledBuffer();
        int written = RleBitPackedHybrid.EncodeBooleans(values, buffer);
        Assert.Equal(written - 4, BitConverter.ToInt32(buffer.WrittenSpan.Slice(0, 4)));
        var decoded = new bool[count];
        Assert.Equal(written, RleBitPackedHybrid.DecodeBooleans(buffer.WrittenSpan, decoded));
        Assert.Equal(values, decoded);
    }

    private static void WriteVarint(List<byte> stream, ulong value)
    {
        while (value >= 0x80)
        {
            stream.Add((byte)(value | 0x80));
            value >>= 7;
        }

        stream.Add((byte)value);
    }
}
