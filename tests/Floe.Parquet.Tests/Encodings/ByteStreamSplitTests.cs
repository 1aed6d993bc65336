using System.Runtime.InteropServices;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

public sealed class ByteStreamSplitTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1000)]
    public void All_types_round_trip_and_match_reference(int count)
    {
        var random = new Random(count);
        RoundTrip([.. Enumerable.Range(0, count).Select(_ => random.NextSingle() * 1e6f - 5e5f)]);
        RoundTrip([.. Enumerable.Range(0, count).Select(_ => random.NextDouble() * 1e12)]);
        RoundTrip([.. Enumerable.Range(0, count).Select(_ => random.Next(int.MinValue, int.MaxValue))]);
        RoundTrip([.. Enumerable.Range(0, count).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))]);

        byte[] flba = new byte[count * 5];
        random.NextBytes(flba);
        using var buffer = new PooledBuffer();
        ByteStreamSplit.Encode(flba, 5, buffer);
        Assert.Equal(Reference(flba, 5), buffer.WrittenSpan.ToArray());
        var decoded = new byte[flba.Length];
        Assert.Equal(count, ByteStreamSplit.Decode(buffer.WrittenSpan, 5, count, decoded));
        Assert.Equal(flba, decoded);
    }

    [Fact]
    public void Known_bytes_two_floats()
    {
        byte[] page = [0x01, 0x05, 0x02, 0x06, 0x03, 0x07, 0x04, 0x08];
        var values = new int[2];
        Assert.Equal(2, ByteStreamSplit.Decode<int>(page, values));
        Assert.Equal([0x04030201, 0x08070605], values);
    }

    [Fact]
    public void Decode_first_values_of_larger_page()
    {
        double[] values = [.. Enumerable.Range(0, 40).Select(i => i * 1.5)];
        using var buffer = new PooledBuffer();
        ByteStreamSplit.Encode<double>(values, buffer);
        var firstTwenty = new double[20];
        Assert.Equal(40, ByteStreamSplit.Decode<double>(buffer.WrittenSpan, firstTwenty));
        Assert.Equal(values.Take(20), firstTwenty);
    }

    [Fact]
    public void Decode_bad_sizes_throw()
    {
        Assert.Throws<ParquetException>(() => ByteStreamSplit.Decode<int>(new byte[7], new int[1]));
        Assert.Throws<ParquetException>(() => ByteStreamSplit.Decode<int>(new byte[8], new int[3]));
        Assert.Throws<ParquetException>(() => ByteStreamSplit.Decode(new byte[8], 0, 0, new byte[8]));
    }

    private static void RoundTrip<T>(T[] values)
        where T : unmanaged
    {
        using var buffer = new PooledBuffer();
        ByteStreamSplit.Encode<T>(values, buffer);
        int width = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        Assert.Equal(Reference(MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), width), buffer.WrittenSpan.ToArray());
        var decoded = new T[values.Length];
        ByteStreamSplit.Decode<T>(buffer.WrittenSpan, decoded);
        Assert.Equal(values, decoded);
    }

    private static byte[] Reference(byte[] values, int width)
    {
        int n = values.Length / width;
        var result = new byte[values.Length];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < width; k++)
            {
                result[k * n + i] = values[i * width + k];
            }
        }

        return result;
    }
}
