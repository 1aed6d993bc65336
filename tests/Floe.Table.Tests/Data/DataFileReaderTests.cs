using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Mapping;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Parquet.Writing;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Reading;
using Floe.Table.Data.Writing;

namespace Floe.Table.Tests.Data;

public sealed class DataFileReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Schema s_old = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Int),
        NestedField.Optional(2, "score", PrimitiveType.Float),
        NestedField.Optional(3, "price", PrimitiveType.Decimal(9, 2)),
        NestedField.Optional(4, "point", StructType.Of(NestedField.Required(5, "x", PrimitiveType.Int))),
        NestedField.Optional(6, "tags", ListType.OfOptional(7, PrimitiveType.Int)),
    ]);

    [Fact]
    public async Task Reads_a_projection_in_the_requested_order()
    {
        byte[] file = await WriteAsync(TestTables.Schema, TestTables.Batch(0, 30), new ParquetWriterOptions { RowGroupSizeBytes = 512 });
        Schema projection = new([TestTables.Schema.GetField("name"), TestTables.Schema.GetField("id")]);

        List<string> rows = await ReadAsync(file, projection);

        using ColumnBatch expected = TestTables.Batch(0, 30);
        var names = (BinaryVector)expected.Column("name");
        Assert.Equal(
            Enumerable.Range(0, 30).Select(i => $"{(names.IsNull(i) ? "null" : names.GetString(i))} | {i}"),
            rows);
    }

    [Fact]
    public async Task Evolved_schemas_widen_rename_add_and_default()
    {
        byte[] file = await WriteAsync(s_old, OldBatch());
        Schema evolved = new(
        [
            MetadataColumns.RowPosition,
            NestedField.Required(1, "key", PrimitiveType.Long),
            NestedField.Optional(2, "score", PrimitiveType.Double),
            NestedField.Optional(3, "price", PrimitiveType.Decimal(14, 2)),
            NestedField.Optional(4, "point", StructType.Of(
                NestedField.Required(5, "x", PrimitiveType.Int),
                NestedField.Optional(8, "y", PrimitiveType.Int))),
            NestedField.Optional(6, "tags", ListType.OfOptional(7, PrimitiveType.Long)),
            NestedField.Optional(9, "added", PrimitiveType.String),
            new NestedField(10, "region", isRequired: true, PrimitiveType.String, initialDefault: Literal.Of("eu")),
        ]);

        List<string> rows = await ReadAsync(file, evolved);

        Assert.Equal(
        [
            "0 | 0 | 0.5 | 0 | [0, null] | [0, 0] | null | eu",
            "1 | 1 | 1.5 | 100 | [10, null] | [1, -1] | null | eu",
            "2 | 2 | null | 200 | null | null | null | eu",
            "3 | 3 | 3.5 | 300 | [30, null] | [3, -3] | null | eu",
        ], rows);
    }

    [Fact]
    public async Task Files_without_ids_are_matched_through_the_name_mapping()
    {
        var fields = new[] { new ColumnField("legacy_id", ColumnType.Int64, Nullable: false), new ColumnField("label", ColumnType.String) };
        using ColumnBatch batch = ColumnBatch.Create(fields);
        ((PrimitiveVector<long>)batch.Column(0)).Append(7);
        ((BinaryVector)batch.Column(1)).Append("seven");
        var stream = new MemoryStream();
        await using (var writer = new ParquetFileWriter(stream, fields, leaveOpen: true))
        {
            await writer.WriteBatchAsync(batch, Ct);
            await writer.CloseAsync(Ct);
        }

        Schema schema = new([NestedField.Required(1, "id", PrimitiveType.Long), NestedField.Optional(2, "label", PrimitiveType.String)]);
        var mapping = new NameMapping([new MappedField(1, ["id", "legacy_id"], []), new MappedField(2, ["label"], [])]);

        Assert.Equal(["7 | seven"], await ReadAsync(stream.ToArray(), schema, new DataReadOptions { NameMapping = mapping }));

        // Without a mapping the requested names decide: only "label" matches, and the required "id" is missing.
        var error = await Assert.ThrowsAsync<FloeException>(() => ReadAsync(stream.ToArray(), schema));
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_that_cannot_be_promoted_is_refused()
    {
        byte[] file = await WriteAsync(s_old, OldBatch());
        Schema wrong = new([NestedField.Optional(2, "score", PrimitiveType.String)]);

        var error = await Assert.ThrowsAsync<FloeException>(() => ReadAsync(file, wrong));
        Assert.Contains("score", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Position_and_file_columns_count_across_row_groups()
    {
        byte[] file = await WriteAsync(TestTables.Schema, TestTables.Batch(100, 200), new ParquetWriterOptions { RowGroupSizeBytes = 1024 });
        Schema projection = new([MetadataColumns.File, MetadataColumns.RowPosition, TestTables.Schema.GetField("id")]);

        List<string> rows = await ReadAsync(file, projection);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"mem.parquet | {i} | {i + 100}"), rows);
    }

    private static ColumnBatch OldBatch()
    {
        ColumnBatch batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(s_old));
        var id = (PrimitiveVector<int>)batch.Column(0);
        var score = (PrimitiveVector<float>)batch.Column(1);
        var price = (PrimitiveVector<Int128>)batch.Column(2);
        var point = (StructVector)batch.Column(3);
        var tags = (ListVector)batch.Column(4);
        for (int i = 0; i < 4; i++)
        {
            id.Append(i);
            if (i == 2)
            {
                score.AppendNull();
                point.AppendNull();
                tags.AppendNull();
            }
            else
            {
                score.Append(i + 0.5f);
                ((PrimitiveVector<int>)point.Child(0)).Append(i * 10);
                point.AppendStruct();
                ((PrimitiveVector<int>)tags.Elements).Append(i);
                ((PrimitiveVector<int>)tags.Elements).Append(-i);
                tags.EndList();
            }

            price.Append(i * 100);
        }

        return batch;
    }

    internal static async Task<byte[]> WriteAsync(Schema schema, ColumnBatch batch, ParquetWriterOptions? options = null)
    {
        using (batch)
        {
            var stream = new MemoryStream();
            var config = new DataWriterConfig { Schema = schema, Parquet = options ?? new ParquetWriterOptions() };
            await using var writer = new DataFileWriter(stream, "mem.parquet", config, leaveOpen: true);
            await writer.WriteAsync(batch, Ct);
            await writer.CloseAsync(Ct);
            return stream.ToArray();
        }
    }

    internal static async Task<List<string>> ReadAsync(byte[] file, Schema projection, DataReadOptions? options = null)
    {
        await using DataFileReader reader = await DataFileReader.OpenAsync(new MemoryStream(file), "mem.parquet", cancellationToken: Ct);
        var rows = new List<string>();
        await foreach (ColumnBatch batch in reader.ReadAsync(projection, options, Ct))
        {
            using (batch)
            {
                Assert.Equal(IcebergColumns.ToColumnFields(projection), batch.Fields);
                rows.AddRange(TestTables.Rows(batch));
            }
        }

        return rows;
    }
}
