using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Partitioning;

public sealed class PartitionSpecTests
{
    internal static Schema Table() => new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "ts", PrimitiveType.TimestampTz),
        NestedField.Optional(3, "name", PrimitiveType.String),
        NestedField.Optional(4, "Breed Name", PrimitiveType.String),
        NestedField.Optional(5, "score", PrimitiveType.Double),
        NestedField.Optional(6, "loc", StructType.Of(NestedField.Optional(7, "city", PrimitiveType.String))),
    ]);

    [Fact]
    public void Builder_assigns_ids_from_1000_and_java_names()
    {
        var spec = new PartitionSpecBuilder(Table()).Bucket("id", 16).Day("ts").Truncate("name", 4).Identity("loc.city").Build();

        Assert.Equal(
            ["1000: id_bucket: bucket[16](1)", "1001: ts_day: day(2)", "1002: name_trunc: truncate[4](3)", "1003: loc.city: identity(7)"],
            spec.Fields.Select(f => f.ToString()));
        Assert.Equal(1003, spec.LastAssignedFieldId);
    }

    [Fact]
    public void Partition_type_uses_result_types_and_field_ids()
    {
        var spec = new PartitionSpecBuilder(Table()).Bucket("id", 16).Day("ts").Identity("name").Build();

        var type = spec.PartitionType(Table());

        Assert.Equal(
            StructType.Of(
                NestedField.Optional(1000, "id_bucket", PrimitiveType.Int),
                NestedField.Optional(1001, "ts_day", PrimitiveType.Date),
                NestedField.Optional(1002, "name", PrimitiveType.String)),
            type);
    }

    [Fact]
    public void Partition_path_looks_like_java()
    {
        var spec = new PartitionSpecBuilder(Table()).Day("ts").Bucket("id", 16).Identity("Breed Name").Build();

        string path = spec.PartitionPath([Literal.Of(new DateOnly(2017, 11, 16)), Literal.Of(3), Literal.Of("Holland Lop/ä")]);

        Assert.Equal("ts_day=2017-11-16/id_bucket=3/Breed+Name=Holland+Lop%2F%C3%A4", path);
        Assert.Equal("ts_day=null/id_bucket=null/Breed+Name=null", spec.PartitionPath([Literal.Null, Literal.Null, Literal.Null]));
        Assert.Throws<FloeException>(() => spec.PartitionPath([Literal.Null]));
    }

    [Fact]
    public void Builder_rejects_missing_source() =>
        Assert.Contains("no such column", Assert.Throws<FloeException>(() => new PartitionSpecBuilder(Table()).Day("nope")).Message);

    [Fact]
    public void Builder_rejects_incompatible_transform() =>
        Assert.Contains("Invalid source type double for transform bucket[4]",
            Assert.Throws<FloeException>(() => new PartitionSpecBuilder(Table()).Bucket("score", 4)).Message);

    [Fact]
    public void Builder_rejects_nested_source() =>
        Assert.Contains("not a primitive", Assert.Throws<FloeException>(() => new PartitionSpecBuilder(Table()).Identity("loc")).Message);

    [Fact]
    public void Builder_rejects_duplicate_names() =>
        Assert.Contains("more than once", Assert.Throws<FloeException>(() =>
            new PartitionSpecBuilder(Table()).Bucket("id", 4, "p").Day("ts", "p")).Message);

    [Fact]
    public void Builder_rejects_name_shadowing_another_column() =>
        Assert.Contains("schema column", Assert.Throws<FloeException>(() =>
            new PartitionSpecBuilder(Table()).Bucket("id", 4, "name")).Message);

    [Fact]
    public void Builder_rejects_redundant_time_transforms() =>
        Assert.Contains("redundant", Assert.Throws<FloeException>(() =>
            new PartitionSpecBuilder(Table()).Day("ts").Hour("ts")).Message);

    [Fact]
    public void Builder_allows_different_buckets_on_one_source() =>
        Assert.Equal(2, new PartitionSpecBuilder(Table()).Bucket("id", 4).Truncate("id", 10).Build().Fields.Count);

    [Fact]
    public void Json_matches_java_layout_and_round_trips()
    {
        var spec = new PartitionSpecBuilder(Table()).WithSpecId(2).Bucket("id", 4).Identity("name").Build();

        string json = PartitionSpecJson.ToJson(spec);

        Assert.Equal(
            """{"spec-id":2,"fields":[{"name":"id_bucket","transform":"bucket[4]","source-id":1,"field-id":1000},{"name":"name","transform":"identity","source-id":3,"field-id":1001}]}""",
            json);
        Assert.Equal(spec, PartitionSpecJson.Parse(json));
        Assert.Equal("""[{"name":"id_bucket","transform":"bucket[4]","source-id":1,"field-id":1000},{"name":"name","transform":"identity","source-id":3,"field-id":1001}]""",
            PartitionSpecJson.FieldsToJson(spec));
    }

    [Fact]
    public void Json_fields_without_ids_get_ids_from_1000()
    {
        var spec = PartitionSpecJson.ParseFields("""[{"name":"a","transform":"identity","source-id":1},{"name":"b","transform":"day","source-id":2}]""", 0);

        Assert.Equal([1000, 1001], spec.Fields.Select(f => f.FieldId));
    }

    [Fact]
    public void Json_unassigned_ids_start_after_last_partition_id()
    {
        var spec = PartitionSpecJson.Parse("""{"spec-id":0,"fields":[{"name":"a","transform":"identity","source-id":1},{"name":"b","transform":"day","source-id":2}]}""", 1006);

        Assert.Equal([1006, 1007], spec.Fields.Select(f => f.FieldId));
    }

    [Theory]
    [InlineData("""{"fields":[]}""", "spec-id")]
    [InlineData("""{"spec-id":0,"fields":[{"name":"a","source-id":1,"field-id":1000}]}""", "transform")]
    [InlineData("""{"spec-id":0,"fields":[{"name":"a","transform":"bucket[0]","source-id":1}]}""", "bucket[0]")]
    [InlineData("""{"spec-id":0,"fields":[{"name":"a","transform":"void","source-id":1,"field-id":1000},{"name":"b","transform":"void","source-id":1,"field-id":1000}]}""", "field id 1000")]
    public void Json_invalid_throws_invalid_data(string json, string expected)
    {
        var error = Assert.Throws<FloeException>(() => PartitionSpecJson.Parse(json));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Transform_can_be_unknown_in_json() =>
        Assert.IsType<UnknownTransform>(PartitionSpecJson.Parse("""{"spec-id":0,"fields":[{"name":"a","transform":"zorder","source-id":1,"field-id":1000}]}""").Fields[0].Transform);
}
