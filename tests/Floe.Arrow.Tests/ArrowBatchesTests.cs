using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Types;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;
using IcebergSchema = Floe.Core.Schemas.Schema;

namespace Floe.Arrow.Tests;

public sealed class ArrowBatchesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(23)]
    [InlineData(200)]
    public void Every_type_with_nulls_round_trips_through_a_record_batch(int rows)
    {
        using ColumnBatch source = Samples.Build(Samples.AllTypes, rows);
        List<string[]> expected = Samples.Rows(source);

        using RecordBatch arrow = ArrowBatches.ToRecordBatch(source, Samples.AllTypes);
        Assert.Equal(rows, arrow.Length);
        Assert.Equal(expected, Samples.Rows(arrow));
        Assert.Equal(0, arrow.Column("id").NullCount);
        Assert.All(arrow.Arrays.Skip(1), a => Assert.Equal(Enumerable.Range(0, rows).Count(Samples.IsNullRow), a.NullCount));

        using ColumnBatch back = ArrowBatches.ToColumnBatch(arrow, Samples.AllTypes);
        Assert.Equal(expected, Samples.Rows(back));
    }

    [Fact]
    public void To_record_batch_leaves_the_column_batch_empty_and_reusable()
    {
        using ColumnBatch source = Samples.Build(Samples.AllTypes, 10);

        using RecordBatch arrow = ArrowBatches.ToRecordBatch(source);

        Assert.Equal(10, arrow.Length);
        Assert.Equal(0, source.RowCount);
        Assert.All(source.Columns, c => Assert.Equal(0, c.Length));
        Samples.AppendValue(source.Column(0), 5);
        Assert.Equal(5 * 1_000_003L, ((PrimitiveVector<long>)source.Column(0))[0]);
    }

    [Fact]
    public void To_record_batch_without_schema_uses_the_batch_fields_and_their_ids()
    {
        using ColumnBatch source = Samples.Build(Samples.AllTypes, 4);

        using RecordBatch arrow = ArrowBatches.ToRecordBatch(source);

        Assert.True(ArrowSchemas.ToIcebergSchema(arrow.Schema).SameSchema(Samples.AllTypes));
    }

    [Fact]
    public void Sliced_record_batch_converts_from_its_offset()
    {
        using ColumnBatch source = Samples.Build(Samples.AllTypes, 40);
        List<string[]> expected = Samples.Rows(source);
        using RecordBatch arrow = ArrowBatches.ToRecordBatch(source, Samples.AllTypes);

        foreach ((int offset, int length) in new[] { (0, 40), (7, 11), (13, 27), (39, 1), (20, 0) })
        {
            using RecordBatch slice = arrow.SliceShared(offset, length);
            using ColumnBatch back = ArrowBatches.ToColumnBatch(slice, Samples.AllTypes);
            Assert.Equal(expected.Skip(offset).Take(length), Samples.Rows(back));
        }
    }

    [Fact]
    public void Columns_match_by_field_id_before_name_at_every_level()
    {
        var schema = new IcebergSchema(
        [
            NestedField.Optional(1, "renamed", PrimitiveType.Int),
            NestedField.Optional(2, "point", Floe.Core.Types.StructType.Of(NestedField.Optional(3, "x", PrimitiveType.Long))),
        ]);
        var ints = new Int32Array.Builder().AppendRange([1, 2]).Build();
        var longs = new Int64Array.Builder().AppendRange([10, 20]).Build();
        var decoy = new Int32Array.Builder().AppendRange([7, 7]).Build();
        var xField = new Field("old_x", Int64Type.Default, true, [new(ArrowSchemas.FieldIdKey, "3")]);
        var pointType = new Apache.Arrow.Types.StructType([xField]);
        var point = new StructArray(pointType, 2, [longs], ArrowBuffer.Empty);
        var arrowSchema = new Apache.Arrow.Schema(
        [
            new Field("renamed", Int32Type.Default, true, [new(ArrowSchemas.FieldIdKey, "9")]),
            new Field("point", pointType, true),
            new Field("old_name", Int32Type.Default, true, [new(ArrowSchemas.FieldIdKey, "1")]),
        ], null);
        using var arrow = new RecordBatch(arrowSchema, [decoy, point, ints], 2);

        using ColumnBatch batch = ArrowBatches.ToColumnBatch(arrow, schema);

        Assert.Equal(["1", "{10}"], Samples.Rows(batch)[0]);
        Assert.Equal(["2", "{20}"], Samples.Rows(batch)[1]);
    }

    [Fact]
    public void Missing_optional_columns_are_all_null_in_both_directions()
    {
        var schema = new IcebergSchema(
        [
            NestedField.Required(1, "id", PrimitiveType.Long),
            NestedField.Optional(2, "note", PrimitiveType.String),
            NestedField.Optional(3, "nested", Floe.Core.Types.StructType.Of(NestedField.Required(4, "n", PrimitiveType.Int))),
        ]);
        var ids = new Int64Array.Builder().AppendRange([1, 2, 3]).Build();
        using var arrow = new RecordBatch(new Apache.Arrow.Schema([new Field("id", Int64Type.Default, false)], null), [ids], 3);

        using ColumnBatch batch = ArrowBatches.ToColumnBatch(arrow, schema);
        Assert.Equal(["1", "null", "null"], Samples.Rows(batch)[0]);

        var onlyIds = ColumnBatch.Create([new ColumnField("id", ColumnType.Int64, Nullable: false, FieldId: 1)]);
        ((PrimitiveVector<long>)onlyIds.Column(0)).AppendRange([5L, 6L]);
        using RecordBatch fromFloe = ArrowBatches.ToRecordBatch(onlyIds, schema);
        Assert.Equal(["6", "null", "null"], Samples.Rows(fromFloe)[1]);
        Assert.Equal(2, fromFloe.Column(2).NullCount);
        onlyIds.Dispose();
    }

    [Fact]
    public void Missing_required_columns_are_refused_naming_the_column()
    {
        var schema = new IcebergSchema(
        [
            NestedField.Optional(1, "a", PrimitiveType.Long),
            NestedField.Optional(2, "s", Floe.Core.Types.StructType.Of(NestedField.Required(3, "must", PrimitiveType.Int))),
        ]);
        var structType = new Apache.Arrow.Types.StructType([new Field("other", Int32Type.Default, true)]);
        var structs = new StructArray(structType, 1, [new Int32Array.Builder().Append(1).Build()], ArrowBuffer.Empty);
        using var arrow = new RecordBatch(new Apache.Arrow.Schema([new Field("s", structType, true)], null), [structs], 1);

        var error = Assert.Throws<FloeException>(() => ArrowBatches.ToColumnBatch(arrow, schema));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("'s.must'", error.Message, StringComparison.Ordinal);

        var required = new IcebergSchema([NestedField.Required(1, "id", PrimitiveType.Long)]);
        using var empty = ColumnBatch.Create([new ColumnField("other", ColumnType.Int64)]);
        var floeError = Assert.Throws<FloeException>(() => ArrowBatches.ToRecordBatch(empty, required));
        Assert.Contains("'id'", floeError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_types_are_refused_naming_the_column_and_both_types()
    {
        var schema = new IcebergSchema([NestedField.Optional(1, "amount", PrimitiveType.Long)]);
        using var arrow = new RecordBatch(
            new Apache.Arrow.Schema([new Field("amount", StringType.Default, true)], null),
            [new StringArray.Builder().Append("1").Build()], 1);

        var error = Assert.Throws<FloeException>(() => ArrowBatches.ToColumnBatch(arrow, schema));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("'amount'", error.Message, StringComparison.Ordinal);
        Assert.Contains("long", error.Message, StringComparison.Ordinal);
        Assert.Contains("utf8", error.Message, StringComparison.Ordinal);

        using var batch = ColumnBatch.Create([new ColumnField("amount", ColumnType.String, FieldId: 1)]);
        ((BinaryVector)batch.Column(0)).Append("1");
        var floeError = Assert.Throws<FloeException>(() => ArrowBatches.ToRecordBatch(batch, schema));
        Assert.Contains("'amount'", floeError.Message, StringComparison.Ordinal);
        Assert.Equal(1, batch.RowCount);
    }

    [Fact]
    public void Nulls_in_a_required_column_are_refused()
    {
        var schema = new IcebergSchema([NestedField.Required(1, "id", PrimitiveType.Int)]);
        using var arrow = new RecordBatch(
            new Apache.Arrow.Schema([new Field("id", Int32Type.Default, true)], null),
            [new Int32Array.Builder().Append(1).AppendNull().Build()], 2);

        var error = Assert.Throws<FloeException>(() => ArrowBatches.ToColumnBatch(arrow, schema));
        Assert.Contains("'id' is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lossless_arrow_types_are_converted_to_the_iceberg_representation()
    {
        var schema = new IcebergSchema(
        [
            NestedField.Optional(1, "i8", PrimitiveType.Int),
            NestedField.Optional(2, "u16", PrimitiveType.Int),
            NestedField.Optional(3, "u32", PrimitiveType.Long),
            NestedField.Optional(4, "big_text", PrimitiveType.String),
            NestedField.Optional(5, "d64", PrimitiveType.Date),
            NestedField.Optional(6, "ts_ms", PrimitiveType.TimestampTz),
            NestedField.Optional(7, "t32", PrimitiveType.Time),
            NestedField.Optional(8, "big_blob", PrimitiveType.Binary),
        ]);
        IArrowArray[] arrays =
        [
            new Int8Array.Builder().Append(-5).AppendNull().Build(),
            new UInt16Array.Builder().Append(65_000).Append(1).Build(),
            new UInt32Array.Builder().Append(4_000_000_000).Append(0).Build(),
            new LargeStringArray.Builder().Append("héllo").AppendNull().Build(),
            new Date64Array.Builder().Append(new DateTime(1969, 12, 31)).Append(new DateTime(2024, 2, 29)).Build(),
            new TimestampArray.Builder(new TimestampType(ArrowTimeUnit.Millisecond, "UTC")).Append(DateTimeOffset.FromUnixTimeMilliseconds(-1_500)).AppendNull().Build(),
            new Time32Array.Builder(new Time32Type(ArrowTimeUnit.Second)).Append(3_600).Append(1).Build(),
            new LargeBinaryArray.Builder().Append([1, 2]).Append([]).Build(),
        ];
        var arrowSchema = new Apache.Arrow.Schema(
            [.. schema.Columns.Select((c, i) => new Field(c.Name, arrays[i].Data.DataType, true))], null);
        using var arrow = new RecordBatch(arrowSchema, arrays, 2);

        using ColumnBatch batch = ArrowBatches.ToColumnBatch(arrow, schema);

        Assert.Equal(["-5", "65000", "4000000000", "héllo", "-1", "-1500000", "3600000000", "0102"], Samples.Rows(batch)[0]);
        Assert.Equal(["null", "1", "0", "null", "19782", "null", "1000000", ""], Samples.Rows(batch)[1]);
    }

    [Fact]
    public void Timestamps_beyond_the_iceberg_range_are_refused()
    {
        var schema = new IcebergSchema([NestedField.Optional(1, "ts", PrimitiveType.Timestamp)]);
        var type = new TimestampType(ArrowTimeUnit.Second, (string?)null);
        var data = new ArrayData(type, 1, 0, 0, [ArrowBuffer.Empty, Samples.Buffer(long.MaxValue / 10)], []);
        using var arrow = new RecordBatch(new Apache.Arrow.Schema([new Field("ts", type, true)], null), [new TimestampArray(data)], 1);

        var error = Assert.Throws<FloeException>(() => ArrowBatches.ToColumnBatch(arrow, schema));
        Assert.Contains("'ts'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uuid_columns_accept_plain_sixteen_byte_fixed_size_binary()
    {
        var schema = new IcebergSchema([NestedField.Optional(1, "key", PrimitiveType.Uuid)]);
        var guid = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var type = new FixedSizeBinaryType(16);
        var data = new ArrayData(type, 1, 0, 0, [ArrowBuffer.Empty, Samples.Buffer(guid.ToByteArray(bigEndian: true))], []);
        using var arrow = new RecordBatch(new Apache.Arrow.Schema([new Field("key", type, true)], null), [new Apache.Arrow.Arrays.FixedSizeBinaryArray(data)], 1);

        using ColumnBatch batch = ArrowBatches.ToColumnBatch(arrow, schema);

        Assert.Equal(guid, batch.Column(0).GetValue(0));
    }

    [Fact]
    public void To_record_batch_refuses_one_batch_column_feeding_two_schema_columns()
    {
        var schema = new IcebergSchema(
        [
            NestedField.Optional(1, "a", PrimitiveType.Long),
            NestedField.Optional(2, "b", PrimitiveType.Long),
        ]);
        using var batch = ColumnBatch.Create([new ColumnField("b", ColumnType.Int64, FieldId: 1)]);
        ((PrimitiveVector<long>)batch.Column(0)).Append(1);

        var error = Assert.Throws<FloeException>(() => ArrowBatches.ToRecordBatch(batch, schema));

        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, batch.RowCount);
    }
}
