using Floe.Common.Errors;
using Floe.Core.Mapping;
using Floe.Core.Tests.Schemas;

namespace Floe.Core.Tests.Mapping;

public sealed class NameMappingTests
{
    [Fact]
    public void From_schema_maps_nested_fields()
    {
        var mapping = NameMapping.FromSchema(SchemaTests.Nested());

        Assert.Equal(1, mapping.FindId("id"));
        Assert.Equal(4, mapping.FindId("location", "lat"));
        Assert.Equal(8, mapping.FindId("points", "element", "x"));
        Assert.Equal(11, mapping.FindId("props", "key"));
        Assert.Equal(13, mapping.FindId("props", "value", "value"));
        Assert.Null(mapping.FindId("location", "nope"));
    }

    [Fact]
    public void Json_with_aliases_and_missing_ids_round_trips()
    {
        const string json = """[{"field-id":1,"names":["id","record_id"]},{"names":["legacy"]},{"field-id":2,"names":["data"],"fields":[{"field-id":3,"names":["x"]}]}]""";

        var mapping = NameMapping.Parse(json);

        Assert.Equal(1, mapping.FindId("record_id"));
        Assert.Null(mapping.FindId("legacy"));
        Assert.Equal(3, mapping.FindId("data", "x"));
        Assert.Equal(json, mapping.ToJson());
    }

    [Fact]
    public void Duplicate_names_are_rejected() =>
        Assert.Equal(FloeErrorKind.InvalidData, Assert.Throws<FloeException>(() => NameMapping.Parse("""[{"field-id":1,"names":["a"]},{"field-id":2,"names":["a"]}]""")).Kind);

    [Fact]
    public void Missing_names_are_rejected() =>
        Assert.Contains("'names'", Assert.Throws<FloeException>(() => NameMapping.Parse("""[{"field-id":1}]""")).Message);
}
