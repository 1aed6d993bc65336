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
    public void AddColumn_IsOptional_WithNextId()
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
    public void AddColumn_NestedType_GetsFreshIdsAfterTheColumn()
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
    public void AddColumn_IntoStructListAndMapValue()
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
    public void AddColumn_ToAddedParent_Works()
    {
        var schema = Update().AddColumn("s", StructType.Empty).AddColumn("s", "inner", PrimitiveType.Int).Apply();

        Assert.Equal(15, schema.FindField("s.inner")!.Id);
    }

    [Fact]
    public void AddColumn_ExistingName_Fails() =>
        Assert.Contains("already exists", Fails(u => u.AddColumn("data", PrimitiveType.Int)).Message);

    [Fact]
    public void AddColumn_AmbiguousDottedName_Fails() =>
        Assert.Contains("ambiguous", Fails(u => u.AddColumn("a.b", PrimitiveType.Int)).Message);

    [Fact]
    public void AddColumn_ToPrimitiveParent_Fails() =>
        Assert.Contains("not a struct", Fails(u => u.AddColumn("data", "x", PrimitiveType.Int)).Message);

    [Fact]
    public void AddColumn_AfterDeletingSameName_Works()
    {
        var schema = Update().DeleteColumn("data").AddColumn("data", PrimitiveType.Int).Apply();

        Assert.Equal(14, schema.FindField("data")!.Id);
        Assert.Equal(TypeId.Int, schema.FindField("data")!.Type.TypeId);
    }

    [Fact]
    public void AddRequiredColumn_WithoutDefault_Fails() =>
        Assert.Contains("without an initial default", Fails(u => u.AddRequiredColumn(null, "r", PrimitiveType.Int, null)).Message);

    [Fact]
    public void AddRequiredColumn_WithDefault_Works()
    {
        var schema = Update().AddRequiredColumn(null, "r", PrimitiveType.Int, Literal.Of(7)).Apply();

        var field = schema.FindField("r")!;
        Assert.True(field.IsRequired);
        Assert.Equal(Literal.Of(7), field.InitialDefault);
    }

    [Fact]
    public void AddRequiredColumn_WithDefaultOfWrongType_Fails() =>
        Assert.Contains("initial-default", Fails(u => u.AddRequiredColumn(null, "r", PrimitiveType.Int, Literal.Of("x"))).Message);

    [Fact]
    public void AddRequiredColumn_AllowedWhenIncompatibleChangesAllowed() =>
        Assert.True(Update().AllowIncompatibleChanges().AddRequiredColumn(null, "r", PrimitiveType.Int, null).Apply().FindField("r")!.IsRequired);

    [Fact]
    public void DeleteColumn_RemovesItAndItsChildren()
    {
        var schema = Update().DeleteColumn("location").DeleteColumn("points.x").Apply();

        Assert.Null(schema.FindField("location"));
        Assert.Null(schema.FindField(4));
        Assert.Null(schema.FindField("points.x"));
        Assert.NotNull(schema.FindField("points.y"));
    }

    [Fact]
    public void DeleteColumn_Identifier_FailsUnlessIdentifiersReset()
    {
        Assert.Contains("Cannot delete identifier field 'id'", Fails(u => u.DeleteColumn("id")).Message);
        var schema = Update().DeleteColumn("id").SetIdentifierFields().Apply();
        Assert.Empty(schema.IdentifierFieldIds);
    }

    [Fact]
    public void DeleteColumn_WithAdditions_Fails() =>
        Assert.Contains("additions", Fails(u => u.AddColumn("location", "alt", PrimitiveType.Int).DeleteColumn("location")).Message);

    [Fact]
    public void DeleteColumn_WithUpdates_Fails() =>
        Assert.Contains("updates", Fails(u => u.RenameColumn("data", "d").DeleteColumn("data")).Message);

    [Fact]
    public void DeleteColumn_ListElement_Fails() =>
        Assert.Contains("cannot be deleted", Fails(u => u.DeleteColumn("points.element")).Message);

    [Fact]
    public void DeleteColumn_Missing_Fails() =>
        Assert.Contains("Cannot find column 'nope'", Fails(u => u.DeleteColumn("nope")).Message);

    [Fact]
    public void RenameColumn_KeepsId_AndOldNameStillRefersToIt()
    {
        var schema = Update().RenameColumn("data", "payload").UpdateColumnDoc("data", "renamed").Apply();

        var field = schema.FindField("payload")!;
        Assert.Equal(2, field.Id);
        Assert.Equal("renamed", field.Doc);
        Assert.Null(schema.FindField("data"));
    }

    [Fact]
    public void RenameColumn_Nested()
    {
        var schema = Update().RenameColumn("location.lat", "latitude").Apply();

        Assert.Equal(4, schema.FindField("location.latitude")!.Id);
    }

    [Fact]
    public void RenameColumn_ToExistingName_Fails() =>
        Assert.Contains("already exists", Fails(u => u.RenameColumn("data", "id")).Message);

    [Fact]
    public void RenameColumn_Deleted_Fails() =>
        Assert.Contains("will be deleted", Fails(u => u.DeleteColumn("data").RenameColumn("data", "x")).Message);

    [Theory]
    [InlineData("int", "long")]
    [InlineData("float", "double")]
    [InlineData("decimal(9, 2)", "decimal(18, 2)")]
    [InlineData("string", "string")]
    public void UpdateColumn_AllowedPromotions(string from, string to)
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
    public void UpdateColumn_DisallowedChanges_Fail(string from, string to)
    {
        var schema = new Schema([NestedField.Optional(1, "c", PrimitiveType.Parse(from))]);

        var error = Assert.Throws<FloeException>(() => new UpdateSchema(schema, 1).UpdateColumn("c", PrimitiveType.Parse(to)));

        Assert.Contains($"{from} -> {to}", error.Message);
    }

    [Fact]
    public void UpdateColumn_NonPrimitive_Fails() =>
        Assert.Contains("not a primitive", Fails(u => u.UpdateColumn("location", PrimitiveType.Long)).Message);

    [Fact]
    public void MakeColumnOptional_Works()
    {
        var schema = Update().MakeColumnOptional("location.lat").Apply();

        Assert.False(schema.FindField(4)!.IsRequired);
    }

    [Fact]
    public void MakeColumnOptional_OfIdentifier_FailsValidation() =>
        Assert.Contains("not a required field", Fails(u => u.MakeColumnOptional("id")).Message);

    [Fact]
    public void RequireColumn_IsIncompatible()
    {
        Assert.Contains("optional -> required", Fails(u => u.RequireColumn("data")).Message);
        Assert.True(Update().AllowIncompatibleChanges().RequireColumn("data").Apply().FindField(2)!.IsRequired);
    }

    [Fact]
    public void Moves_ReorderWithinAStruct()
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
    public void Move_AddedColumn_Works()
    {
        var schema = Update().AddColumn("first", PrimitiveType.Int).MoveFirst("first").Apply();

        Assert.Equal("first", schema.Columns[0].Name);
    }

    [Fact]
    public void Move_AcrossStructs_Fails() =>
        Assert.Contains("different structs", Fails(u => u.MoveBefore("location.lat", "id")).Message);

    [Fact]
    public void Move_RelativeToItself_Fails() =>
        Assert.Contains("itself", Fails(u => u.MoveAfter("id", "id")).Message);

    [Fact]
    public void SetIdentifierFields_ResolvesNewColumns()
    {
        var schema = Update()
            .AllowIncompatibleChanges()
            .AddRequiredColumn(null, "k", PrimitiveType.String, null)
            .SetIdentifierFields("id", "k")
            .Apply();

        Assert.Equal([1, 14], schema.IdentifierFieldIds);
    }

    [Fact]
    public void SetIdentifierFields_Invalid_Fails()
    {
        Assert.Contains("float or double", Fails(u => u.SetIdentifierFields("location.lat")).Message);
        Assert.Contains("no such column", Fails(u => u.SetIdentifierFields("nope")).Message);
    }

    [Fact]
    public void CaseInsensitive_ResolvesNames()
    {
        var schema = Update().CaseSensitive(false).RenameColumn("DATA", "d").Apply();

        Assert.Equal("d", schema.FindField(2)!.Name);
        Assert.Throws<FloeException>(() => Update().RenameColumn("DATA", "d"));
    }

    [Fact]
    public void Apply_KeepsBaseSchemaId_AndLastColumnIdNeverGoesBack()
    {
        var update = new UpdateSchema(SchemaTests.Nested(), 50);

        var schema = update.AddColumn("x", PrimitiveType.Int).Apply();

        Assert.Equal(3, schema.SchemaId);
        Assert.Equal(51, schema.FindField("x")!.Id);
    }
}
