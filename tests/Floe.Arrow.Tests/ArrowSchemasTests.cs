using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Common.Errors;
using Floe.Core.Types;
using ArrowListType = Apache.Arrow.Types.ListType;
using ArrowMapType = Apache.Arrow.Types.MapType;
using ArrowStructType = Apache.Arrow.Types.StructType;
using ArrowTimeUnit = Apache.Arrow.Types.TimeUnit;
using IcebergSchema = Floe.Core.Schemas.Schema;

namespace Floe.Arrow.Tests;

public sealed class ArrowSchemasTests
{
    [Fact]
    public void To_arrow_schema_maps_every_iceberg_type_with_nullability_and_field_ids()
    {
        Apache.Arrow.Schema arrow = ArrowSchemas.ToArrowSchema(Samples.AllTypes);

        Assert.Equal(Samples.AllTypes.Columns.Select(c => c.Name), arrow.FieldsList.Select(f => f.Name));
        Assert.IsType<Int64Type>(arrow.GetFieldByName("id").DataType);
        Assert.False(arrow.GetFieldByName("id").IsNullable);
        Assert.True(arrow.GetFieldByName("flag").IsNullable);
        Assert.IsType<BooleanType>(arrow.GetFieldByName("flag").DataType);
        Assert.IsType<Int32Type>(arrow.GetFieldByName("count").DataType);
        Assert.IsType<FloatType>(arrow.GetFieldByName("ratio").DataType);
        Assert.IsType<DoubleType>(arrow.GetFieldByName("score").DataType);
        var price = Assert.IsType<Decimal128Type>(arrow.GetFieldByName("price").DataType);
        Assert.Equal((10, 2), (price.Precision, price.Scale));
        Assert.IsType<Date32Type>(arrow.GetFieldByName("day").DataType);
        Assert.Equal(ArrowTimeUnit.Microsecond, Assert.IsType<Time64Type>(arrow.GetFieldByName("at_time").DataType).Unit);
        AssertTimestamp(arrow.GetFieldByName("local_ts"), ArrowTimeUnit.Microsecond, null);
        AssertTimestamp(arrow.GetFieldByName("utc_ts"), ArrowTimeUnit.Microsecond, "UTC");
        AssertTimestamp(arrow.GetFieldByName("local_ns"), ArrowTimeUnit.Nanosecond, null);
        AssertTimestamp(arrow.GetFieldByName("utc_ns"), ArrowTimeUnit.Nanosecond, "UTC");
        Assert.IsType<StringType>(arrow.GetFieldByName("name").DataType);
        Field key = arrow.GetFieldByName("key");
        Assert.Equal(16, Assert.IsType<FixedSizeBinaryType>(key.DataType).ByteWidth);
        Assert.Equal(ArrowSchemas.UuidExtensionName, key.Metadata[ArrowSchemas.ExtensionNameKey]);
        Assert.Equal(3, Assert.IsType<FixedSizeBinaryType>(arrow.GetFieldByName("code").DataType).ByteWidth);
        Assert.IsType<BinaryType>(arrow.GetFieldByName("blob").DataType);

        var point = Assert.IsType<ArrowStructType>(arrow.GetFieldByName("point").DataType);
        Assert.Equal(["x", "label"], point.Fields.Select(f => f.Name));
        Assert.False(point.Fields[0].IsNullable);
        Assert.Equal("18", point.Fields[0].Metadata[ArrowSchemas.FieldIdKey]);
        var tags = Assert.IsType<ArrowListType>(arrow.GetFieldByName("tags").DataType);
        Assert.Equal("element", tags.ValueField.Name);
        Assert.Equal("21", tags.ValueField.Metadata[ArrowSchemas.FieldIdKey]);
        Assert.IsType<Int64Type>(tags.ValueDataType);
        var attrs = Assert.IsType<ArrowMapType>(arrow.GetFieldByName("attrs").DataType);
        Assert.False(attrs.KeyField.IsNullable);
        Assert.True(attrs.ValueField.IsNullable);
        Assert.Equal(("23", "24"), (attrs.KeyField.Metadata[ArrowSchemas.FieldIdKey], attrs.ValueField.Metadata[ArrowSchemas.FieldIdKey]));

        foreach (var (field, column) in arrow.FieldsList.Zip(Samples.AllTypes.Columns))
        {
            Assert.Equal(column.Id, ArrowSchemas.FieldId(field));
        }
    }

    [Fact]
    public void Iceberg_to_arrow_and_back_keeps_every_type_id_and_nullability()
    {
        IcebergSchema back = ArrowSchemas.ToIcebergSchema(ArrowSchemas.ToArrowSchema(Samples.AllTypes));

        Assert.True(back.SameSchema(Samples.AllTypes), back.AsStruct.ToString());
    }

    [Fact]
    public void To_iceberg_schema_gives_fields_without_ids_fresh_ids_above_the_highest()
    {
        var arrow = new Apache.Arrow.Schema(
        [
            new Field("a", Int32Type.Default, nullable: false),
            new Field("b", StringType.Default, nullable: true, [new(ArrowSchemas.FieldIdKey, "7")]),
            new Field("c", new ArrowListType(new Field("item", Int64Type.Default, nullable: false)), nullable: true),
        ], metadata: null);

        IcebergSchema schema = ArrowSchemas.ToIcebergSchema(arrow);

        Assert.Equal(8, schema.FindField("a")!.Id);
        Assert.True(schema.FindField("a")!.IsRequired);
        Assert.Equal(7, schema.FindField("b")!.Id);
        NestedField c = schema.FindField("c")!;
        Assert.Equal(9, c.Id);
        var list = Assert.IsType<Floe.Core.Types.ListType>(c.Type);
        Assert.Equal(10, list.ElementId);
        Assert.True(list.IsElementRequired);
        Assert.Equal(PrimitiveType.Long, list.ElementType);
    }

    public static TheoryData<string, IArrowType, string> LosslessTypes() => new()
    {
        { "int8", Int8Type.Default, "int" },
        { "int16", Int16Type.Default, "int" },
        { "uint8", UInt8Type.Default, "int" },
        { "uint16", UInt16Type.Default, "int" },
        { "uint32", UInt32Type.Default, "long" },
        { "large_utf8", LargeStringType.Default, "string" },
        { "large_binary", LargeBinaryType.Default, "binary" },
        { "date64", Date64Type.Default, "date" },
        { "time32_ms", new Time32Type(ArrowTimeUnit.Millisecond), "time" },
        { "ts_s", new TimestampType(ArrowTimeUnit.Second, (string?)null), "timestamp" },
        { "ts_ms_tz", new TimestampType(ArrowTimeUnit.Millisecond, "Europe/Paris"), "timestamptz" },
        { "ts_ns", new TimestampType(ArrowTimeUnit.Nanosecond, (string?)null), "timestamp_ns" },
        { "fixed16_plain", new FixedSizeBinaryType(16), "fixed[16]" },
        { "large_list", new LargeListType(new Field("element", Int32Type.Default, true)), "list<int>" },
    };

    [Theory]
    [MemberData(nameof(LosslessTypes))]
    public void To_iceberg_schema_accepts_lossless_arrow_types(string name, IArrowType type, string expected)
    {
        IcebergSchema schema = ArrowSchemas.ToIcebergSchema(new Apache.Arrow.Schema([new Field(name, type, true)], null));

        Assert.Equal(expected, schema.Columns[0].Type.ToString());
    }

    public static TheoryData<IArrowType, string> LossyTypes() => new()
    {
        { UInt64Type.Default, "uint64" },
        { HalfFloatType.Default, "halffloat" },
        { new Time64Type(ArrowTimeUnit.Nanosecond), "time64[Nanosecond]" },
        { new Decimal256Type(50, 2), "decimal256" },
        { NullType.Default, "null" },
        { new DictionaryType(Int32Type.Default, StringType.Default, false), "dictionary" },
    };

    [Theory]
    [MemberData(nameof(LossyTypes))]
    public void To_iceberg_schema_refuses_types_without_lossless_iceberg_type_naming_the_field_and_type(IArrowType type, string typeText)
    {
        var arrow = new Apache.Arrow.Schema(
            [new Field("outer", new ArrowStructType([new Field("inner", type, true)]), true)], null);

        var error = Assert.Throws<FloeException>(() => ArrowSchemas.ToIcebergSchema(arrow));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("'outer.inner'", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeText, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void To_iceberg_schema_refuses_a_field_id_that_is_not_a_number()
    {
        var arrow = new Apache.Arrow.Schema([new Field("a", Int32Type.Default, true, [new(ArrowSchemas.FieldIdKey, "x1")])], null);

        var error = Assert.Throws<FloeException>(() => ArrowSchemas.ToIcebergSchema(arrow));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    private static void AssertTimestamp(Field field, ArrowTimeUnit unit, string? timezone)
    {
        var type = Assert.IsType<TimestampType>(field.DataType);
        Assert.Equal(unit, type.Unit);
        Assert.Equal(timezone, type.Timezone);
    }
}
