using System.Buffers.Binary;
using System.Text;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

public sealed class PlainTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(1001)]
    public void Booleans_round_trip_and_match_bit_reference(int count)
    {
        var random = new Random(count);
        bool[] values = [.. Enumerable.Range(0, count).Select(_ => random.Next(2) == 1)];
        using var buffer = new PooledBuffer(1);
        int written = PlainEncoder.EncodeBooleans(values, buffer);
        Assert.Equal((count + 7) / 8, written);
        Assert.Equal(BitReference.Pack([.. values.Select(v => v ? 1UL : 0UL)], 1), buffer.WrittenSpan.ToArray());
        var decoded = new bool[count];
        Assert.Equal(written, PlainDecoder.DecodeBooleans(buffer.WrittenSpan, decoded));
        Assert.Equal(values, decoded);
    }

    [Fact]
    public void Booleans_known_byte_is_lsb_first()
    {
        var decoded = new bool[8];
        PlainDecoder.DecodeBooleans([0b0000_0101], decoded);
        Assert.Equal([true, false, true, false, false, false, false, false], decoded);
    }

    [Fact]
    public void Booleans_too_short_throws() =>
        Assert.Throws<ParquetException>(() => PlainDecoder.DecodeBooleans([0xFF], new bool[9]));

    [Fact]
    public void Fixed_round_trips_min_max_and_special_values()
    {
        RoundTrip(new[] { int.MinValue, -1, 0, 1, int.MaxValue });
        RoundTrip(new[] { long.MinValue, -1L, 0L, long.MaxValue });
        RoundTrip(new[] { float.NaN, float.NegativeInfinity, -0f, float.Epsilon, float.MaxValue });
        RoundTrip(new[] { double.NaN, double.PositiveInfinity, -0d, double.Epsilon, double.MinValue });
    }

    [Fact]
    public void Fixed_is_little_endian()
    {
        var decoded = new int[1];
        PlainDecoder.DecodeFixed<int>([0x01, 0x02, 0x03, 0x04], decoded);
        Assert.Equal(0x04030201, decoded[0]);
    }

    [Fact]
    public void Fixed_too_short_throws()
    {
        var ex = Assert.Throws<ParquetException>(() => PlainDecoder.DecodeFixed<long>(new byte[15], new long[2]));
        Assert.Contains("need 16 bytes", ex.Message);
    }

    [Fact]
    public void Byte_arrays_round_trip_into_offsets_and_bytes()
    {
        string[] strings = ["", "a", "hello", "ünïcødé", new string('x', 300), ""];
        (int[] offsets, byte[] bytes) = Columnar(strings);
        using var buffer = new PooledBuffer();
        int written = PlainEncoder.EncodeByteArrays(offsets, bytes, buffer);
        Assert.Equal(bytes.Length + 4 * strings.Length, written);

        ReadOnlySpan<byte> page = buffer.WrittenSpan;
        int total = PlainDecoder.MeasureByteArrays(page, strings.Length);
        Assert.Equal(bytes.Length, total);
        var ends = new int[strings.Length];
        var data = new byte[total];
        Assert.Equal(written, PlainDecoder.DecodeByteArrays(page, ends, data, dataStart: 100));
        Assert.Equal(offsets.Skip(1).Select(o => o + 100), ends);
        Assert.Equal(bytes, data);
    }

    [Fact]
    public void Encode_byte_array_single_value_is_length_then_bytes()
    {
        using var buffer = new PooledBuffer();
        Assert.Equal(7, PlainEncoder.EncodeByteArray("abc"u8, buffer));
        Assert.Equal(new byte[] { 3, 0, 0, 0, (byte)'a', (byte)'b', (byte)'c' }, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Byte_arrays_known_bytes()
    {
        byte[] page = [2, 0, 0, 0, (byte)'h', (byte)'i', 0, 0, 0, 0];
        var ends = new int[2];
        var data = new byte[2];
        Assert.Equal(10, PlainDecoder.DecodeByteArrays(page, ends, data));
        Assert.Equal([2, 2], ends);
        Assert.Equal("hi"u8.ToArray(), data);
    }

    [Theory]
    [InlineData(new byte[] { 5, 0, 0, 0, 1, 2 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 1, 2 })]
    [InlineData(new byte[] { 1, 0, 0 })]
    public void Byte_arrays_bad_length_throws(byte[] page)
    {
        Assert.Throws<ParquetException>(() => PlainDecoder.MeasureByteArrays(page, 1));
        Assert.Throws<ParquetException>(() => PlainDecoder.DecodeByteArrays(page, new int[1], new byte[100]));
    }

    [Fact]
    public void Fixed_len_byte_arrays_round_trip()
    {
        byte[] values = [.. Enumerable.Range(0, 48).Select(i => (byte)i)];
        using var buffer = new PooledBuffer();
        PlainEncoder.EncodeFixedLenByteArrays(values, 16, buffer);
        var decoded = new byte[48];
        Assert.Equal(48, PlainDecoder.DecodeFixedLenByteArrays(buffer.WrittenSpan, 16, 3, decoded));
        Assert.Equal(values, decoded);
        Assert.Throws<ParquetException>(() => PlainDecoder.DecodeFixedLenByteArrays(buffer.WrittenSpan, 16, 4, new byte[64]));
        Assert.Throws<ParquetException>(() => PlainDecoder.DecodeFixedLenByteArrays(buffer.WrittenSpan, 0, 1, new byte[64]));
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00.000000")]
    [InlineData("2024-02-29T23:59:59.999999")]
    [InlineData("1900-01-01T00:00:00.123456")]
    [InlineData("1969-12-31T23:59:59.999999")]
    public void Int96_converts_both_ways(string iso)
    {
        var instant = DateTime.Parse(iso, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        long micros = (instant - DateTime.UnixEpoch).Ticks / 10;
        var bytes = new byte[12];
        Int96Timestamp.FromUnixMicros(micros, bytes);
        Assert.Equal(micros, Int96Timestamp.ToUnixMicros(bytes));
        Assert.Equal(micros * 1000, Int96Timestamp.ToUnixNanos(bytes));

        // Reference: Julian day of the date plus nanoseconds of the day.
        long julian = (long)(instant.Date - DateTime.UnixEpoch).TotalDays + Int96Timestamp.UnixEpochJulianDay;
        Assert.Equal(julian, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(instant.TimeOfDay.Ticks * 100, BinaryPrimitives.ReadInt64LittleEndian(bytes));
    }

    [Fact]
    public void Int96_decode_page_to_micros_and_nanos()
    {
        var page = new byte[24];
        Int96Timestamp.FromUnixNanos(1_700_000_000_123_456_789, page);
        Int96Timestamp.FromUnixNanos(-5, page.AsSpan(12));
        var micros = new long[2];
        var nanos = new long[2];
        Assert.Equal(24, Int96Timestamp.DecodeToUnixMicros(page, micros));
        Int96Timestamp.DecodeToUnixNanos(page, nanos);
        Assert.Equal([1_700_000_000_123_456L, -1L], micros);
        Assert.Equal([1_700_000_000_123_456_789L, -5L], nanos);
        Assert.Throws<ParquetException>(() => Int96Timestamp.DecodeToUnixMicros(page.AsSpan(0, 20), micros));
    }

    [Fact]
    public void Int96_out_of_nanos_range_throws()
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), int.MaxValue);
        Assert.Throws<ParquetException>(() => Int96Timestamp.ToUnixNanos(bytes));
        Assert.Throws<ParquetException>(() => Int96Timestamp.ToUnixMicros(bytes));
    }

    internal static (int[] Offsets, byte[] Bytes) Columnar(IReadOnlyList<string> strings)
    {
        var offsets = new int[strings.Count + 1];
        var bytes = new List<byte>();
        for (int i = 0; i < strings.Count; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(strings[i]));
            offsets[i + 1] = bytes.Count;
        }

        return (offsets, bytes.ToArray());
    }

    private static void RoundTrip<T>(T[] values)
        where T : unmanaged
    {
        using var buffer = new PooledBuffer();
        int written = PlainEncoder.EncodeFixed<T>(values, buffer);
        var decoded = new T[values.Length];
        Assert.Equal(written, PlainDecoder.DecodeFixed<T>(buffer.WrittenSpan, decoded));
        Assert.Equal(values, decoded);
    }
}
