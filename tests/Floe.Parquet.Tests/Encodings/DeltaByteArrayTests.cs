using System.Text;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

public sealed class DeltaByteArrayTests
{
    public static TheoryData<int> Counts => [0, 1, 2, 128, 129, 1000];

    [Theory]
    [MemberData(nameof(Counts))]
    public void Delta_length_round_trips(int count)
    {
        string[] values = MakeStrings(count, count);
        (int[] offsets, byte[] bytes) = PlainTests.Columnar(values);
        using var buffer = new PooledBuffer();
        int written = DeltaLengthByteArray.Encode(offsets, bytes, buffer);
        buffer.Write([1, 2, 3]);
        var ends = new int[count];
        var data = new byte[buffer.WrittenCount];
        Assert.Equal(written, DeltaLengthByteArray.Decode(buffer.WrittenSpan, ends, data, dataStart: 7));
        Assert.Equal(offsets.Skip(1).Select(o => o + 7), ends);
        Assert.Equal(bytes, data.Take(bytes.Length));
    }

    [Theory]
    [MemberData(nameof(Counts))]
    public void Delta_byte_array_round_trips(int count)
    {
        string[] values = MakeStrings(count, count + 50);
        Array.Sort(values, StringComparer.Ordinal);
        (int[] offsets, byte[] bytes) = PlainTests.Columnar(values);
        using var buffer = new PooledBuffer();
        int written = DeltaByteArray.Encode(offsets, bytes, buffer);
        Assert.Equal(bytes.Length, DeltaByteArray.MeasureValueBytes(buffer.WrittenSpan, count));
        var ends = new int[count];
        var data = new byte[bytes.Length];
        Assert.Equal(written, DeltaByteArray.Decode(buffer.WrittenSpan, ends, data));
        Assert.Equal(offsets.Skip(1), ends);
        Assert.Equal(bytes, data);
    }

    [Fact]
    public void Delta_byte_array_spec_example_shares_prefixes()
    {
        (int[] offsets, byte[] bytes) = PlainTests.Columnar(["axis", "axle", "babble", "babyhood"]);
        using var buffer = new PooledBuffer();
        DeltaByteArray.Encode(offsets, bytes, buffer);
        // Prefix lengths 0,2,0,3 and suffixes "axis","le","babble","yhood".
        var prefixes = new int[4];
        DeltaBinaryPacked.DecodeInt32(buffer.WrittenSpan, prefixes, out int used);
        Assert.Equal([0, 2, 0, 3], prefixes);
        Assert.EndsWith("axislebabbleyhood", Encoding.ASCII.GetString(buffer.WrittenSpan.Slice(used)));
    }

    [Fact]
    public void Delta_length_negative_length_throws()
    {
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32([3, -1], buffer);
        buffer.Write("abc"u8);
        var ex = Assert.Throws<ParquetException>(() => DeltaLengthByteArray.Decode(buffer.WrittenSpan, new int[2], new byte[10]));
        Assert.Contains("negative", ex.Message);
    }

    [Fact]
    public void Delta_length_length_past_data_throws()
    {
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32([3, 5], buffer);
        buffer.Write("abcde"u8);
        Assert.Throws<ParquetException>(() => DeltaLengthByteArray.Decode(buffer.WrittenSpan, new int[2], new byte[100]));
    }

    [Fact]
    public void Delta_length_count_mismatch_throws()
    {
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32([1], buffer);
        buffer.Write("a"u8);
        Assert.Throws<ParquetException>(() => DeltaLengthByteArray.Decode(buffer.WrittenSpan, new int[2], new byte[100]));
    }

    [Fact]
    public void Delta_byte_array_prefix_longer_than_previous_throws()
    {
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32([0, 5], buffer);
        DeltaBinaryPacked.EncodeInt32([2, 1], buffer);
        buffer.Write("abc"u8);
        var ex = Assert.Throws<ParquetException>(() => DeltaByteArray.MeasureValueBytes(buffer.WrittenSpan, 2));
        Assert.Contains("prefix length 5", ex.Message);
        Assert.Throws<ParquetException>(() => DeltaByteArray.Decode(buffer.WrittenSpan, new int[2], new byte[100]));
    }

    [Fact]
    public void Delta_byte_array_suffix_past_data_throws()
    {
        using var buffer = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32([0, 1], buffer);
        DeltaBinaryPacked.EncodeInt32([2, 9], buffer);
        buffer.Write("abc"u8);
        Assert.Throws<ParquetException>(() => DeltaByteArray.Decode(buffer.WrittenSpan, new int[2], new byte[100]));
    }

    private static string[] MakeStrings(int count, int seed)
    {
        var random = new Random(seed);
        string[] stems = ["", "apple", "apricot", "banana", "band", "bandana", "ü", "zebra"];
        return [.. Enumerable.Range(0, count).Select(_ => stems[random.Next(stems.Length)] + (random.Next(3) == 0 ? "" : random.Next(100).ToString()))];
    }
}
