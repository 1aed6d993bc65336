using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Schemas;

public sealed class UpdateSchemaTests
{
    private static UpdateSchema Update() => new(SchemaTests.Nested(), 13);

    private static FloeException Fails(Func<UpdateSchema, UpdateSchema> change) =>
        Assert.Throws<FloeException>(() => change(Update()).Apply());

    [Fact]
    public void Add_column_is_optional_with_next_id()
    {
        var update = Update().AddColumn("ts", PrimitiveType.TimestampTz, "event time");

        var schema = update.Apply();

        var added = schema.FindField("ts")!;
        Assert.Equal(14, added.Id);
        Assert.False(added.IsRequired);
        Assert.Equal("event time", added.Doc);
        Assert.Equal(14, update.LastColumnId);
        Assert.Equal("ts", schema.Columns[^1].Name);
    }

    [Fact]
    public void Add_column_nested_type_gets_fresh_ids_after_the_column()
    {
        var update = Update().AddColumn("m", MapType.OfOptional(1, PrimitiveType.String, 2, StructType.Of(NestedField.Optional(3, "a", PrimitiveType.Int))));

        var schema = update.Apply();

        Assert.Equal(14, schema.FindField("m")!.Id);
        Assert.Equal(15, schema.FindField("m.key")!.Id);
        Assert.Equal(16, schema.FindField("m.value")!.Id);
        Assert.Equal(17, schema.FindField("m.a")!.Id);
        Assert.Equal(17, update.LastColumnId);
    }

    [Fact]
    public void Add_column_into_struct_list_and_map_value()
    {
        var schema = Update()
            .AddColumn("location", "alt", PrimitiveType.Double)
            .AddColumn("points", "z", PrimitiveType.Int)
            .AddColumn("props", "extra", PrimitiveType.Long)
            .Apply();

        Assert.Equal(14, schema.FindField("location.alt")!.Id);
        Assert.Equal(15, schema.FindField("points.element.z")!.Id);
        Assert.Equal(16, schema.FindField("props.value.extra")!.Id);
    }

    [Fact]
    public void Add_column_to_added_parent_works()
    {
        var schema = Update().AddColumn("s", StructType.Empty).AddColumn("s", "inner", PrimitiveType.Int).Apply();

        Assert.Equal(15, schema.FindField("s.inner")!.Id);
    }

    [Fact]
    public void Add_column_existing_name_fails() =>
        Assert.Contains("already exists", Fails(u => u.AddColumn("data", PrimitiveType.Int)).Message);

    [Fact]
    public void Add_column_ambiguous_dotted_name_fails() =>
        Assert.Contains("ambiguous", Fails(u => u.AddColumn("a.b", PrimitiveType.Int)).Message);

    [Fact]
    public void Add_column_to_primitive_parent_fails() =>
        Assert.Contains("not a struct", Fails(u => u.AddColumn("data", "x", PrimitiveType.Int)).Message);

    [Fact]
    public void Add_column_after_deleting_same_name_works()
    {
        var schema = Update().DeleteColumn("data").AddColumn("data", PrimitiveType.Int).Apply();

        Assert.Equal(14, schema.FindField("data")!.Id);
        Assert.Equal(TypeId.Int, schema.FindField("data")!.Type.TypeId);
    }

    [Fact]
    public void Add_required_column_without_default_fails() =>
        Assert.Contains("without an initial default", Fails(u => u.AddRequiredColumn(null, "r", PrimitiveType.Int, null)).Message);

    [Fact]
    public void Add_required_column_with_default_works()
    {
        var schema = Update().AddRequiredColumn(null, "r", PrimitiveType.Int, Literal.Of(7)).Apply();

        var field = schema.FindField("r")!;
        Assert.True(field.IsRequired);
        Assert.Equal(Literal.Of(7), field.InitialDefault);
    }

    [Fact]
    public void Add_required_column_with_default_of_wrong_type_fails() =>
        Assert.Contains("initial-default", Fails(u => u.AddRequiredColumn(null, "r", PrimitiveType.Int, Literal.Of("x"))).Message);

    [Fact]
    public void Add_required_column_allowed_when_incompatible_changes_allowed() =>
        Assert.True(Update().AllowIncompatibleChanges().AddRequiredColumn(null, "r", PrimitiveType.Int, null).Apply().FindField("r")!.IsRequired);

    [Fact]
    public void Delete_column_removes_it_and_its_children()
    {
        var schema = Update().DeleteColumn("location").DeleteColumn("points.x").Apply();

        Assert.Null(schema.FindField("location"));
        Assert.Null(schema.FindField(4));
        Assert.Null(schema.FindField("points.x"));
        Assert.NotNull(schema.FindField("points.y"));
    }

    [Fact]
    public void Delete_column_identifier_fails_unless_identifiers_reset()
    {
        Assert.Contains("Cannot delete identifier field 'id'", Fails(u => u.DeleteColumn("id")).Message);
        var schema = Update().DeleteColumn("id").SetIdentifierFields().Apply();
        Assert.Empty(schema.IdentifierFieldIds);
    }

    [Fact]
    public void Delete_column_with_additions_fails() =>
        Assert.Contains("additions", Fails(u => u.AddColumn("location", "alt", PrimitiveType.Int).DeleteColumn("location")).Message);

    [Fact]
    public void Delete_column_with_updates_fails() =>
        Assert.Contains("updates", Fails(u => u.RenameColumn("data", "d").DeleteColumn("data")).Message);

    [Fact]
    public void Delete_column_list_element_fails() =>
        Assert.Contains("cannot be deleted", Fails(u => u.DeleteColumn("points.element")).Message);

    [Fact]
    public void Delete_column_missing_fails() =>
        Assert.Contains("Cannot find column 'nope'", Fails(u => u.DeleteColumn("nope")).Message);

    [Fact]
    public void Rename_column_keeps_id_and_old_name_still_refers_to_it()
    {
        var schema = Update().RenameColumn("data", "payload").UpdateColumnDoc("data", "renamed").Apply();

        var field = schema.FindField("payload")!;
        Assert.Equal(2, field.Id);
        Assert.Equal("renamed", field.Doc);
        Assert.Null(schema.FindField("data"));
    }

    [Fact]
    public void Rename_column_nested()
    {
        var schema = Update().RenameColumn("location.lat", "latitude").Apply();

        Assert.Equal(4, schema.FindField("location.latitude")!.Id);
    }

    [Fact]
    public void Rename_column_to_existing_name_fails() =>
        Assert.Contains("already exists", Fails(u => u.RenameColumn("data", "id")).Message);

    [Fact]
    public void Rename_column_deleted_fails() =>
        Assert.Contains("will be deleted", Fails(u => u.DeleteColumn("data").RenameColumn("data", "x")).Message);

    [Theory]
    [InlineData("int", "long")]
    [InlineData("float", "double")]
    [InlineData("decimal(9, 2)", "decimal(18, 2)")]
    [InlineData("string", "string")]
    public void Update_column_allowed_promotions(string from, string to)
    {
        var schema = new Schema([NestedField.Optional(1, "c", PrimitiveType.Parse(from))]);

        var updated = new UpdateSchema(schema, 1).UpdateColumn("c", PrimitiveType.Parse(to)).Apply();

        Assert.Equal(PrimitiveType.Parse(to), updated.FindField(1)!.Type);
    }

    [Theory]
    [InlineData("long", "int")]
    [InlineData("int", "string")]
    [InlineData("double", "float")]
    [InlineData("decimal(9, 2)", "decimal(18, 3)")]
    [InlineData("decimal(9, 2)", "decimal(8, 2)")]
    [InlineData("date", "timestamp")]
    [InlineData("fixed[4]", "binary")]
    public void Update_column_disallowed_changes_fail(string from, string to)
    {
        var schema = new Schema([NestedField.Optional(1, "c", PrimitiveType.Parse(from))]);

        var error = Assert.Throws<FloeException>(() => new UpdateSchema(schema, 1).UpdateColumn("c", PrimitiveType.Parse(to)));

        Assert.Contains($"{from} -> {to}", error.Message);
    }

    [Fact]
    public void Update_column_non_primitive_fails() =>
        Assert.Contains("not a primitive", Fails(u => u.UpdateColumn("location", PrimitiveType.Long)).Message);

    [Fact]
    public void Make_column_optional_works()
    {
        var schema = Update().MakeColumnOptional("location.lat").Apply();

        Assert.False(schema.FindField(4)!.IsRequired);
    }

    [Fact]
    public void Make_column_optional_of_identifier_fails_validation() =>
        Assert.Contains("not a required field", Fails(u => u.MakeColumnOptional("id")).Message);

    [Fact]
    public void Require_column_is_incompatible()
    {
        Assert.Contains("optional -> required", Fails(u => u.RequireColumn("data")).Message);
        Assert.True(Update().AllowIncompatibleChanges().RequireColumn("data").Apply().FindField(2)!.IsRequired);
    }

    [Fact]
    public void Moves_reorder_within_a_struct()
    {
        var schema = Update()
            .MoveFirst("props")
            .MoveAfter("id", "points")
            .MoveBefore("location.Long", "location.lat")
            .Apply();

        Assert.Equal(["props", "data", "location", "points", "id"], schema.Columns.Select(c => c.Name));
        Assert.Equal(["Long", "lat"], schema.FindField("location")!.Type.AsStruct().Fields.Select(f => f.Name));
    }

    [Fact]
    public void Move_added_column_works()
    {
        var schema = Update().AddColumn("first", PrimitiveType.Int).MoveFirst("first").Apply();

        Assert.Equal("first", schema.Columns[0].Name);
    }

    [Fact]
    public void Move_across_structs_fails() =>
        Assert.Contains("different structs", Fails(u => u.MoveBefore("location.lat", "id")).Message);

    [Fact]
    public void Move_relative_to_itself_fails() =>
        Assert.Contains("itself", Fails(u => u.MoveAfter("id", "id")).Message);

    [Fact]
    public void Set_identifier_fields_resolves_new_columns()
    {
        var schema = Update()
            .AllowIncompatibleChanges()
            .AddRequiredColumn(null, "k", PrimitiveType.String, null)
            .SetIdentifierFields("id", "k")
            .Apply();

        Assert.Equal([1, 14], schema.IdentifierFieldIds);
    }

    [Fact]
    public void Set_identifier_fields_invalid_fails()
    {
        Assert.Contains("float or double", Fails(u => u.SetIdentifierFields("location.lat")).Message);
        Assert.Contains("no such column", Fails(u => u.SetIdentifierFields("nope")).Message);
    }

    [Fact]
    public void Case_insensitive_resolves_names()
    {
        var schema = Update().CaseSensitive(false).RenameColumn("DATA", "d").Apply();

        Assert.Equal("d", schema.FindField(2)!.Name);
        Assert.Throws<FloeException>(() => Update().RenameColumn("DATA", "d"));
    }

    [Fact]
    public void Apply_keeps_base_schema_id_and_last_column_id_never_goes_back()
    {
        var update = new UpdateSchema(SchemaTests.Nested(), 50);

        var schema = update.AddColumn("x", PrimitiveType.Int).Apply();

        Assert.Equal(3, schema.SchemaId);
        Assert.Equal(51, schema.FindField("x")!.Id);
    }
}
