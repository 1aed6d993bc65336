using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

public sealed class BitPackingTests
{
    public static TheoryData<int> Widths32 => [.. Enumerable.Range(0, 33)];

    public static TheoryData<int> Widths64 => [.. Enumerable.Range(0, 65)];

    [Fact]
    public void Pack_32_spec_example_zero_to_seven_at_width_three()
    {
        var bytes = new byte[3];
        int written = BitPacking.Pack32([0, 1, 2, 3, 4, 5, 6, 7], 3, bytes);
        Assert.Equal(3, written);
        Assert.Equal(new byte[] { 0b10001000, 0b11000110, 0b11111010 }, bytes);
    }

    [Theory]
    [MemberData(nameof(Widths32))]
    public void Unpack_32_matches_reference_for_many_counts(int bitWidth)
    {
        var random = new Random(1000 + bitWidth);
        foreach (int count in new[] { 0, 1, 7, 8, 9, 63, 64, 65, 1000 })
        {
            byte[] packed = new byte[BitPacking.PackedLength(count, bitWidth)];
            random.NextBytes(packed);
            var actual = new int[count];
            BitPacking.Unpack32(packed, actual, bitWidth);
            ulong[] expected = BitReference.Unpack(packed, count, bitWidth);
            Assert.Equal(expected.Select(v => (int)(uint)v), actual);
        }
    }

    [Theory]
    [MemberData(nameof(Widths64))]
    public void Unpack_64_matches_reference_for_many_counts(int bitWidth)
    {
        var random = new Random(2000 + bitWidth);
        foreach (int count in new[] { 0, 1, 7, 8, 9, 65, 300 })
        {
            byte[] packed = new byte[BitPacking.PackedLength(count, bitWidth)];
            random.NextBytes(packed);
            var actual = new long[count];
            BitPacking.Unpack64(packed, actual, bitWidth);
            ulong[] expected = BitReference.Unpack(packed, count, bitWidth);
            Assert.Equal(expected.Select(v => (long)v), actual);
        }
    }

    [Theory]
    [MemberData(nameof(Widths32))]
    public void Pack_32_matches_reference_and_round_trips(int bitWidth)
    {
        var random = new Random(3000 + bitWidth);
        int[] values = [.. Enumerable.Range(0, 203).Select(_ => (int)((ulong)random.NextInt64() & BitReference.Mask(bitWidth)))];
        var packed = new byte[BitPacking.PackedLength(values.Length, bitWidth)];
        int written = BitPacking.Pack32(values, bitWidth, packed);
        Assert.Equal(packed.Length, written);
        Assert.Equal(BitReference.Pack([.. values.Select(v => (ulong)(uint)v)], bitWidth), packed);
        var back = new int[values.Length];
        BitPacking.Unpack32(packed, back, bitWidth);
        Assert.Equal(values, back);
    }

    [Theory]
    [MemberData(nameof(Widths64))]
    public void Pack_64_matches_reference_and_round_trips(int bitWidth)
    {
        var random = new Random(4000 + bitWidth);
        long[] values = [.. Enumerable.Range(0, 131).Select(_ => (long)((ulong)random.NextInt64() * 3 & BitReference.Mask(bitWidth)))];
        var packed = new byte[BitPacking.PackedLength(values.Length, bitWidth)];
        BitPacking.Pack64(values, bitWidth, packed);
        Assert.Equal(BitReference.Pack([.. values.Select(v => (ulong)v)], bitWidth), packed);
        var back = new long[values.Length];
        BitPacking.Unpack64(packed, back, bitWidth);
        Assert.Equal(values, back);
    }

    [Fact]
    public void Unpack_32_too_few_bytes_throws()
    {
        var ex = Assert.Throws<ParquetException>(() => BitPacking.Unpack32(new byte[2], new int[8], 3));
        Assert.Contains("need 3", ex.Message);
    }

    [Fact]
    public void Unpack_bit_width_out_of_range_throws()
    {
        Assert.Throws<ParquetException>(() => BitPacking.Unpack32(new byte[100], new int[8], 33));
        Assert.Throws<ParquetException>(() => BitPacking.Unpack64(new byte[100], new long[8], 65));
    }

    [Theory]
    [InlineData(0u, 0)]
    [InlineData(1u, 1)]
    [InlineData(7u, 3)]
    [InlineData(8u, 4)]
    [InlineData(uint.MaxValue, 32)]
    public void Bit_width_is_bits_of_max(uint max, int expected) => Assert.Equal(expected, BitPacking.BitWidth(max));

    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(1UL, 1)]
    [InlineData(0xFFFF_FFFFUL, 32)]
    [InlineData(0x1_0000_0000UL, 33)]
    [InlineData(ulong.MaxValue, 64)]
    public void Bit_width_64_is_bits_of_max(ulong max, int expected) => Assert.Equal(expected, BitPacking.BitWidth(max));
}
