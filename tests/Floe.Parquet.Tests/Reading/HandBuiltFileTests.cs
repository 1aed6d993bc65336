using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using static Floe.Parquet.Tests.Reading.HandBuiltFile;

namespace Floe.Parquet.Tests.Reading;

public sealed class HandBuiltFileTests
{
    internal static async Task<ColumnBatch> ReadSingleAsync(byte[] file, ParquetReadOptions? options = null)
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        return await reader.ReadRowGroupAsync(0, options, TestContext.Current.CancellationToken);
    }

    private static List<object?> Values(ColumnVector vector) => [.. Enumerable.Range(0, vector.Length).Select(vector.GetValue)];

    [Fact]
    public async Task Legacy_two_level_list_of_a_repeated_primitive()
    {
        // optional group a (LIST) { repeated int32 a_elem }: rows [1, 2], null, [], [3]
        byte[] file = Build(
            [Root(1), new SchemaElement { Name = "a", NumChildren = 1, RepetitionType = FieldRepetitionType.Optional, ConvertedType = ConvertedType.List },
             Leaf("a_elem", PhysicalType.Int32, FieldRepetitionType.Repeated)],
            [[new Chunk(PhysicalType.Int32, ["a", "a_elem"], 5, [V1(5, 1, [0, 1, 0, 0, 0], 2, [2, 2, 0, 1, 2], PlainInt32(1, 2, 3))])]],
            [4]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal(ColumnType.List(new ColumnField("a_elem", ColumnType.Int32, false)), batch.Fields[0].Type);
        Assert.Equal([new List<object?> { 1, 2 }, null, new List<object?>(), new List<object?> { 3 }], Values(batch.Column(0)));
    }

    [Fact]
    public async Task Required_three_level_lists_of_required_elements()
    {
        // required group a (LIST) { repeated group list { required int32 element } }: rows [1], [], [2, 3]
        byte[] file = Build(
            [Root(1), new SchemaElement { Name = "a", NumChildren = 1, RepetitionType = FieldRepetitionType.Required, LogicalType = ListType.Instance },
             new SchemaElement { Name = "list", NumChildren = 1, RepetitionType = FieldRepetitionType.Repeated },
             Leaf("element", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["a", "list", "element"], 4, [V1(4, 1, [0, 0, 0, 1], 1, [1, 0, 1, 1], PlainInt32(1, 2, 3))])]],
            [3]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal(new ColumnField("a", ColumnType.List(new ColumnField("element", ColumnType.Int32, false)), false), batch.Fields[0]);
        Assert.Equal([new List<object?> { 1 }, new List<object?>(), new List<object?> { 2, 3 }], Values(batch.Column(0)));
        Assert.False(batch.Column(0).HasNulls);
    }

    [Fact]
    public async Task Files_without_row_groups_have_a_schema_and_no_batches()
    {
        byte[] file = Build([Root(1), Leaf("a", PhysicalType.Int32, FieldRepetitionType.Optional)], [], []);

        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, reader.RowCount);
        Assert.Single(reader.Fields);
        await foreach (ColumnBatch batch in reader.ReadAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            batch.Dispose();
            Assert.Fail("no batch expected");
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Legacy_two_level_list_of_structs_named_array()
    {
        // optional group c (LIST) { repeated group array { optional int32 x } }: rows [{x: 1}, {x: null}], null
        byte[] file = Build(
            [Root(1), new SchemaElement { Name = "c", NumChildren = 1, RepetitionType = FieldRepetitionType.Optional, ConvertedType = ConvertedType.List },
             new SchemaElement { Name = "array", NumChildren = 1, RepetitionType = FieldRepetitionType.Repeated },
             Leaf("x", PhysicalType.Int32, FieldRepetitionType.Optional)],
            [[new Chunk(PhysicalType.Int32, ["c", "array", "x"], 3, [V1(3, 1, [0, 1, 0], 3, [3, 2, 0], PlainInt32(1))])]],
            [2]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal([new List<object?> { new object?[] { 1 }, new object?[] { null } }, null], Values(batch.Column(0)));
    }

    [Fact]
    public async Task Legacy_maps_annotated_map_key_value()
    {
        // optional group m (MAP_KEY_VALUE) { repeated group map { required binary key (UTF8); optional int32 value } }
        // rows: {a: 1, b: null}, {}, null
        byte[] file = Build(
            [Root(1), new SchemaElement { Name = "m", NumChildren = 1, RepetitionType = FieldRepetitionType.Optional, ConvertedType = ConvertedType.MapKeyValue },
             new SchemaElement { Name = "map", NumChildren = 2, RepetitionType = FieldRepetitionType.Repeated },
             Leaf("key", PhysicalType.ByteArray, FieldRepetitionType.Required, ConvertedType.Utf8),
             Leaf("value", PhysicalType.Int32, FieldRepetitionType.Optional)],
            [[
                new Chunk(PhysicalType.ByteArray, ["m", "map", "key"], 4, [V1(4, 1, [0, 1, 0, 0], 2, [2, 2, 1, 0], PlainByteArrays("a"u8.ToArray(), "b"u8.ToArray()))]),
                new Chunk(PhysicalType.Int32, ["m", "map", "value"], 4, [V1(4, 1, [0, 1, 0, 0], 3, [3, 2, 1, 0], PlainInt32(1))]),
            ]],
            [3]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal(ColumnKind.Map, batch.Fields[0].Type.Kind);
        List<object?> rows = Values(batch.Column(0));
        Assert.Equal([new("a", 1), new("b", null)], (List<KeyValuePair<object?, object?>>)rows[0]!);
        Assert.Empty((List<KeyValuePair<object?, object?>>)rows[1]!);
        Assert.Null(rows[2]);
    }

    [Fact]
    public async Task Bare_repeated_fields_read_as_required_lists()
    {
        byte[] file = Build(
            [Root(1), Leaf("e", PhysicalType.Int64, FieldRepetitionType.Repeated)],
            [[new Chunk(PhysicalType.Int64, ["e"], 4, [V1(4, 1, [0, 1, 0, 0], 1, [1, 1, 0, 1], PlainInt64(5, 6, 7))])]],
            [3]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.False(batch.Fields[0].Nullable);
        Assert.Equal([new List<object?> { 5L, 6L }, new List<object?>(), new List<object?> { 7L }], Values(batch.Column(0)));
    }

    [Fact]
    public async Task Legacy_bit_packed_definition_levels_are_decoded()
    {
        byte[] file = Build(
            [Root(1), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Optional)],
            [[new Chunk(PhysicalType.Int32, ["x"], 10, [V1(10, 0, null, 1, [1, 0, 1, 1, 0, 0, 1, 1, 1, 0], PlainInt32(1, 2, 3, 4, 5, 6), levelEncoding: Encoding.BitPacked)])]],
            [10]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal([1, null, 2, 3, null, null, 4, 5, 6, null], Values(batch.Column(0)));
    }

    [Fact]
    public async Task Int96_timestamps_read_as_utc_nanoseconds_plain_and_dictionary()
    {
        byte[] Int96(long unixNanos)
        {
            byte[] value = new byte[12];
            Int96Timestamp.FromUnixNanos(unixNanos, value);
            return value;
        }

        long[] instants = [0, 1_700_000_000_123_456_789, -86_400_000_000_001];
        byte[] plain = [.. instants.SelectMany(Int96)];
        byte[] file = Build(
            [Root(2), Leaf("p", PhysicalType.Int96, FieldRepetitionType.Required), Leaf("d", PhysicalType.Int96, FieldRepetitionType.Required)],
            [[
                new Chunk(PhysicalType.Int96, ["p"], 3, [V1(3, 0, null, 0, null, plain)]),
                new Chunk(PhysicalType.Int96, ["d"], 4, [Dictionary(3, plain), V1(4, 0, null, 0, null, DictionaryIndices(3, 2, 0, 1, 2), Encoding.RleDictionary)]),
            ]],
            [3]);

        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(ColumnType.Timestamp(Common.Columnar.TimeUnit.Nanoseconds, true), reader.Fields[0].Type);
        var ex = await Assert.ThrowsAsync<ParquetException>(() => reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("has 4 values for 3 rows", ex.Message);
        using ColumnBatch batch = await reader.ReadRowGroupAsync(0, new ParquetReadOptions { Columns = ["p"] }, TestContext.Current.CancellationToken);
        Assert.Equal(instants.Cast<object?>(), Values(batch.Column(0)));

        byte[] second = Build(
            [Root(1), Leaf("d", PhysicalType.Int96, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int96, ["d"], 4, [Dictionary(3, plain), V1(4, 0, null, 0, null, DictionaryIndices(3, 2, 0, 1, 2), Encoding.RleDictionary)])]],
            [4]);
        using ColumnBatch dictionary = await ReadSingleAsync(second);
        Assert.Equal(new object?[] { instants[2], instants[0], instants[1], instants[2] }, Values(dictionary.Column(0)));
    }

    [Fact]
    public async Task Legacy_converted_types_are_converted()
    {
        byte[] file = Build(
            [
                Root(5),
                Leaf("s", PhysicalType.ByteArray, FieldRepetitionType.Required, ConvertedType.Utf8),
                new SchemaElement { Name = "dec", Type = PhysicalType.ByteArray, RepetitionType = FieldRepetitionType.Required, ConvertedType = ConvertedType.Decimal, Precision = 20, Scale = 2 },
                Leaf("tm", PhysicalType.Int32, FieldRepetitionType.Required, ConvertedType.TimeMillis),
                Leaf("u32", PhysicalType.Int32, FieldRepetitionType.Required, ConvertedType.Uint32),
                Leaf("ts", PhysicalType.Int64, FieldRepetitionType.Required, ConvertedType.TimestampMillis),
            ],
            [[
                new Chunk(PhysicalType.ByteArray, ["s"], 2, [V1(2, 0, null, 0, null, PlainByteArrays("héllo"u8.ToArray(), []))]),
                new Chunk(PhysicalType.ByteArray, ["dec"], 2, [V1(2, 0, null, 0, null, PlainByteArrays([0x80], [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01]))]),
                new Chunk(PhysicalType.Int32, ["tm"], 2, [V1(2, 0, null, 0, null, PlainInt32(1500, 86_399_999))]),
                new Chunk(PhysicalType.Int32, ["u32"], 2, [V1(2, 0, null, 0, null, PlainInt32(-1, 7))]),
                new Chunk(PhysicalType.Int64, ["ts"], 2, [V1(2, 0, null, 0, null, PlainInt64(-1, 1_000))]),
            ]],
            [2]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal(["héllo", ""], Values(batch.Column(0)));
        Assert.Equal(ColumnType.Decimal(20, 2), batch.Fields[1].Type);
        Assert.Equal([(Int128)(-128), (Int128.One << 64) + 1], Values(batch.Column(1)));
        Assert.Equal([1_500_000L, 86_399_999_000L], Values(batch.Column(2)));
        Assert.Equal([(long)uint.MaxValue, 7L], Values(batch.Column(3)));
        Assert.Equal(ColumnType.Timestamp(Common.Columnar.TimeUnit.Milliseconds, true), batch.Fields[4].Type);
        Assert.Equal([-1L, 1_000L], Values(batch.Column(4)));
    }

    [Fact]
    public async Task Index_pages_and_unknown_page_types_are_skipped_and_pages_concatenate()
    {
        Page Skipped(PageType type) => new(new PageHeader { Type = type, UncompressedPageSize = 3, CompressedPageSize = 3 }, [9, 9, 9]);
        byte[] file = Build(
            [Root(1), Leaf("x", PhysicalType.Int32, FieldRepetitionType.Optional)],
            [[new Chunk(PhysicalType.Int32, ["x"], 5,
            [
                Skipped(PageType.IndexPage),
                V1(2, 0, null, 1, [1, 0], PlainInt32(10), codec: CompressionCodec.Snappy),
                Skipped((PageType)42),
                V1(3, 0, null, 1, [1, 1, 0], PlainInt32(20, 30), codec: CompressionCodec.Snappy),
            ], CompressionCodec.Snappy)]],
            [5]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal([10, null, 20, 30, null], Values(batch.Column(0)));
    }

    [Fact]
    public async Task Dictionary_pages_may_be_followed_by_plain_fallback_pages()
    {
        byte[] dictionary = PlainByteArrays("a"u8.ToArray(), "bb"u8.ToArray());
        byte[] file = Build(
            [Root(1), Leaf("s", PhysicalType.ByteArray, FieldRepetitionType.Optional, logical: StringType.Instance)],
            [[new Chunk(PhysicalType.ByteArray, ["s"], 6,
            [
                Dictionary(2, dictionary),
                V1(3, 0, null, 1, [1, 0, 1], DictionaryIndices(2, 1, 0), Encoding.PlainDictionary),
                V1(3, 0, null, 1, [1, 1, 0], PlainByteArrays("ccc"u8.ToArray(), []), Encoding.Plain),
            ])]],
            [6]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal(["bb", null, "a", "ccc", "", null], Values(batch.Column(0)));
        var strings = (BinaryVector)batch.Column(0);
        Assert.Equal("bbaccc", Encoding8(strings.Data));
    }

    private static string Encoding8(ReadOnlySpan<byte> bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task Required_structs_with_required_fields_need_no_levels()
    {
        byte[] file = Build(
            [Root(1), new SchemaElement { Name = "s", NumChildren = 2, RepetitionType = FieldRepetitionType.Required },
             Leaf("a", PhysicalType.Int32, FieldRepetitionType.Required), Leaf("b", PhysicalType.Boolean, FieldRepetitionType.Required)],
            [[
                new Chunk(PhysicalType.Int32, ["s", "a"], 3, [V1(3, 0, null, 0, null, PlainInt32(1, 2, 3))]),
                new Chunk(PhysicalType.Boolean, ["s", "b"], 3, [V1(3, 0, null, 0, null, [0b101])]),
            ]],
            [3]);

        using ColumnBatch batch = await ReadSingleAsync(file);

        Assert.Equal(
            [new object?[] { 1, true }, new object?[] { 2, false }, new object?[] { 3, true }],
            Values(batch.Column(0)));
    }

    [Fact]
    public async Task Field_ids_select_columns()
    {
        SchemaElement a = Leaf("a", PhysicalType.Int32, FieldRepetitionType.Required);
        a.FieldId = 7;
        SchemaElement b = Leaf("b", PhysicalType.Int32, FieldRepetitionType.Required);
        b.FieldId = 3;
        byte[] file = Build(
            [Root(2), a, b],
            [[
                new Chunk(PhysicalType.Int32, ["a"], 1, [V1(1, 0, null, 0, null, PlainInt32(70))]),
                new Chunk(PhysicalType.Int32, ["b"], 1, [V1(1, 0, null, 0, null, PlainInt32(30))]),
            ]],
            [1]);

        using ColumnBatch batch = await ReadSingleAsync(file, new ParquetReadOptions { FieldIds = [3, 7] });
        await using (ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken))
        {
            var info = new RowGroupInfo(0, reader.RowGroups[0], reader.Schema);
            Assert.Null(info.GetStatisticsByFieldId(3));
            Assert.True(RowGroupFilters.RangeByFieldId(3, 100, null)(info), "without statistics the group is kept");
        }

        Assert.Equal(["b", "a"], batch.Fields.Select(f => f.Name));
        Assert.Equal([30], Values(batch.Column(0)));
        Assert.Equal(3, batch.Fields[0].FieldId);
        await Assert.ThrowsAsync<ArgumentException>(() => ReadSingleAsync(file, new ParquetReadOptions { FieldIds = [3], Columns = ["a"] }));
    }

    [Fact]
    public async Task Key_value_metadata_is_exposed()
    {
        byte[] file = Build(
            [Root(1), Leaf("a", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["a"], 1, [V1(1, 0, null, 0, null, PlainInt32(1))])]],
            [1],
            meta => meta.KeyValueMetadata = [new KeyValue("iceberg.schema", "{}")]);

        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([new KeyValue("iceberg.schema", "{}")], reader.KeyValueMetadata);
        Assert.Equal("{}", reader.Metadata.GetMetadata("iceberg.schema"));
        Assert.Equal("hand built", reader.CreatedBy);
    }

    [Fact]
    public async Task Files_are_read_from_paths_and_missing_files_are_reported()
    {
        string path = Path.Combine(Path.GetTempPath(), $"floe-{Guid.NewGuid():N}.parquet");
        byte[] file = Build(
            [Root(1), Leaf("a", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["a"], 2, [V1(2, 0, null, 0, null, PlainInt32(4, 5))])]],
            [2]);
        await File.WriteAllBytesAsync(path, file, TestContext.Current.CancellationToken);
        try
        {
            await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(path, TestContext.Current.CancellationToken);
            using ColumnBatch batch = await reader.ReadRowGroupAsync(0, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal([4, 5], Values(batch.Column(0)));
        }
        finally
        {
            File.Delete(path);
        }

        var ex = await Assert.ThrowsAsync<ParquetException>(() => ParquetFileReader.OpenAsync(path, TestContext.Current.CancellationToken));
        Assert.Equal(Common.Errors.FloeErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public async Task Cancellation_stops_a_read()
    {
        byte[] file = Build(
            [Root(1), Leaf("a", PhysicalType.Int32, FieldRepetitionType.Required)],
            [[new Chunk(PhysicalType.Int32, ["a"], 1, [V1(1, 0, null, 0, null, PlainInt32(1))])]],
            [1]);
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadRowGroupAsync(0, cancellationToken: cts.Token));
    }

    [Fact]
    public void Decimal_bytes_sign_extend_and_reject_overflow()
    {
        Assert.Equal(Int128.Zero, Floe.Parquet.Reading.DecimalBytes.ToInt128([]));
        Assert.Equal((Int128)(-1), Floe.Parquet.Reading.DecimalBytes.ToInt128([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
        Assert.Equal((Int128)258, Floe.Parquet.Reading.DecimalBytes.ToInt128([0x01, 0x02]));
        Assert.Throws<ParquetException>(() => Floe.Parquet.Reading.DecimalBytes.ToInt128([0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    }
}
