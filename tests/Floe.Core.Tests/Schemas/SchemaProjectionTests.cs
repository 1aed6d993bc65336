using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Core.Tests.Schemas;

public sealed class SchemaProjectionTests
{
    [Fact]
    public void Select_top_level_columns_keeps_order_and_identifiers()
    {
        var schema = SchemaProjection.Select(SchemaTests.Nested(), ["data", "id"]);

        Assert.Equal(["id", "data"], schema.Columns.Select(c => c.Name));
        Assert.Equal([1], schema.IdentifierFieldIds);
        Assert.Equal(3, schema.SchemaId);
    }

    [Fact]
    public void Select_nested_field_keeps_parents_only()
    {
        var schema = SchemaProjection.Select(SchemaTests.Nested(), ["location.lat", "points.y"]);

        Assert.Equal(["location", "points"], schema.Columns.Select(c => c.Name));
        Assert.Equal(["lat"], schema.FindField("location")!.Type.AsStruct().Fields.Select(f => f.Name));
        Assert.Equal(["y"], ((StructType)schema.FindField("points")!.Type.AsList().ElementType).Fields.Select(f => f.Name));
        Assert.Empty(schema.IdentifierFieldIds);
    }

    [Fact]
    public void Select_struct_keeps_all_children_and_map_value_selection_keeps_key()
    {
        var schema = SchemaProjection.Select(SchemaTests.Nested(), ["location", "props.value.value"]);

        Assert.Equal(2, schema.FindField("location")!.Type.AsStruct().Fields.Count);
        Assert.Equal(PrimitiveType.String, schema.FindField("props")!.Type.AsMap().KeyType);
        Assert.NotNull(schema.FindField(13));
    }

    [Fact]
    public void Select_missing_fails() =>
        Assert.Contains("'nope'", Assert.Throws<FloeException>(() => SchemaProjection.Select(SchemaTests.Nested(), ["nope"])).Message);
}
