using System.Buffers.Binary;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Parquet.Compression;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using static Floe.Parquet.Tests.Reading.HandBuiltFile;

namespace Floe.Parquet.Tests.Reading;

public sealed class CorruptFileTests
{
    private static byte[] SimpleFile(Page? page = null, long numValues = 3, long rows = 3, CompressionCodec codec = CompressionCodec.Uncompressed) => Build(
        [Root(1), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Optional)],
        [[new Chunk(PhysicalType.Int32, ["x"], numValues, [page ?? V1(3, 0, null, 1, [1, 0, 1], PlainInt32(1, 2), codec: codec)], codec)]],
        [rows]);

    private static async Task<ParquetException> OpenFails(byte[] file)
    {
        return await Assert.ThrowsAsync<ParquetException>(async () =>
        {
            await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        });
    }

    private static async Task<ParquetException> ReadFails(byte[] file)
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        return await Assert.ThrowsAsync<ParquetException>(() => reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_simple_file_itself_is_valid()
    {
        using ColumnBatch batch = await HandBuiltFileTests.ReadSingleAsync(SimpleFile());
        Assert.Equal(3, batch.RowCount);
    }

    [Fact]
    public async Task Short_files_and_missing_magic_are_rejected()
    {
        Assert.Contains("at least 12", (await OpenFails([.. "PAR1PAR1"u8])).Message);
        byte[] file = SimpleFile();
        byte[] badStart = (byte[])file.Clone();
        badStart[0] = (byte)'X';
        Assert.Contains("magic", (await OpenFails(badStart)).Message);
        byte[] badEnd = (byte[])file.Clone();
        badEnd[^1] = (byte)'X';
        Assert.Contains("magic", (await OpenFails(badEnd)).Message);
        byte[] encrypted = (byte[])file.Clone();
        "PARE"u8.CopyTo(encrypted.AsSpan(encrypted.Length - 4));
        Assert.Equal(FloeErrorKind.Unsupported, (await OpenFails(encrypted)).Kind);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-5)]
    [InlineData(0)]
    public async Task Footer_lengths_outside_the_file_are_rejected(int footerLength)
    {
        byte[] file = SimpleFile();
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(file.Length - 8), footerLength);
        Assert.Contains("footer length", (await OpenFails(file)).Message);
    }

    [Fact]
    public async Task Truncated_files_fail_cleanly_at_every_length()
    {
        byte[] file = SimpleFile();
        for (int length = 0; length < file.Length; length++)
        {
            byte[] truncated = file[..length];
            await Assert.ThrowsAsync<ParquetException>(async () =>
            {
                await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(truncated), cancellationToken: TestContext.Current.CancellationToken);
                using ColumnBatch batch = await reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken);
            });
        }
    }

    [Fact]
    public async Task Column_chunks_outside_the_data_area_are_rejected()
    {
        byte[] file = Build(
            [Root(1), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["x"], 1, [V1(1, 0, null, 0, null, PlainInt32(1))])]],
            [1],
            meta => meta.RowGroups[0].Columns[0].MetaData!.TotalCompressedSize = 1L << 40);
        ParquetException ex = await ReadFails(file);
        Assert.Contains("outside the data area", ex.Message);
        Assert.Contains("'x'", ex.Message);
        Assert.Contains("row group 0", ex.Message);
    }

    [Fact]
    public async Task Pages_longer_than_their_chunk_are_rejected_with_column_row_group_and_page()
    {
        Page page = V1(3, 0, null, 1, [1, 0, 1], PlainInt32(1, 2));
        page.Header.CompressedPageSize += 1000;
        ParquetException ex = await ReadFails(SimpleFile(page));
        Assert.Contains("Column 'x', row group 0, page 0 at byte 4", ex.Message);
        Assert.Contains("run past the end of the column chunk", ex.Message);
    }

    [Fact]
    public async Task Chunks_that_end_before_their_values_are_rejected()
    {
        Assert.Contains("ends at byte", (await ReadFails(SimpleFile(numValues: 10, rows: 10))).Message);
    }

    [Fact]
    public async Task Pages_with_more_values_than_the_chunk_are_rejected()
    {
        Assert.Contains("only 2 of the column chunk's 2 remain", (await ReadFails(SimpleFile(numValues: 2, rows: 2))).Message);
    }

    [Fact]
    public async Task Value_counts_that_disagree_with_the_row_count_are_rejected_before_decoding()
    {
        Assert.Contains("has 2000000000 values for 3 rows", (await ReadFails(SimpleFile(numValues: 2_000_000_000))).Message);
    }

    [Fact]
    public async Task Row_count_mismatches_are_rejected()
    {
        Assert.Contains("has 3 values for 4 rows", (await ReadFails(SimpleFile(rows: 4))).Message);
        Assert.Contains("negative", (await OpenFails(SimpleFile(rows: -1))).Message);
    }

    [Fact]
    public async Task Nested_columns_whose_levels_make_another_row_count_are_rejected()
    {
        byte[] file = Build(
            [Root(1), Leaf("e", PhysicalType.Int64, FieldRepetitionType.Repeated)],
            [[new Chunk(PhysicalType.Int64, ["e"], 4, [V1(4, 1, [0, 1, 1, 1], 1, [1, 1, 1, 1], PlainInt64(1, 2, 3, 4))])]],
            [3]);
        Assert.Contains("column 'e' of row group 0 holds 1 rows but the row group has 3", (await ReadFails(file)).Message);
    }

    [Fact]
    public async Task Too_few_values_for_the_definition_levels_are_rejected()
    {
        Page page = V1(3, 0, null, 1, [1, 1, 1], PlainInt32(1, 2));
        Assert.Contains("PLAIN", (await ReadFails(SimpleFile(page))).Message);
    }

    [Fact]
    public async Task Levels_above_the_maximum_are_rejected()
    {
        // optional group g { optional int32 x }: maximum definition level 2, levels stored with 2 bits.
        byte[] file = Build(
            [Root(1), new SchemaElement { Name = "g", NumChildren = 1, RepetitionType = FieldRepetitionType.Optional }, Leaf("x", PhysicalType.Int32, FieldRepetitionType.Optional)],
            [[new Chunk(PhysicalType.Int32, ["g", "x"], 3, [V1(3, 0, null, 3, [2, 3, 2], PlainInt32(1, 2))])]],
            [3]);
        ParquetException ex = await ReadFails(file);
        Assert.Contains("definition level 3", ex.Message);
    }

    [Fact]
    public async Task Dictionary_pages_are_required_for_dictionary_encoded_data_and_indices_are_checked()
    {
        Assert.Contains("no dictionary page", (await ReadFails(SimpleFile(V1(3, 0, null, 1, [1, 0, 1], DictionaryIndices(2, 0, 1), Encoding.RleDictionary)))).Message);

        byte[] file = Build(
            [Root(1), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["x"], 2, [Dictionary(2, PlainInt32(5, 6)), V1(2, 0, null, 0, null, DictionaryIndices(4, 3, 1), Encoding.RleDictionary)])]],
            [2]);
        Assert.Contains("Column 'x', row group 0, page 1", (await ReadFails(file)).Message);
    }

    [Fact]
    public async Task Corrupt_compressed_pages_are_rejected()
    {
        Page page = V1(3, 0, null, 1, [1, 0, 1], PlainInt32(1, 2), codec: CompressionCodec.Snappy);
        Page garbage = new(page.Header, [.. page.Body.Select(b => (byte)(b ^ 0x5A))]);
        ParquetException ex = await ReadFails(SimpleFile(garbage, codec: CompressionCodec.Snappy));
        Assert.Contains("Column 'x', row group 0, page 0", ex.Message);
    }

    [Fact]
    public async Task Absurd_page_sizes_and_counts_are_rejected()
    {
        Page huge = V1(3, 0, null, 1, [1, 0, 1], PlainInt32(1, 2), codec: CompressionCodec.Zstd);
        huge.Header.UncompressedPageSize = int.MaxValue;
        Assert.Contains("out of range", (await ReadFails(SimpleFile(huge, codec: CompressionCodec.Zstd))).Message);

        Page many = V1(3, 0, null, 1, [1, 0, 1], PlainInt32(1, 2));
        many.Header.DataPageHeader!.NumValues = 1 << 30;
        Assert.Contains("more than the 134217728 a page may hold", (await ReadFails(SimpleFile(many, numValues: 1 << 30, rows: 1 << 30))).Message);

        Page negative = V1(3, 0, null, 1, [1, 0, 1], PlainInt32(1, 2));
        negative.Header.DataPageHeader!.NumValues = -1;
        Assert.Contains("-1 values", (await ReadFails(SimpleFile(negative))).Message);

        byte[] dictionary = Build(
            [Root(1), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["x"], 1, [Dictionary(1_000_000, PlainInt32(5)), V1(1, 0, null, 0, null, DictionaryIndices(1, 0), Encoding.RleDictionary)])]],
            [1]);
        Assert.Contains("claims 1000000 values", (await ReadFails(dictionary)).Message);
    }

    [Fact]
    public async Task Schema_and_row_group_mismatches_are_rejected_at_open()
    {
        byte[] file = Build(
            [Root(1), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["x"], 1, [V1(1, 0, null, 0, null, PlainInt32(1))])]],
            [1],
            meta => meta.RowGroups[0].Columns.Add(meta.RowGroups[0].Columns[0]));
        Assert.Contains("2 column chunks but the schema has 1", (await OpenFails(file)).Message);

        byte[] badSchema = Build(
            [Root(3), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["x"], 1, [V1(1, 0, null, 0, null, PlainInt32(1))])]],
            [1]);
        Assert.Contains("claims 3 children", (await OpenFails(badSchema)).Message);

        byte[] typeMismatch = Build(
            [Root(1), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int64, ["x"], 1, [V1(1, 0, null, 0, null, PlainInt32(1))])]],
            [1]);
        Assert.Contains("stored as Int64", (await ReadFails(typeMismatch)).Message);
    }

    [Theory]
    [InlineData("duckdb_types.parquet")]
    [InlineData("duckdb_types_v2.parquet")]
    public async Task Random_corruption_never_escapes_as_another_exception_type(string name)
    {
        byte[] original = await File.ReadAllBytesAsync(DuckDbFileTests.TestData(name), TestContext.Current.CancellationToken);
        var random = new Random(1234);
        for (int i = 0; i < 200; i++)
        {
            byte[] corrupt = (byte[])original.Clone();
            for (int f = random.Next(1, 5); f > 0; f--)
            {
                corrupt[random.Next(4, corrupt.Length - 8)] = (byte)random.Next(256);
            }

            try
            {
                await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(corrupt), cancellationToken: TestContext.Current.CancellationToken);
                for (int g = 0; g < reader.RowGroups.Count; g++)
                {
                    using ColumnBatch batch = await reader.ReadRowGroupAsync(g, cancellationToken: TestContext.Current.CancellationToken);
                }
            }
            catch (ParquetException)
            {
            }
        }
    }
}
