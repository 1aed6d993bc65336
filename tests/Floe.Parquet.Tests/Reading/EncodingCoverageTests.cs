using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using static Floe.Parquet.Tests.Reading.HandBuiltFile;

namespace Floe.Parquet.Tests.Reading;

/// <summary>Encodings and page forms that DuckDB does not write, built page by page with the encoders.</summary>
public sealed class EncodingCoverageTests
{
    private static byte[] Encoded(Action<PooledBuffer> encode)
    {
        using var buffer = new PooledBuffer();
        encode(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static Task<List<object?>> ReadColumnAsync(SchemaElement leaf, params Page[] pages) =>
        ReadColumnAsync(leaf, CompressionCodec.Uncompressed, pages);

    private static async Task<List<object?>> ReadColumnAsync(SchemaElement leaf, CompressionCodec codec, params Page[] pages)
    {
        int rows = pages.Sum(p => p.Header.DataPageHeader?.NumValues ?? p.Header.DataPageHeaderV2?.NumValues ?? 0);
        byte[] file = Build([Root(1), leaf], [[new Chunk(leaf.Type!.Value, [leaf.Name], rows, pages, codec)]], [rows]);
        using ColumnBatch batch = await HandBuiltFileTests.ReadSingleAsync(file);
        return [.. Enumerable.Range(0, batch.RowCount).Select(batch.Column(0).GetValue)];
    }

    private static readonly int[] Definition = [1, 0, 1, 1, 0, 1];

    [Fact]
    public async Task Rle_booleans_in_v1_and_v2_pages()
    {
        byte[] values = Encoded(b => RleBitPackedHybrid.EncodeBooleans([true, false, true, true], b));
        SchemaElement leaf = Leaf("b", PhysicalType.Boolean, FieldRepetitionType.Optional);
        object?[] expected = [true, null, false, true, null, true];
        Assert.Equal(expected, await ReadColumnAsync(leaf, V1(6, 0, null, 1, Definition, values, Encoding.Rle)));
        Assert.Equal(expected, await ReadColumnAsync(leaf, CompressionCodec.Snappy, V2(6, 2, 6, 0, null, 1, Definition, values, Encoding.Rle, CompressionCodec.Snappy)));
    }

    [Fact]
    public async Task Delta_byte_array_strings()
    {
        string[] words = ["apple", "applesauce", "apply", "banana"];
        int[] offsets = [0, 5, 15, 20, 26];
        byte[] values = Encoded(b => DeltaByteArray.Encode(offsets, "appleapplesauceapplybanana"u8, b));
        SchemaElement leaf = Leaf("s", PhysicalType.ByteArray, FieldRepetitionType.Optional, logical: StringType.Instance);
        Assert.Equal([words[0], null, words[1], words[2], null, words[3]], await ReadColumnAsync(leaf, V1(6, 0, null, 1, Definition, values, Encoding.DeltaByteArray)));
    }

    [Fact]
    public async Task Delta_binary_packed_int64_with_nulls_in_uncompressed_v2_values()
    {
        long[] longs = [long.MinValue, 0, long.MaxValue, -5];
        byte[] values = Encoded(b => DeltaBinaryPacked.EncodeInt64(longs, b));
        SchemaElement leaf = Leaf("l", PhysicalType.Int64, FieldRepetitionType.Optional);
        Assert.Equal(
            [longs[0], null, longs[1], longs[2], null, longs[3]],
            await ReadColumnAsync(leaf, CompressionCodec.Zstd, V2(6, 2, 6, 0, null, 1, Definition, values, Encoding.DeltaBinaryPacked, CompressionCodec.Zstd, compress: false)));
    }

    [Fact]
    public async Task Byte_stream_split_int32_double_and_fixed()
    {
        int[] ints = [1, -2, 300000, int.MinValue];
        SchemaElement intLeaf = Leaf("i", PhysicalType.Int32, FieldRepetitionType.Optional);
        Assert.Equal(
            [ints[0], null, ints[1], ints[2], null, ints[3]],
            await ReadColumnAsync(intLeaf, V1(6, 0, null, 1, Definition, Encoded(b => ByteStreamSplit.Encode<int>(ints, b)), Encoding.ByteStreamSplit)));

        double[] doubles = [1.5, double.NegativeInfinity, 0, -0.25];
        SchemaElement doubleLeaf = Leaf("d", PhysicalType.Double, FieldRepetitionType.Required);
        Assert.Equal(
            doubles.Cast<object?>(),
            await ReadColumnAsync(doubleLeaf, V1(4, 0, null, 0, null, Encoded(b => ByteStreamSplit.Encode<double>(doubles, b)), Encoding.ByteStreamSplit)));

        byte[] fixedValues = [1, 2, 3, 4, 5, 6];
        SchemaElement fixedLeaf = Leaf("f", PhysicalType.FixedLenByteArray, FieldRepetitionType.Optional);
        fixedLeaf.TypeLength = 3;
        List<object?> read = await ReadColumnAsync(fixedLeaf, V1(3, 0, null, 1, [1, 0, 1], Encoded(b => ByteStreamSplit.Encode(fixedValues, 3, b)), Encoding.ByteStreamSplit));
        Assert.Equal([new byte[] { 1, 2, 3 }, null, new byte[] { 4, 5, 6 }], read.Select(v => v is byte[] bytes ? bytes : null));
    }

    [Fact]
    public async Task Fixed_decimals_and_uuids_from_plain_and_dictionary_pages()
    {
        SchemaElement decimals = Leaf("d", PhysicalType.FixedLenByteArray, FieldRepetitionType.Optional, logical: new DecimalType(2, 9));
        decimals.TypeLength = 4;
        byte[] dictionary = [0xFF, 0xFF, 0xFF, 0x85, 0x00, 0x00, 0x30, 0x39];
        Assert.Equal(
            [(Int128)12345, null, (Int128)(-123), (Int128)12345],
            await ReadColumnAsync(decimals, Dictionary(2, dictionary), V1(4, 0, null, 1, [1, 0, 1, 1], DictionaryIndices(2, 1, 0, 1), Encoding.RleDictionary)));

        SchemaElement uuids = Leaf("u", PhysicalType.FixedLenByteArray, FieldRepetitionType.Optional, logical: UuidType.Instance);
        uuids.TypeLength = 16;
        var id = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef");
        Assert.Equal([null, id], await ReadColumnAsync(uuids, V1(2, 0, null, 1, [0, 1], id.ToByteArray(bigEndian: true))));
    }

    [Fact]
    public async Task Unsupported_encodings_are_reported_with_the_column()
    {
        SchemaElement leaf = Leaf("b", PhysicalType.Boolean, FieldRepetitionType.Required);
        byte[] file = Build([Root(1), leaf], [[new Chunk(PhysicalType.Boolean, ["b"], 1, [V1(1, 0, null, 0, null, [1], Encoding.DeltaBinaryPacked)])]], [1]);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => HandBuiltFileTests.ReadSingleAsync(file));
        Assert.Equal(Common.Errors.FloeErrorKind.Unsupported, ex.Kind);
        Assert.Contains("Column 'b'", ex.Message);
    }

    [Fact]
    public async Task V2_null_counts_must_match_the_levels()
    {
        SchemaElement leaf = Leaf("x", PhysicalType.Int32, FieldRepetitionType.Optional);
        byte[] file = Build([Root(1), leaf], [[new Chunk(PhysicalType.Int32, ["x"], 6, [V2(6, 1, 6, 0, null, 1, Definition, PlainInt32(1, 2, 3, 4), Encoding.Plain)])]], [6]);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => HandBuiltFileTests.ReadSingleAsync(file));
        Assert.Contains("counts 1 nulls but the definition levels hold 2", ex.Message);
    }
}
