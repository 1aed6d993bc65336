using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Core.Tests.Types;

public sealed class TypeTests
{
    [Theory]
    [InlineData("boolean", TypeId.Boolean)]
    [InlineData("int", TypeId.Int)]
    [InlineData("long", TypeId.Long)]
    [InlineData("float", TypeId.Float)]
    [InlineData("double", TypeId.Double)]
    [InlineData("date", TypeId.Date)]
    [InlineData("time", TypeId.Time)]
    [InlineData("timestamp", TypeId.Timestamp)]
    [InlineData("timestamptz", TypeId.TimestampTz)]
    [InlineData("timestamp_ns", TypeId.TimestampNs)]
    [InlineData("timestamptz_ns", TypeId.TimestampTzNs)]
    [InlineData("string", TypeId.String)]
    [InlineData("uuid", TypeId.Uuid)]
    [InlineData("binary", TypeId.Binary)]
    public void Parse_primitive_names_round_trip_through_to_string(string text, TypeId expected)
    {
        var type = PrimitiveType.Parse(text);

        Assert.Equal(expected, type.TypeId);
        Assert.Equal(text, type.ToString());
        Assert.Same(PrimitiveType.FromId(expected), type);
    }

    [Theory]
    [InlineData("decimal(9,2)", 9, 2)]
    [InlineData("decimal(9, 2)", 9, 2)]
    [InlineData(" decimal( 38 , 0 ) ", 38, 0)]
    public void Parse_decimal_accepts_whitespace(string text, int precision, int scale)
    {
        var type = PrimitiveType.Parse(text);

        Assert.Equal(TypeId.Decimal, type.TypeId);
        Assert.Equal(precision, type.Precision);
        Assert.Equal(scale, type.Scale);
        Assert.Equal($"decimal({precision}, {scale})", type.ToString());
    }

    [Fact]
    public void Parse_ignores_case_like_java()
    {
        Assert.Same(PrimitiveType.Int, PrimitiveType.Parse("Int"));
        Assert.Equal(PrimitiveType.Decimal(9, 2), PrimitiveType.Parse("DECIMAL(9,2)"));
        Assert.Equal("timestamptz", PrimitiveType.Parse("TimestampTZ").ToString());
    }

    [Fact]
    public void Parse_fixed_reads_length()
    {
        var type = PrimitiveType.Parse("fixed[16]");

        Assert.Equal(16, type.Length);
        Assert.Equal("fixed[16]", type.ToString());
        Assert.Equal(PrimitiveType.Fixed(16), type);
        Assert.NotEqual(PrimitiveType.Fixed(15), type);
    }

    [Theory]
    [InlineData("decimal(39,2)")]
    [InlineData("decimal(5,6)")]
    [InlineData("decimal(0,0)")]
    [InlineData("decimal(9)")]
    [InlineData("fixed[0]")]
    [InlineData("fixed[x]")]
    [InlineData("varchar")]
    [InlineData("integer")]
    public void Parse_invalid_throws_naming_the_text(string text)
    {
        var error = Assert.Throws<FloeException>(() => PrimitiveType.Parse(text));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(text, error.Message);
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
    public void Decimal_required_bytes_matches_spec(int precision, int bytes) =>
        Assert.Equal(bytes, PrimitiveType.DecimalRequiredBytes(precision));

    [Fact]
    public void Nested_types_compare_by_value()
    {
        var a = new MapType(3, PrimitiveType.String, 4, ListType.OfOptional(5, PrimitiveType.Int), true);
        var b = new MapType(3, PrimitiveType.String, 4, ListType.OfOptional(5, PrimitiveType.Int), true);
        var c = new MapType(3, PrimitiveType.String, 4, ListType.OfRequired(5, PrimitiveType.Int), true);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal("element", ((ListType)a.ValueType).ElementField.Name);
        Assert.True(a.KeyField.IsRequired);
    }

    [Fact]
    public void Struct_rejects_duplicate_names()
    {
        var error = Assert.Throws<FloeException>(() => StructType.Of(
            NestedField.Required(1, "a", PrimitiveType.Int), NestedField.Optional(2, "a", PrimitiveType.Long)));

        Assert.Contains("'a'", error.Message);
    }

    [Fact]
    public void Schema_json_primitive_and_nested_types_round_trip()
    {
        var type = StructType.Of(
            NestedField.Required(1, "id", PrimitiveType.Long),
            NestedField.Optional(2, "tags", ListType.OfOptional(4, PrimitiveType.String)),
            NestedField.Optional(3, "props", MapType.OfRequired(5, PrimitiveType.String, 6, PrimitiveType.Decimal(9, 2))));

        string json = SchemaJson.TypeToJson(type);

        Assert.Equal(
            """{"type":"struct","fields":[{"id":1,"name":"id","required":true,"type":"long"},{"id":2,"name":"tags","required":false,"type":{"type":"list","element-id":4,"element":"string","element-required":false}},{"id":3,"name":"props","required":false,"type":{"type":"map","key-id":5,"key":"string","value-id":6,"value":"decimal(9, 2)","value-required":true}}]}""",
            json);
        Assert.Equal(type, SchemaJson.ParseType(json));
    }

    [Fact]
    public void Schema_json_reads_properties_in_any_order()
    {
        var type = SchemaJson.ParseType(
            """{"value-required":false,"value":"int","key":"string","value-id":2,"key-id":1,"type":"map","extra":{"x":[1]}}""");

        Assert.Equal(MapType.OfOptional(1, PrimitiveType.String, 2, PrimitiveType.Int), type);
    }

    [Theory]
    [InlineData("""{"type":"list","element":"int","element-required":true}""", "element-id")]
    [InlineData("""{"type":"map","key-id":1,"key":"int","value-id":2,"value":"int"}""", "value-required")]
    [InlineData("""{"type":"tuple"}""", "tuple")]
    [InlineData("\"varchar(3)\"", "varchar(3)")]
    [InlineData("""{"type":"struct","fields":[{"id":"1","name":"a","required":true,"type":"int"}]}""", "'id'")]
    [InlineData("""{"type":"struct","fields":[{"id":1,"name":"a","required":true}]}""", "'type'")]
    [InlineData("""{"type":"struct","fields":[""", "Malformed")]
    public void Schema_json_invalid_types_throw_invalid_data(string json, string expected)
    {
        var error = Assert.Throws<FloeException>(() => SchemaJson.ParseType(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message);
    }
}
