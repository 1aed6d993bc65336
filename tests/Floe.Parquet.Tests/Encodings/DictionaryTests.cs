using System.Text;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

public sealed class DictionaryTests
{
    [Fact]
    public void Int32_build_encode_decode_gather_round_trips()
    {
        var random = new Random(5);
        int[] values = [.. Enumerable.Range(0, 10_000).Select(_ => random.Next(-500, 500) * 7919)];
        using var builder = new DictionaryBuilder<int>(4);
        var indices = new int[values.Length];
        builder.GetOrAddRange(values, indices);
        Assert.Equal(values.Distinct().Count(), builder.Count);
        Assert.Equal(builder.Count * 4L, builder.PlainEncodedSize);

        using var dictPage = new PooledBuffer();
        using var indexPage = new PooledBuffer();
        builder.EncodeDictionaryPage(dictPage);
        RleBitPackedHybrid.EncodeDictionaryIndices(indices, builder.Count, indexPage);

        var dictionary = new int[builder.Count];
        PlainDecoder.DecodeFixed<int>(dictPage.WrittenSpan, dictionary);
        var decodedIndices = new int[values.Length];
        RleBitPackedHybrid.DecodeDictionaryIndices(indexPage.WrittenSpan, decodedIndices);
        var output = new int[values.Length];
        DictionaryGather.Gather<int>(dictionary, decodedIndices, output);
        Assert.Equal(values, output);
    }

    [Fact]
    public void Double_distinguishes_bit_patterns()
    {
        using var builder = new DictionaryBuilder<double>();
        Assert.Equal(0, builder.GetOrAdd(0.0));
        Assert.Equal(1, builder.GetOrAdd(-0.0));
        Assert.Equal(2, builder.GetOrAdd(double.NaN));
        Assert.Equal(2, builder.GetOrAdd(double.NaN));
        Assert.Equal(0, builder.GetOrAdd(0.0));
        Assert.Equal(3, builder.Count);
    }

    [Fact]
    public void Int64_and_float_gather_matches_reference()
    {
        var random = new Random(8);
        long[] dict64 = [.. Enumerable.Range(0, 300).Select(_ => random.NextInt64())];
        float[] dict32 = [.. Enumerable.Range(0, 300).Select(_ => random.NextSingle())];
        int[] indices = [.. Enumerable.Range(0, 1003).Select(_ => random.Next(300))];
        var out64 = new long[indices.Length];
        var out32 = new float[indices.Length];
        DictionaryGather.Gather<long>(dict64, indices, out64);
        DictionaryGather.Gather<float>(dict32, indices, out32);
        Assert.Equal(indices.Select(i => dict64[i]), out64);
        Assert.Equal(indices.Select(i => dict32[i]), out32);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void Gather_index_past_dictionary_throws_naming_index_and_size(int badPosition)
    {
        int[] indices = [0, 1, 2, 0, 1, 2, 1];
        indices[badPosition] = 3;
        var ex = Assert.Throws<ParquetException>(() => DictionaryGather.Gather<int>([10, 20, 30], indices, new int[7]));
        Assert.Contains("index 3", ex.Message);
        Assert.Contains("3 entries", ex.Message);
        Assert.Throws<ParquetException>(() => DictionaryGather.Gather<int>([10, 20, 30], [-1], new int[1]));
    }

    [Fact]
    public void Byte_arrays_build_encode_decode_gather_round_trips()
    {
        var random = new Random(11);
        string[] words = [.. Enumerable.Range(0, 200).Select(i => i % 10 == 0 ? "" : "w" + random.Next(1, 1_000_000) + new string('z', i % 23))];
        string[] values = [.. Enumerable.Range(0, 5000).Select(_ => words[random.Next(words.Length)])];
        (int[] offsets, byte[] bytes) = PlainTests.Columnar(values);

        using var builder = new ByteArrayDictionaryBuilder(2, 8);
        var indices = new int[values.Length];
        builder.GetOrAddRange(offsets, bytes, indices);
        Assert.Equal(values.Distinct().Count(), builder.Count);
        Assert.Equal(values.Distinct().Sum(v => Encoding.UTF8.GetByteCount(v) + 4L), builder.PlainEncodedSize);

        using var dictPage = new PooledBuffer();
        builder.EncodeDictionaryPage(dictPage);
        var dictOffsets = new int[builder.Count + 1];
        var dictBytes = new byte[PlainDecoder.MeasureByteArrays(dictPage.WrittenSpan, builder.Count)];
        PlainDecoder.DecodeByteArrays(dictPage.WrittenSpan, dictOffsets.AsSpan(1), dictBytes);

        long total = DictionaryGather.MeasureByteArrays(dictOffsets, indices);
        Assert.Equal(bytes.Length, total);
        var ends = new int[values.Length];
        var outBytes = new byte[total];
        Assert.Equal(bytes.Length, DictionaryGather.GatherByteArrays(dictOffsets, dictBytes, indices, ends, outBytes));
        Assert.Equal(offsets.Skip(1), ends);
        Assert.Equal(bytes, outBytes);
    }

    [Fact]
    public void Byte_arrays_gather_bad_index_throws()
    {
        int[] dictOffsets = [0, 1, 3];
        byte[] dictBytes = "abc"u8.ToArray();
        var ex = Assert.Throws<ParquetException>(() => DictionaryGather.MeasureByteArrays(dictOffsets, [0, 2]));
        Assert.Contains("2 entries", ex.Message);
        Assert.Throws<ParquetException>(() => DictionaryGather.GatherByteArrays(dictOffsets, dictBytes, [5], new int[1], new byte[10]));
    }

    [Fact]
    public void Fixed_length_build_and_gather_round_trips()
    {
        byte[] values = [.. Enumerable.Range(0, 40).SelectMany(i => new byte[] { (byte)(i % 3), 0, 7, (byte)(i % 2) })];
        using var builder = new ByteArrayDictionaryBuilder();
        var indices = new int[10 * 4];
        builder.GetOrAddFixedRange(values, 4, indices);
        Assert.Equal(6, builder.Count);
        using var page = new PooledBuffer();
        builder.EncodeFixedLengthDictionaryPage(page);
        var output = new byte[values.Length];
        DictionaryGather.GatherFixedLength(page.WrittenSpan, 4, indices.AsSpan(0, 40), output);
        Assert.Equal(values, output);
        Assert.Throws<ParquetException>(() => DictionaryGather.GatherFixedLength(page.WrittenSpan, 4, [6], new byte[4]));
    }

    [Fact]
    public void Builders_clear_start_over()
    {
        using var ints = new DictionaryBuilder<long>();
        ints.GetOrAdd(5);
        ints.GetOrAdd(6);
        ints.Clear();
        Assert.Equal(0, ints.Count);
        Assert.Equal(0, ints.GetOrAdd(6));

        using var strings = new ByteArrayDictionaryBuilder();
        strings.GetOrAdd("a"u8);
        strings.Clear();
        Assert.Equal(0, strings.GetOrAdd("b"u8));
        Assert.Equal("b"u8.ToArray(), strings[0].ToArray());
    }

    [Fact]
    public void Builders_after_dispose_throw_object_disposed()
    {
        var ints = new DictionaryBuilder<int>();
        ints.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ints.GetOrAdd(1));
        var strings = new ByteArrayDictionaryBuilder();
        strings.Dispose();
        Assert.Throws<ObjectDisposedException>(() => strings.GetOrAdd("x"u8));
    }

    [Fact]
    public void Float_build_and_gather_round_trips()
    {
        float[] values = [1.5f, -0f, 0f, float.NaN, 1.5f, float.PositiveInfinity, 0f];
        using var builder = new DictionaryBuilder<float>(1);
        var indices = new int[values.Length];
        builder.GetOrAddRange(values, indices);
        Assert.Equal(5, builder.Count);
        Assert.Equal([0, 1, 2, 3, 0, 4, 2], indices);
        var output = new float[values.Length];
        DictionaryGather.Gather(builder.Values, indices, output);
        Assert.Equal(values, output);
    }

    [Fact]
    public void A_range_of_one_value_takes_one_entry_after_those_already_there()
    {
        using var longs = new DictionaryBuilder<long>();
        longs.GetOrAdd(5);
        long[] constant = [.. Enumerable.Repeat(42L, 3_000)];
        var indices = new int[constant.Length];
        longs.GetOrAddRange(constant, indices);
        Assert.All(indices, index => Assert.Equal(1, index));
        Assert.Equal([5L, 42L], longs.Values.ToArray());

        // A value differing only in its last element, and one differing in its last byte, are not one value.
        long[] almost = [.. Enumerable.Repeat(42L, 99), 43L];
        var almostIndices = new int[almost.Length];
        longs.GetOrAddRange(almost, almostIndices);
        Assert.Equal(2, almostIndices[^1]);
        Assert.All(almostIndices[..^1], index => Assert.Equal(1, index));

        using var doubles = new DictionaryBuilder<double>();
        double[] zeros = [0.0, 0.0, -0.0];
        var zeroIndices = new int[zeros.Length];
        doubles.GetOrAddRange(zeros, zeroIndices);
        Assert.Equal([0, 0, 1], zeroIndices);
    }

    [Theory]
    [InlineData(new[] { "I", "I", "I", "I" }, new[] { 0, 0, 0, 0 })]
    [InlineData(new[] { "UB", "UB", "UB" }, new[] { 0, 0, 0 })]
    [InlineData(new[] { "", "", "" }, new[] { 0, 0, 0 })]
    [InlineData(new[] { "II", "", "II" }, new[] { 0, 1, 0 })]
    [InlineData(new[] { "ab", "ab", "ba" }, new[] { 0, 0, 1 })]
    [InlineData(new[] { "aa", "a", "a", "aa" }, new[] { 0, 1, 1, 0 })]
    public void Byte_string_ranges_of_one_value_and_lookalikes_map_to_their_entries(string[] values, int[] expected)
    {
        using var builder = new ByteArrayDictionaryBuilder();
        (int[] offsets, byte[] bytes) = PlainTests.Columnar(values);
        var indices = new int[values.Length];
        builder.GetOrAddRange(offsets, bytes, indices);
        Assert.Equal(expected, indices);
        Assert.Equal(values.Distinct().Count(), builder.Count);
    }

    [Fact]
    public void Mostly_distinct_ranges_map_every_value_to_its_entry_when_the_table_is_grown_ahead()
    {
        // Ranges past twice the sample size grow the table once from the sample's share of new values; the second
        // range repeats the first and adds as many new values, so entries found and added mix after the growth.
        string[] first = [.. Enumerable.Range(0, 12_000).Select(i => "customer-" + (i * 7919 % 50_000))];
        string[] second = [.. first.Take(6_000).Concat(Enumerable.Range(0, 6_000).Select(i => "new-" + i))];
        using var strings = new ByteArrayDictionaryBuilder();
        using var doubles = new DictionaryBuilder<double>();
        foreach (string[] range in new[] { first, second })
        {
            (int[] offsets, byte[] bytes) = PlainTests.Columnar(range);
            var indices = new int[range.Length];
            strings.GetOrAddRange(offsets, bytes, indices);
            for (int i = 0; i < range.Length; i++)
            {
                Assert.Equal(range[i], Encoding.UTF8.GetString(strings[indices[i]]));
            }

            double[] numbers = [.. range.Select(v => (double)v.GetHashCode(StringComparison.Ordinal))];
            var numberIndices = new int[numbers.Length];
            doubles.GetOrAddRange(numbers, numberIndices);
            for (int i = 0; i < numbers.Length; i++)
            {
                Assert.Equal(numbers[i], doubles.Values[numberIndices[i]]);
            }
        }

        Assert.Equal(first.Concat(second).Distinct().Count(), strings.Count);
    }

    [Theory]
    [InlineData(0, 1024, 1024, 12_000, 12_000)]
    [InlineData(0, 1, 1024, 12_000, 11)]
    [InlineData(100, 100, 1024, 1_000_000, 100)]
    [InlineData(0, 1024, 1024, 100_000_000, 1 << 17)]
    public void Growth_predicts_the_entries_from_the_sample_and_is_capped(int before, int now, int seen, int length, int expected) =>
        Assert.Equal(expected, DictionarySample.Expected(before, now, seen, length));

    [Theory]
    [InlineData(1024, 1024, true)]
    [InlineData(1024, 993, true)]
    [InlineData(1024, 992, false)]
    [InlineData(1024, 100, false)]
    [InlineData(256, 249, true)]
    [InlineData(256, 248, false)]
    public void A_sample_hardly_repeats_when_fewer_than_one_value_in_32_repeats(int present, int distinct, bool expected) =>
        Assert.Equal(expected, DictionarySample.HardlyRepeats(present, distinct));
}
