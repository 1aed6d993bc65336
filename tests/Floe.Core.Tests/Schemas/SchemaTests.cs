using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Schemas;

public sealed class SchemaTests
{
    internal static Schema Nested() => new(
        [
            NestedField.Required(1, "id", PrimitiveType.Long),
            NestedField.Optional(2, "data", PrimitiveType.String),
            NestedField.Required(3, "location", StructType.Of(
                NestedField.Required(4, "lat", PrimitiveType.Double),
                NestedField.Required(5, "Long", PrimitiveType.Double))),
            NestedField.Optional(6, "points", ListType.OfOptional(7, StructType.Of(
                NestedField.Required(8, "x", PrimitiveType.Int),
                NestedField.Required(9, "y", PrimitiveType.Int)))),
            NestedField.Optional(10, "props", MapType.OfOptional(11, PrimitiveType.String, 12, StructType.Of(
                NestedField.Optional(13, "value", PrimitiveType.String)))),
        ],
        schemaId: 3,
        identifierFieldIds: [1]);

    [Fact]
    public void Find_field_by_id_and_dotted_name()
    {
        var schema = Nested();

        Assert.Equal("lat", schema.FindField(4)!.Name);
        Assert.Equal(4, schema.FindField("location.lat")!.Id);
        Assert.Equal(8, schema.FindField("points.element.x")!.Id);
        Assert.Equal(8, schema.FindField("points.x")!.Id);
        Assert.Equal(11, schema.FindField("props.key")!.Id);
        Assert.Equal(13, schema.FindField("props.value.value")!.Id);
        Assert.Null(schema.FindField("location.Lat"));
        Assert.Null(schema.FindField(99));
        Assert.Equal("points.element.y", schema.FindColumnName(9));
        Assert.Equal(13, schema.HighestFieldId);
        Assert.Equal(13, schema.FieldsById.Count);
    }

    [Fact]
    public void Find_field_ignoring_case()
    {
        var schema = Nested();

        Assert.Equal(5, schema.FindField("LOCATION.long", caseSensitive: false)!.Id);
        Assert.Equal(4, schema.FindField("Location.LAT", caseSensitive: false)!.Id);
        Assert.Null(schema.FindField("location.long"));
    }

    [Fact]
    public void Find_parent_id_walks_containers()
    {
        var schema = Nested();

        Assert.Equal(3, schema.FindParentId(4));
        Assert.Equal(7, schema.FindParentId(8));
        Assert.Equal(6, schema.FindParentId(7));
        Assert.Null(schema.FindParentId(1));
    }

    [Fact]
    public void Get_field_missing_throws_not_found()
    {
        var error = Assert.Throws<FloeException>(() => Nested().GetField("nope"));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
        Assert.Contains("'nope'", error.Message);
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        var error = Assert.Throws<FloeException>(() => new Schema(
            [NestedField.Required(1, "a", PrimitiveType.Int), NestedField.Optional(2, "s", StructType.Of(NestedField.Optional(1, "b", PrimitiveType.Int)))]));

        Assert.Contains("field id 1", error.Message);
        Assert.Contains("s.b", error.Message);
    }

    [Theory]
    [InlineData(2, "not a required field")]
    [InlineData(3, "not a primitive")]
    [InlineData(4, "float or double")]
    [InlineData(8, "points.element")]
    [InlineData(17, "nested in list 'nums'")]
    [InlineData(11, "nested in map")]
    [InlineData(15, "optional struct 'opt'")]
    [InlineData(99, "does not exist")]
    public void Identifier_fields_are_validated(int id, string reason)
    {
        var schema = Nested();
        var columns = schema.Columns
            .Append(NestedField.Optional(14, "opt", StructType.Of(NestedField.Required(15, "k", PrimitiveType.Int))))
            .Append(NestedField.Required(16, "nums", ListType.OfRequired(17, PrimitiveType.Int)));

        var error = Assert.Throws<FloeException>(() => new Schema(columns, 0, [id]));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Identifier_fields_in_required_struct_are_allowed()
    {
        var columns = Nested().Columns.Append(NestedField.Required(14, "key", StructType.Of(NestedField.Required(15, "part", PrimitiveType.Int))));

        var schema = new Schema(columns, 0, [1, 15]);

        Assert.Equal(["id", "key.part"], schema.IdentifierFieldNames);
    }

    [Fact]
    public void Json_matches_spec_appendix_and_round_trips()
    {
        var schema = new Schema([NestedField.Required(1, "id", PrimitiveType.Long), NestedField.Optional(2, "data", PrimitiveType.String, "doc")], 0, [1]);

        string json = SchemaJson.ToJson(schema);

        Assert.Equal(
            """{"type":"struct","schema-id":0,"identifier-field-ids":[1],"fields":[{"id":1,"name":"id","required":true,"type":"long"},{"id":2,"name":"data","required":false,"type":"string","doc":"doc"}]}""",
            json);
        var back = SchemaJson.Parse(json);
        Assert.True(back.SameSchema(schema));
        Assert.Equal(0, back.SchemaId);
    }

    [Fact]
    public void Json_nested_schema_round_trips()
    {
        var schema = Nested();

        var back = SchemaJson.Parse(SchemaJson.ToJson(schema, indented: true));

        Assert.True(back.SameSchema(schema));
        Assert.Equal(3, back.SchemaId);
        Assert.Equal([1], back.IdentifierFieldIds);
    }

    [Fact]
    public void Json_defaults_round_trip_even_when_written_before_type()
    {
        var schema = SchemaJson.Parse(
            """{"type":"struct","fields":[{"initial-default":"2017-11-16","write-default":"2020-01-01","id":1,"name":"d","required":true,"type":"date"}]}""");

        var field = schema.FindField(1)!;
        Assert.Equal(Literal.Of(new DateOnly(2017, 11, 16)), field.InitialDefault);
        Assert.Equal(Literal.Of(new DateOnly(2020, 1, 1)), field.WriteDefault);
        Assert.Contains("\"initial-default\":\"2017-11-16\"", SchemaJson.ToJson(schema));
    }

    [Fact]
    public void Json_default_of_wrong_type_is_invalid_data()
    {
        var error = Assert.Throws<FloeException>(() => SchemaJson.Parse(
            """{"type":"struct","fields":[{"id":1,"name":"d","required":true,"type":"int","initial-default":"x"}]}"""));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void Json_invalid_identifier_is_invalid_data()
    {
        var error = Assert.Throws<FloeException>(() => SchemaJson.Parse(
            """{"type":"struct","schema-id":0,"identifier-field-ids":[2],"fields":[{"id":1,"name":"id","required":true,"type":"long"}]}"""));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains("identifier", error.Message);
    }

    [Fact]
    public void Fresh_ids_number_struct_level_before_children()
    {
        var schema = new Schema(
            [
                NestedField.Required(10, "id", PrimitiveType.Long),
                NestedField.Optional(20, "points", ListType.OfOptional(21, StructType.Of(
                    NestedField.Required(22, "x", PrimitiveType.Int), NestedField.Required(23, "y", PrimitiveType.Int)))),
                NestedField.Optional(30, "props", MapType.OfOptional(31, PrimitiveType.String, 32, PrimitiveType.String)),
                NestedField.Optional(40, "loc", StructType.Of(NestedField.Required(41, "lat", PrimitiveType.Double))),
            ],
            5,
            [10]);
        int last = 0;

        var fresh = FreshIds.Assign(schema, ref last);

        // Top level gets 1..4; then the list element 5 and its fields 6, 7; the map key/value 8, 9; then lat 10.
        Assert.Equal([1, 2, 3, 4], fresh.Columns.Select(c => c.Id));
        Assert.Equal(5, fresh.FindField("points.element")!.Id);
        Assert.Equal(6, fresh.FindField("points.x")!.Id);
        Assert.Equal(7, fresh.FindField("points.y")!.Id);
        Assert.Equal(8, fresh.FindField("props.key")!.Id);
        Assert.Equal(9, fresh.FindField("props.value")!.Id);
        Assert.Equal(10, fresh.FindField("loc.lat")!.Id);
        Assert.Equal(10, last);
        Assert.Equal([1], fresh.IdentifierFieldIds);
        Assert.Equal(5, fresh.SchemaId);
    }
}
