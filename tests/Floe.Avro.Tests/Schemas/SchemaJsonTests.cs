using Floe.Avro.Schemas;

namespace Floe.Avro.Tests.Schemas;

public sealed class SchemaJsonTests
{
    [Theory]
    [InlineData("\"null\"")]
    [InlineData("\"boolean\"")]
    [InlineData("\"int\"")]
    [InlineData("\"long\"")]
    [InlineData("\"float\"")]
    [InlineData("\"double\"")]
    [InlineData("\"bytes\"")]
    [InlineData("\"string\"")]
    [InlineData("""{"type":"int","logicalType":"date"}""")]
    [InlineData("""{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}""")]
    [InlineData("""{"type":"long","logicalType":"timestamp-micros","adjust-to-utc":true}""")]
    [InlineData("""{"type":"string","logicalType":"some-future-type","extra":{"a":[1,2]}}""")]
    [InlineData("""{"type":"array","items":"long","element-id":133}""")]
    [InlineData("""{"type":"map","values":["null","string"],"key-id":4,"value-id":5}""")]
    [InlineData("""["null","string"]""")]
    [InlineData("""{"type":"enum","name":"Suit","doc":"cards","symbols":["SPADES","HEARTS"],"default":"SPADES","aliases":["Old"]}""")]
    [InlineData("""{"type":"fixed","name":"Dec","size":16,"logicalType":"decimal","precision":38,"scale":10}""")]
    [InlineData("""{"type":"record","name":"R","namespace":"a.b","fields":[{"name":"x","type":"int","doc":"d","default":3,"order":"descending","aliases":["y"],"field-id":1}]}""")]
    [InlineData("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"],"default":null}]}""")]
    public void Parse_then_write_gives_the_same_json(string json)
    {
        AvroSchema schema = AvroSchema.Parse(json);

        Assert.Equal(json, schema.ToJson());
    }

    [Fact]
    public void Iceberg_manifest_entry_schema_round_trips_exactly_with_field_ids()
    {
        AvroSchema schema = AvroSchema.Parse(TestSchemas.IcebergManifestEntryJson);

        Assert.Equal(TestSchemas.IcebergManifestEntryJson, schema.ToJson());
        var record = (RecordSchema)schema;
        Assert.Equal("manifest_entry", record.FullName);
        Assert.Equal(0, record.Fields[0].FieldId);
        var dataFile = (RecordSchema)record.GetField("data_file")!.Schema;
        Assert.Equal(2, record.GetField("data_file")!.FieldId);
        var columnSizes = (ArraySchema)((UnionSchema)dataFile.GetField("column_sizes")!.Schema).NullableOf!;
        Assert.Equal("map", columnSizes.LogicalType!.Name);
        var splits = (ArraySchema)((UnionSchema)dataFile.GetField("split_offsets")!.Schema).NullableOf!;
        Assert.Equal(133, splits.GetIntProperty("element-id"));
    }

    [Fact]
    public void Every_type_schema_round_trips()
    {
        AvroSchema schema = TestSchemas.EveryType;

        string written = schema.ToJson();

        Assert.Equal(written, AvroSchema.Parse(written).ToJson());
        Assert.Contains("\"adjust-to-utc\":true", written);
        Assert.Contains("\"field-id\":7", written);
    }

    [Fact]
    public void Named_types_are_defined_once_and_referenced_by_name()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"A","namespace":"ns","fields":[
              {"name":"e1","type":{"type":"enum","name":"E","symbols":["X"]}},
              {"name":"e2","type":"E"},
              {"name":"e3","type":"ns.E"},
              {"name":"other","type":{"type":"fixed","name":"F","namespace":"elsewhere","size":2}},
              {"name":"f2","type":"elsewhere.F"}]}
            """);

        Assert.Same(schema.Fields[0].Schema, schema.Fields[1].Schema);
        Assert.Same(schema.Fields[0].Schema, schema.Fields[2].Schema);
        Assert.Equal("ns.E", ((EnumSchema)schema.Fields[0].Schema).FullName);
        Assert.Equal("elsewhere.F", ((FixedSchema)schema.Fields[3].Schema).FullName);
        string json = schema.ToJson();
        Assert.Contains("""{"name":"e2","type":"E"}""", json);
        Assert.Contains("""{"name":"f2","type":"elsewhere.F"}""", json);
        Assert.Equal(json, AvroSchema.Parse(json).ToJson());
    }

    [Fact]
    public void Dotted_name_splits_into_namespace_and_name()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"x.y.Z","fields":[]}""");

        Assert.Equal("Z", schema.Name);
        Assert.Equal("x.y", schema.Namespace);
        Assert.Equal("""{"type":"record","name":"Z","namespace":"x.y","fields":[]}""", schema.ToJson());
    }

    [Fact]
    public void Logical_types_are_recognised_and_invalid_ones_flagged()
    {
        var dec = AvroSchema.Parse("""{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}""");
        var badDate = AvroSchema.Parse("""{"type":"string","logicalType":"date"}""");
        var tooPrecise = AvroSchema.Parse("""{"type":"fixed","name":"f","size":2,"logicalType":"decimal","precision":10}""");

        Assert.Equal(new AvroLogicalType("decimal", 9, 2, true), dec.LogicalType);
        Assert.False(badDate.LogicalType!.IsValid);
        Assert.False(tooPrecise.LogicalType!.IsValid);
        Assert.Equal(38, AvroLogicalType.MaxDecimalPrecision(16));
    }

    [Fact]
    public void Indented_is_valid_json_that_parses_to_the_same_schema()
    {
        string indented = TestSchemas.EveryType.ToJson(indented: true);

        Assert.Contains("\n", indented);
        Assert.Equal(TestSchemas.EveryType.ToJson(), AvroSchema.Parse(indented).ToJson());
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("\"nosuchtype\"", "unknown type 'nosuchtype'")]
    [InlineData("""{"type":"record","name":"R"}""", "has no 'fields'")]
    [InlineData("""{"type":"record","name":"1bad","fields":[]}""", "invalid Avro name")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"long"}]}""", "two fields named 'a'")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","A"]}""", "repeats the symbol")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A"],"default":"B"}""", "default 'B'")]
    [InlineData("""{"type":"fixed","name":"F","size":-1}""", "invalid size")]
    [InlineData("""["int","int"]""", "two branches of type 'int'")]
    [InlineData("""["null",["int"]]""", "another union")]
    [InlineData("""{"type":"array"}""", "has no 'items'")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"enum","name":"R","symbols":["X"]}}]}""", "defined twice")]
    [InlineData("42", "must be a string, an array or an object")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"sideways"}]}""", "invalid order")]
    public void Invalid_schema_raises_avro_exception_saying_what(string json, string expected)
    {
        var ex = Assert.Throws<AvroException>(() => AvroSchema.Parse(json));

        Assert.Contains(expected, ex.Message);
        Assert.Equal(Floe.Common.Errors.FloeErrorKind.InvalidData, ex.Kind);
    }

    [Fact]
    public void Deeply_nested_schema_is_rejected_not_a_stack_overflow()
    {
        string json = string.Concat(Enumerable.Repeat("""{"type":"array","items":""", 300)) + "\"int\"" + new string('}', 300);

        Assert.Throws<AvroException>(() => AvroSchema.Parse(json));
    }

    [Fact]
    public void Record_fields_can_be_set_only_once()
    {
        var record = new RecordSchema("Node");
        record.SetFields([new AvroField("next", new UnionSchema([PrimitiveSchema.Of(AvroTypeKind.Null), record]))]);

        Assert.Throws<InvalidOperationException>(() => record.SetFields([]));
        Assert.Equal("""{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}""", record.ToJson());
    }

    [Fact]
    public void Built_schema_writes_like_java()
    {
        var inner = new RecordSchema("r102", fields: []);
        var schema = new RecordSchema("manifest_entry", fields:
        [
            new AvroField("status", PrimitiveSchema.Of(AvroTypeKind.Int), properties: [AvroProperty.Of("field-id", 0)]),
            new AvroField("partition", inner, doc: "Partition data tuple", properties: [AvroProperty.Of("field-id", 102)]),
            new AvroField("bounds", new UnionSchema([PrimitiveSchema.Of(AvroTypeKind.Null), PrimitiveSchema.Decimal(9, 2)]),
                defaultValue: System.Text.Json.JsonDocument.Parse("null").RootElement.Clone()),
        ]);

        Assert.Equal(
            """{"type":"record","name":"manifest_entry","fields":[{"name":"status","type":"int","field-id":0},{"name":"partition","type":{"type":"record","name":"r102","fields":[]},"doc":"Partition data tuple","field-id":102},{"name":"bounds","type":["null",{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}],"default":null}]}""",
            schema.ToJson());
    }
}
