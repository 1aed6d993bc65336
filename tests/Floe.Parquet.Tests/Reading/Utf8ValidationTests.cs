using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using static Floe.Parquet.Tests.Reading.HandBuiltFile;

namespace Floe.Parquet.Tests.Reading;

public sealed class Utf8ValidationTests
{
    private static readonly byte[] s_invalid = [(byte)'a', 0xFF, (byte)'b'];

    // One optional BYTE_ARRAY column 's' with the given annotation, in one row group of the given pages.
    private static byte[] StringFile(LogicalType? logical, ConvertedType? converted, params Page[] pages)
    {
        int rows = pages.Sum(p => p.Header.DataPageHeader?.NumValues ?? p.Header.DataPageHeaderV2?.NumValues ?? 0);
        return Build(
            [Root(1), Leaf("s", PhysicalType.ByteArray, FieldRepetitionType.Optional, converted, logical)],
            [[new Chunk(PhysicalType.ByteArray, ["s"], rows, pages)]],
            [rows]);
    }

    private static async Task<ParquetException> ReadFailsAsync(byte[] file) =>
        await Assert.ThrowsAsync<ParquetException>(() => HandBuiltFileTests.ReadSingleAsync(file));

    [Fact]
    public async Task Invalid_utf8_in_a_plain_string_page_names_the_column_row_group_page_and_value()
    {
        byte[] file = StringFile(
            StringType.Instance,
            null,
            V1(2, 0, null, 1, [1, 1], PlainByteArrays("ok"u8.ToArray(), "fine"u8.ToArray())),
            V1(3, 0, null, 1, [1, 0, 1], PlainByteArrays("é"u8.ToArray(), s_invalid)));

        ParquetException error = await ReadFailsAsync(file);

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains("Column 's', row group 0, page 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("value 1 of the page is not valid UTF-8 (byte 0xFF at offset 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_dictionary_is_found_once_in_the_dictionary_page()
    {
        byte[] file = StringFile(
            null,
            ConvertedType.Utf8,
            Dictionary(2, PlainByteArrays("a"u8.ToArray(), [0xE2, 0x82])),
            V1(2, 0, null, 1, [1, 1], DictionaryIndices(2, 0, 0), Encoding.RleDictionary));

        ParquetException error = await ReadFailsAsync(file);

        Assert.Contains("Column 's', row group 0, page 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("dictionary entry 1 is not valid UTF-8 (byte 0xE2 at offset 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sequence_split_across_two_values_is_invalid_even_though_the_page_bytes_are_valid()
    {
        // "é" is C3 A9; the first value ends after C3 and the second starts with A9.
        byte[] file = StringFile(StringType.Instance, null, V1(3, 0, null, 1, [1, 1, 1], PlainByteArrays([(byte)'x', 0xC3], [], [0xA9, (byte)'y'])));

        ParquetException error = await ReadFailsAsync(file);

        Assert.Contains("value 0 of the page is not valid UTF-8 (byte 0xC3 at offset 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delta_length_encoded_pages_are_checked_too()
    {
        using var values = new PooledBuffer();
        byte[] bytes = [(byte)'a', 0xC0, 0x80];
        DeltaLengthByteArray.Encode([0, 1, 3], bytes, values);
        byte[] file = StringFile(EnumType.Instance, null, V2(2, 0, 2, 0, null, 1, [1, 1], values.WrittenSpan.ToArray(), Encoding.DeltaLengthByteArray));

        ParquetException error = await ReadFailsAsync(file);

        Assert.Contains("value 1 of the page is not valid UTF-8 (byte 0xC0 at offset 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_text_with_multibyte_empty_and_null_values_reads_unchanged()
    {
        byte[] file = StringFile(
            StringType.Instance,
            null,
            Dictionary(2, PlainByteArrays("日本"u8.ToArray(), [])),
            V1(3, 0, null, 1, [1, 0, 1], DictionaryIndices(2, 0, 1), Encoding.RleDictionary),
            V1(3, 0, null, 1, [1, 1, 1], PlainByteArrays("é"u8.ToArray(), [], "😀"u8.ToArray())));

        using ColumnBatch batch = await HandBuiltFileTests.ReadSingleAsync(file);

        Assert.Equal(["日本", null, "", "é", "", "😀"], Enumerable.Range(0, 6).Select(batch.Column(0).GetValue));
    }

    [Fact]
    public async Task Binary_columns_hold_any_bytes()
    {
        byte[] file = StringFile(null, null, V1(2, 0, null, 1, [1, 1], PlainByteArrays(s_invalid, [0xA9])));

        using ColumnBatch batch = await HandBuiltFileTests.ReadSingleAsync(file);

        Assert.Equal(ColumnType.Binary, batch.Fields[0].Type);
        Assert.Equal(s_invalid, ((BinaryVector)batch.Column(0)).GetBytes(0).ToArray());
    }

    [Fact]
    public async Task The_error_names_the_file_it_was_read_from()
    {
        string path = Path.Combine(Path.GetTempPath(), $"floe-utf8-{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(path, StringFile(StringType.Instance, null, V1(1, 0, null, 1, [1], PlainByteArrays(s_invalid))), TestContext.Current.CancellationToken);
        try
        {
            await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(path, TestContext.Current.CancellationToken);
            ParquetException error = await Assert.ThrowsAsync<ParquetException>(() => reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken));

            Assert.StartsWith($"Parquet file '{path}'", error.Message, StringComparison.Ordinal);
            Assert.Contains("not valid UTF-8", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
