using Floe.Common.Columnar;
using Floe.Parquet.Metadata;
using Floe.Parquet.Schemas;
using ColumnarTimeUnit = Floe.Common.Columnar.TimeUnit;

namespace Floe.Parquet.Tests.Schemas;

public sealed class ParquetSchemaTests
{
    private static SchemaElement Group(string name, int children, FieldRepetitionType? repetition = FieldRepetitionType.Optional,
        ConvertedType? converted = null, LogicalType? logical = null, int? fieldId = null) =>
        new() { Name = name, NumChildren = children, RepetitionType = repetition, ConvertedType = converted, LogicalType = logical, FieldId = fieldId };

    private static SchemaElement Leaf(string name, PhysicalType type, FieldRepetitionType repetition = FieldRepetitionType.Optional,
        ConvertedType? converted = null, LogicalType? logical = null, int? length = null, int? fieldId = null) =>
        new() { Name = name, Type = type, RepetitionType = repetition, ConvertedType = converted, LogicalType = logical, TypeLength = length, FieldId = fieldId };

    private static ParquetSchema Schema(params SchemaElement[] children)
    {
        int top = 0;
        int pending = 0;
        foreach (SchemaElement element in children)
        {
            if (pending == 0)
            {
                top++;
            }
            else
            {
                pending--;
            }

            pending += element.NumChildren ?? 0;
        }

        return ParquetSchema.FromElements([new SchemaElement { Name = "schema", NumChildren = top }, .. children]);
    }

    [Fact]
    public void Flat_columns_get_levels_types_and_field_ids()
    {
        ParquetSchema schema = Schema(
            Leaf("id", PhysicalType.Int64, FieldRepetitionType.Required, fieldId: 1),
            Leaf("name", PhysicalType.ByteArray, logical: StringType.Instance, fieldId: 2));

        Assert.Equal(2, schema.Columns.Count);
        ColumnDescriptor id = schema.Columns[0];
        Assert.Equal((0, 0, 1), (id.MaxDefinitionLevel, id.MaxRepetitionLevel, id.FieldId));
        Assert.Equal(ColumnType.Int64, id.Type);
        ColumnDescriptor name = schema.Columns[1];
        Assert.Equal((1, 0, 1), (name.MaxDefinitionLevel, name.MaxRepetitionLevel, name.Index));
        Assert.Equal(ColumnType.String, name.Type);
        Assert.Equal(
            [new ColumnField("id", ColumnType.Int64, false, 1), new ColumnField("name", ColumnType.String, true, 2)],
            schema.Fields);
        Assert.Same(name, schema.FindColumn("name"));
        Assert.Equal(1, schema.IndexOfFieldId(2));
        Assert.Equal(-1, schema.IndexOfFieldId(3));
        Assert.Equal(0, schema.IndexOfField("id"));
    }

    [Theory]
    [MemberData(nameof(LeafMappings))]
    public void Leaf_types_map_to_columnar_types(SchemaElement leaf, ColumnType expected, ValueConversion conversion)
    {
        ColumnDescriptor column = Schema(leaf).Columns[0];
        Assert.Equal(expected, column.Type);
        Assert.Equal(conversion, column.Conversion);
    }

    public static TheoryData<SchemaElement, ColumnType, ValueConversion> LeafMappings() => new()
    {
        { Leaf("a", PhysicalType.Boolean), ColumnType.Boolean, ValueConversion.None },
        { Leaf("a", PhysicalType.Int32), ColumnType.Int32, ValueConversion.None },
        { Leaf("a", PhysicalType.Int32, logical: new IntType(8, true)), ColumnType.Int32, ValueConversion.None },
        { Leaf("a", PhysicalType.Int32, logical: new IntType(16, false)), ColumnType.Int32, ValueConversion.None },
        { Leaf("a", PhysicalType.Int32, logical: new IntType(32, false)), ColumnType.Int64, ValueConversion.UInt32ToInt64 },
        { Leaf("a", PhysicalType.Int32, converted: ConvertedType.Uint32), ColumnType.Int64, ValueConversion.UInt32ToInt64 },
        { Leaf("a", PhysicalType.Int64, logical: new IntType(64, false)), ColumnType.Int64, ValueConversion.None },
        { Leaf("a", PhysicalType.Int32, logical: DateType.Instance), ColumnType.Date, ValueConversion.None },
        { Leaf("a", PhysicalType.Int32, converted: ConvertedType.Date), ColumnType.Date, ValueConversion.None },
        { Leaf("a", PhysicalType.Int32, logical: new TimeType(false, ColumnarTimeUnit.Milliseconds)), ColumnType.Time, ValueConversion.TimeMillisToMicros },
        { Leaf("a", PhysicalType.Int64, logical: new TimeType(false, ColumnarTimeUnit.Microseconds)), ColumnType.Time, ValueConversion.None },
        { Leaf("a", PhysicalType.Int64, logical: new TimeType(true, ColumnarTimeUnit.Nanoseconds)), ColumnType.Time, ValueConversion.TimeNanosToMicros },
        { Leaf("a", PhysicalType.Int64, converted: ConvertedType.TimeMicros), ColumnType.Time, ValueConversion.None },
        { Leaf("a", PhysicalType.Int64, logical: new TimestampType(false, ColumnarTimeUnit.Nanoseconds)), ColumnType.Timestamp(ColumnarTimeUnit.Nanoseconds, false), ValueConversion.None },
        { Leaf("a", PhysicalType.Int64, converted: ConvertedType.TimestampMillis), ColumnType.Timestamp(ColumnarTimeUnit.Milliseconds, true), ValueConversion.None },
        { Leaf("a", PhysicalType.Int96), ColumnType.Timestamp(ColumnarTimeUnit.Nanoseconds, true), ValueConversion.Int96ToNanos },
        { Leaf("a", PhysicalType.Float), ColumnType.Float32, ValueConversion.None },
        { Leaf("a", PhysicalType.Double), ColumnType.Float64, ValueConversion.None },
        { Leaf("a", PhysicalType.ByteArray), ColumnType.Binary, ValueConversion.None },
        { Leaf("a", PhysicalType.ByteArray, converted: ConvertedType.Utf8), ColumnType.String, ValueConversion.None },
        { Leaf("a", PhysicalType.ByteArray, logical: EnumType.Instance), ColumnType.String, ValueConversion.None },
        { Leaf("a", PhysicalType.ByteArray, logical: JsonType.Instance), ColumnType.String, ValueConversion.None },
        { Leaf("a", PhysicalType.ByteArray, logical: new DecimalType(2, 20)), ColumnType.Decimal(20, 2), ValueConversion.BytesToDecimal },
        { Leaf("a", PhysicalType.Int32, logical: new DecimalType(2, 4)), ColumnType.Decimal(4, 2), ValueConversion.IntegerToDecimal },
        { Leaf("a", PhysicalType.FixedLenByteArray, logical: UuidType.Instance, length: 16), ColumnType.Uuid, ValueConversion.None },
        { Leaf("a", PhysicalType.FixedLenByteArray, logical: new DecimalType(10, 38), length: 16), ColumnType.Decimal(38, 10), ValueConversion.BytesToDecimal },
        { Leaf("a", PhysicalType.FixedLenByteArray, length: 7), ColumnType.FixedBinary(7), ValueConversion.None },
    };

    [Fact]
    public void Legacy_converted_decimal_uses_the_element_scale_and_precision()
    {
        SchemaElement leaf = Leaf("d", PhysicalType.Int64, converted: ConvertedType.Decimal);
        leaf.Precision = 18;
        leaf.Scale = 3;
        Assert.Equal(ColumnType.Decimal(18, 3), Schema(leaf).Columns[0].Type);
    }

    [Fact]
    public void Three_level_lists_map_to_lists_with_their_element()
    {
        ParquetSchema schema = Schema(
            Group("tags", 1, logical: ListType.Instance, fieldId: 5),
            Group("list", 1, FieldRepetitionType.Repeated),
            Leaf("element", PhysicalType.ByteArray, logical: StringType.Instance, fieldId: 6));

        ColumnField tags = schema.Fields[0];
        Assert.Equal(ColumnType.List(new ColumnField("element", ColumnType.String, true, 6)), tags.Type);
        Assert.Equal(5, tags.FieldId);
        ColumnDescriptor leaf = schema.Columns[0];
        Assert.Equal((3, 1), (leaf.MaxDefinitionLevel, leaf.MaxRepetitionLevel));
        Assert.Equal(["tags", "list", "element"], leaf.Path);
        Assert.Equal("tags.list.element", leaf.DottedPath);
    }

    [Fact]
    public void Legacy_two_level_lists_follow_the_backward_compatibility_rules()
    {
        ParquetSchema schema = Schema(
            Group("a", 1, converted: ConvertedType.List),
            Leaf("a_elem", PhysicalType.Int32, FieldRepetitionType.Repeated),
            Group("b", 1, converted: ConvertedType.List),
            Group("b_elem", 2, FieldRepetitionType.Repeated),
            Leaf("x", PhysicalType.Int32, FieldRepetitionType.Required),
            Leaf("y", PhysicalType.Int32),
            Group("c", 1, converted: ConvertedType.List),
            Group("array", 1, FieldRepetitionType.Repeated),
            Leaf("x", PhysicalType.Int32),
            Group("d", 1, converted: ConvertedType.List),
            Group("d_tuple", 1, FieldRepetitionType.Repeated),
            Leaf("x", PhysicalType.Int32),
            Leaf("e", PhysicalType.Int64, FieldRepetitionType.Repeated));

        Assert.Equal(ColumnType.List(new ColumnField("a_elem", ColumnType.Int32, false)), schema.Fields[0].Type);
        Assert.Equal(
            ColumnType.List(new ColumnField("b_elem", ColumnType.Struct(new ColumnField("x", ColumnType.Int32, false), new ColumnField("y", ColumnType.Int32)), false)),
            schema.Fields[1].Type);
        Assert.Equal(ColumnType.List(new ColumnField("array", ColumnType.Struct(new ColumnField("x", ColumnType.Int32)), false)), schema.Fields[2].Type);
        Assert.Equal(ColumnType.List(new ColumnField("d_tuple", ColumnType.Struct(new ColumnField("x", ColumnType.Int32)), false)), schema.Fields[3].Type);
        Assert.Equal(new ColumnField("e", ColumnType.List(new ColumnField("e", ColumnType.Int64, false)), false), schema.Fields[4]);
    }

    [Fact]
    public void Maps_including_legacy_map_key_value_groups_map_to_maps()
    {
        ParquetSchema schema = Schema(
            Group("m", 1, converted: ConvertedType.Map),
            Group("key_value", 2, FieldRepetitionType.Repeated, converted: ConvertedType.MapKeyValue),
            Leaf("key", PhysicalType.ByteArray, FieldRepetitionType.Required, converted: ConvertedType.Utf8),
            Leaf("value", PhysicalType.Int32));

        Assert.Equal(
            ColumnType.Map(new ColumnField("key", ColumnType.String, false), new ColumnField("value", ColumnType.Int32)),
            schema.Fields[0].Type);
        Assert.Equal((3, 1), (schema.Columns[1].MaxDefinitionLevel, schema.Columns[1].MaxRepetitionLevel));
    }

    [Fact]
    public void Struct_groups_map_to_structs()
    {
        ParquetSchema schema = Schema(
            Group("s", 2, FieldRepetitionType.Required, fieldId: 3),
            Leaf("a", PhysicalType.Int32, fieldId: 4),
            Group("t", 1),
            Leaf("b", PhysicalType.Double, FieldRepetitionType.Required));

        Assert.Equal(
            new ColumnField("s", ColumnType.Struct(
                new ColumnField("a", ColumnType.Int32, true, 4),
                new ColumnField("t", ColumnType.Struct(new ColumnField("b", ColumnType.Float64, false)))), false, 3),
            schema.Fields[0]);
        Assert.Equal(1, schema.Columns[1].MaxDefinitionLevel);
    }

    [Fact]
    public void Fields_round_trip_through_the_iceberg_style_elements()
    {
        ColumnField[] fields =
        [
            new("b", ColumnType.Boolean, false, 1),
            new("i", ColumnType.Int32, true, 2),
            new("l", ColumnType.Int64, true, 3),
            new("f", ColumnType.Float32, true, 4),
            new("d", ColumnType.Float64, true, 5),
            new("dec9", ColumnType.Decimal(9, 2), true, 6),
            new("dec18", ColumnType.Decimal(18, 3), true, 7),
            new("dec38", ColumnType.Decimal(38, 10), true, 8),
            new("date", ColumnType.Date, true, 9),
            new("time", ColumnType.Time, true, 10),
            new("ts", ColumnType.Timestamp(ColumnarTimeUnit.Microseconds, false), true, 11),
            new("tstz", ColumnType.Timestamp(ColumnarTimeUnit.Microseconds, true), true, 12),
            new("s", ColumnType.String, true, 13),
            new("bin", ColumnType.Binary, true, 14),
            new("fixed", ColumnType.FixedBinary(3), true, 15),
            new("uuid", ColumnType.Uuid, true, 16),
            new("list", ColumnType.List(new ColumnField("element", ColumnType.Int64, false, 18)), true, 17),
            new("map", ColumnType.Map(new ColumnField("key", ColumnType.String, false, 20), new ColumnField("value", ColumnType.Int32, true, 21)), true, 19),
            new("st", ColumnType.Struct(new ColumnField("x", ColumnType.Int32, true, 23)), true, 22),
        ];

        ParquetSchema schema = ParquetSchema.FromFields(fields);

        Assert.Equal(fields, schema.Fields);
        Assert.Equal(PhysicalType.Int32, schema.FindColumn("dec9")!.PhysicalType);
        Assert.Equal(PhysicalType.Int64, schema.FindColumn("dec18")!.PhysicalType);
        Assert.Equal((PhysicalType.FixedLenByteArray, 16), (schema.FindColumn("dec38")!.PhysicalType, schema.FindColumn("dec38")!.TypeLength));
        Assert.NotNull(schema.FindColumn("list.list.element"));
        Assert.NotNull(schema.FindColumn("map.key_value.value"));
        Assert.Equal(ConvertedType.Utf8, schema.FindColumn("s")!.ConvertedType);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(9, 4)]
    [InlineData(10, 5)]
    [InlineData(18, 8)]
    [InlineData(19, 9)]
    [InlineData(38, 16)]
    public void Decimal_byte_widths_are_minimal(int precision, int bytes) =>
        Assert.Equal(bytes, SchemaElementBuilder.DecimalByteWidth(precision));

    [Fact]
    public void Leaves_may_carry_a_zero_child_count()
    {
        SchemaElement leaf = Leaf("a", PhysicalType.Int32);
        leaf.NumChildren = 0;
        ParquetSchema schema = ParquetSchema.FromElements([new SchemaElement { Name = "schema", NumChildren = 1 }, leaf]);
        Assert.True(schema.Root.Children[0].IsLeaf);
        Assert.Equal(ColumnType.Int32, schema.Fields[0].Type);
    }

    [Fact]
    public void Child_counts_past_the_element_list_are_rejected()
    {
        var ex = Assert.Throws<ParquetException>(() => ParquetSchema.FromElements(
        [
            new SchemaElement { Name = "schema", NumChildren = 1 },
            Group("g", 5),
            Leaf("a", PhysicalType.Int32),
        ]));
        Assert.Contains("claims 5 children", ex.Message);
    }

    [Fact]
    public void Nested_groups_that_consume_the_elements_a_parent_counted_on_are_rejected()
    {
        // The root claims two children; its first child, a group, takes the only remaining element.
        var ex = Assert.Throws<ParquetException>(() => ParquetSchema.FromElements(
        [
            new SchemaElement { Name = "schema", NumChildren = 2 },
            Group("g", 1),
            Leaf("a", PhysicalType.Int32),
        ]));
        Assert.Contains("the elements end after 1", ex.Message);
    }

    [Fact]
    public void Negative_child_counts_and_extra_elements_are_rejected()
    {
        Assert.Throws<ParquetException>(() => ParquetSchema.FromElements([new SchemaElement { Name = "schema", NumChildren = -1 }]));
        Assert.Throws<ParquetException>(() => ParquetSchema.FromElements(
            [new SchemaElement { Name = "schema", NumChildren = 1 }, Leaf("a", PhysicalType.Int32), Leaf("b", PhysicalType.Int32)]));
        Assert.Throws<ParquetException>(() => ParquetSchema.FromElements([]));
        Assert.Throws<ParquetException>(() => ParquetSchema.FromElements([Leaf("a", PhysicalType.Int32)]));
    }

    [Fact]
    public void Leaves_without_a_type_and_bad_annotations_are_rejected()
    {
        Assert.Throws<ParquetException>(() => Schema(new SchemaElement { Name = "a", RepetitionType = FieldRepetitionType.Optional }));
        Assert.Throws<ParquetException>(() => Schema(Leaf("a", PhysicalType.FixedLenByteArray)));
        Assert.Throws<ParquetException>(() => Schema(Leaf("a", PhysicalType.FixedLenByteArray, logical: UuidType.Instance, length: 8)));
        Assert.Throws<ParquetException>(() => Schema(Leaf("a", PhysicalType.Int32, logical: new DecimalType(2, 40))));
        Assert.Throws<ParquetException>(() => Schema(Group("l", 1, logical: ListType.Instance), Leaf("x", PhysicalType.Int32)));
        Assert.Throws<ParquetException>(() => Schema(Group("m", 1, logical: MapType.Instance), Group("kv", 1, FieldRepetitionType.Repeated), Leaf("k", PhysicalType.Int32, FieldRepetitionType.Required)));
        Assert.Throws<ParquetException>(() => Schema(Group("empty", 0)));
    }

    [Fact]
    public void Deeply_nested_groups_are_rejected()
    {
        var elements = new List<SchemaElement> { new() { Name = "schema", NumChildren = 1 } };
        for (int i = 0; i < 500; i++)
        {
            elements.Add(Group("g" + i, 1));
        }

        elements.Add(Leaf("x", PhysicalType.Int32));
        var ex = Assert.Throws<ParquetException>(() => ParquetSchema.FromElements(elements));
        Assert.Contains("deeper than", ex.Message);
    }
}
