using Floe.Avro.Binary;
using Floe.Avro.Generic;
using Floe.Avro.Resolution;
using Floe.Avro.Schemas;
using Floe.Avro.Tests.Generic;

namespace Floe.Avro.Tests.Resolution;

public sealed class ResolutionTests
{
    private static RecordSchema Record(string json) => (RecordSchema)AvroSchema.Parse(json);

    [Theory]
    [InlineData("int", 5, "long", 5L)]
    [InlineData("int", 5, "float", 5f)]
    [InlineData("int", 5, "double", 5d)]
    [InlineData("long", 1L << 40, "float", (float)(1L << 40))]
    [InlineData("long", 1L << 40, "double", (double)(1L << 40))]
    [InlineData("float", 1.5f, "double", 1.5d)]
    [InlineData("string", "abc", "string", "abc")]
    public void Promotions_read_writers_value_as_readers_type(string writerType, object value, string readerType, object expected)
    {
        object? result = GenericRoundTripTests.RoundTrip(AvroSchema.Parse($"\"{writerType}\""), value, AvroSchema.Parse($"\"{readerType}\""));

        Assert.Equal(expected, result);
    }

    [Fact]
    public void String_and_bytes_convert_both_ways()
    {
        Assert.Equal("hé"u8.ToArray(), GenericRoundTripTests.RoundTrip(PrimitiveSchema.Of(AvroTypeKind.String), "hé", PrimitiveSchema.Of(AvroTypeKind.Bytes)));
        Assert.Equal("hé", GenericRoundTripTests.RoundTrip(PrimitiveSchema.Of(AvroTypeKind.Bytes), "hé"u8.ToArray(), PrimitiveSchema.Of(AvroTypeKind.String)));
    }

    [Fact]
    public void A_pair_of_schemas_resolves_once_and_each_reader_gets_its_own_plan()
    {
        const string WriterJson = """{"type":"record","name":"W","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}""";
        RecordSchema writer = Record(WriterJson);
        RecordSchema reader = Record("""{"type":"record","name":"W","fields":[{"name":"a","type":"long"}]}""");

        AvroReadPlan plan = AvroResolver.Resolve(writer, reader);

        // Parsing the same text gives the same schema, so every file of one writer finds the plan built for the first.
        Assert.Same(writer, Record(WriterJson));
        Assert.Same(plan, AvroResolver.Resolve(Record(WriterJson), reader));
        AvroReadPlan own = AvroResolver.ForSchema(writer);
        Assert.NotSame(plan, own);
        Assert.Same(own, AvroResolver.Resolve(writer, writer));
        var value = new AvroRecord(writer, [7, "x"]);
        Assert.Equal(7L, ((AvroRecord)GenericRoundTripTests.RoundTrip(writer, value, reader)!)["a"]);
        Assert.Equal("x", ((AvroRecord)GenericRoundTripTests.RoundTrip(writer, value, writer)!)["b"]);
    }

    [Fact]
    public void Incompatible_types_fail_at_resolution()
    {
        var ex = Assert.Throws<AvroException>(() => AvroResolver.Resolve(PrimitiveSchema.Of(AvroTypeKind.Long), PrimitiveSchema.Of(AvroTypeKind.Int)));

        Assert.Contains("cannot read the writer's long as the reader's int", ex.Message);

        // A failed resolution is not kept: asking again fails again.
        Assert.Throws<AvroException>(() => AvroResolver.Resolve(PrimitiveSchema.Of(AvroTypeKind.Long), PrimitiveSchema.Of(AvroTypeKind.Int)));
    }

    [Fact]
    public void Fields_match_by_name_skip_extras_and_fill_defaults()
    {
        RecordSchema writer = Record("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"gone","type":{"type":"array","items":"string"}},{"name":"b","type":"string"}]}""");
        RecordSchema reader = Record("""{"type":"record","name":"R","fields":[{"name":"b","type":"string"},{"name":"a","type":"long"},{"name":"c","type":"string","default":"dflt"},{"name":"d","type":["null","int"],"default":null}]}""");
        var value = new AvroRecord(writer, [1, new List<object?> { "x", "y" }, "bee"]);

        var result = (AvroRecord)GenericRoundTripTests.RoundTrip(writer, value, reader)!;

        Assert.Equal("bee", result["b"]);
        Assert.Equal(1L, result["a"]);
        Assert.Equal("dflt", result["c"]);
        Assert.Null(result["d"]);
    }

    [Fact]
    public void Fields_match_by_reader_aliases()
    {
        RecordSchema writer = Record("""{"type":"record","name":"R","fields":[{"name":"old_name","type":"int"}]}""");
        RecordSchema reader = Record("""{"type":"record","name":"R","fields":[{"name":"new_name","type":"int","aliases":["old_name"]}]}""");

        var result = (AvroRecord)GenericRoundTripTests.RoundTrip(writer, new AvroRecord(writer, [42]), reader)!;

        Assert.Equal(42, result["new_name"]);
    }

    [Fact]
    public void Fields_match_by_iceberg_field_id_when_both_sides_have_ids()
    {
        // An older writer named the field differently; the ids say they are the same column.
        RecordSchema writer = Record("""{"type":"record","name":"manifest_file","fields":[{"name":"added_data_files_count","type":"int","field-id":504},{"name":"path","type":"string","field-id":500}]}""");
        RecordSchema reader = Record("""{"type":"record","name":"manifest_file","fields":[{"name":"manifest_path","type":"string","field-id":500},{"name":"added_files_count","type":"int","field-id":504},{"name":"content","type":"int","default":0,"field-id":517}]}""");

        var result = (AvroRecord)GenericRoundTripTests.RoundTrip(writer, new AvroRecord(writer, [3, "s3://m.avro"]), reader)!;

        Assert.Equal("s3://m.avro", result["manifest_path"]);
        Assert.Equal(3, result["added_files_count"]);
        Assert.Equal(0, result["content"]);
    }

    [Fact]
    public void Missing_field_without_default_fails_naming_the_field()
    {
        RecordSchema writer = Record("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        RecordSchema reader = Record("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"needed","type":"int"}]}""");

        var ex = Assert.Throws<AvroException>(() => AvroResolver.Resolve(writer, reader));

        Assert.Contains("needed", ex.Message);
        Assert.Contains("no default", ex.Message);
    }

    [Fact]
    public void Writer_union_to_reader_non_union_reads_matching_branch_and_fails_on_others_only_when_met()
    {
        AvroSchema writer = AvroSchema.Parse("""["null","int","string"]""");
        AvroSchema reader = PrimitiveSchema.Of(AvroTypeKind.Long);

        Assert.Equal(7L, GenericRoundTripTests.RoundTrip(writer, 7, reader));
        var ex = Assert.Throws<AvroException>(() => GenericRoundTripTests.RoundTrip(writer, "text", reader));
        Assert.Contains("cannot read the writer's string", ex.Message);
    }

    [Fact]
    public void Non_union_writer_to_reader_union_picks_the_branch_with_promotion()
    {
        Assert.Equal(7L, GenericRoundTripTests.RoundTrip(PrimitiveSchema.Of(AvroTypeKind.Int), 7, AvroSchema.Parse("""["null","long"]""")));
        Assert.Equal(2.5, GenericRoundTripTests.RoundTrip(PrimitiveSchema.Of(AvroTypeKind.Float), 2.5f, AvroSchema.Parse("""["null","string","double"]""")));
    }

    [Fact]
    public void Union_to_union_maps_branches_by_type()
    {
        AvroSchema writer = AvroSchema.Parse("""["string","null","int"]""");
        AvroSchema reader = AvroSchema.Parse("""["null","long","string"]""");

        Assert.Null(GenericRoundTripTests.RoundTrip(writer, null, reader));
        Assert.Equal(5L, GenericRoundTripTests.RoundTrip(writer, 5, reader));
        Assert.Equal("s", GenericRoundTripTests.RoundTrip(writer, "s", reader));
    }

    [Fact]
    public void Enum_maps_symbols_by_name_and_uses_reader_default()
    {
        var writer = (EnumSchema)AvroSchema.Parse("""{"type":"enum","name":"E","symbols":["A","B","C"]}""");
        var reader = (EnumSchema)AvroSchema.Parse("""{"type":"enum","name":"E","symbols":["C","A","UNKNOWN"],"default":"UNKNOWN"}""");

        Assert.Equal("A", ((AvroEnumValue)GenericRoundTripTests.RoundTrip(writer, "A", reader)!).Symbol);
        Assert.Equal("C", ((AvroEnumValue)GenericRoundTripTests.RoundTrip(writer, "C", reader)!).Symbol);
        Assert.Equal("UNKNOWN", ((AvroEnumValue)GenericRoundTripTests.RoundTrip(writer, "B", reader)!).Symbol);
    }

    [Fact]
    public void Enum_unknown_symbol_without_default_fails_when_met()
    {
        var writer = (EnumSchema)AvroSchema.Parse("""{"type":"enum","name":"E","symbols":["A","B"]}""");
        var reader = (EnumSchema)AvroSchema.Parse("""{"type":"enum","name":"E","symbols":["A"]}""");

        Assert.Equal("A", ((AvroEnumValue)GenericRoundTripTests.RoundTrip(writer, "A", reader)!).Symbol);
        var ex = Assert.Throws<AvroException>(() => GenericRoundTripTests.RoundTrip(writer, "B", reader));
        Assert.Contains("'B'", ex.Message);
    }

    [Fact]
    public void Fixed_of_different_size_does_not_resolve()
    {
        Assert.Throws<AvroException>(() => AvroResolver.Resolve(
            AvroSchema.Parse("""{"type":"fixed","name":"F","size":4}"""),
            AvroSchema.Parse("""{"type":"fixed","name":"F","size":8}""")));
    }

    [Fact]
    public void Arrays_and_maps_resolve_their_items()
    {
        var list = (List<object?>)GenericRoundTripTests.RoundTrip(
            AvroSchema.Parse("""{"type":"array","items":"int"}"""), new List<object?> { 1, 2 }, AvroSchema.Parse("""{"type":"array","items":"double"}"""))!;
        var map = (Dictionary<string, object?>)GenericRoundTripTests.RoundTrip(
            AvroSchema.Parse("""{"type":"map","values":"int"}"""), new Dictionary<string, object?> { ["a"] = 1 }, AvroSchema.Parse("""{"type":"map","values":["null","long"]}"""))!;

        Assert.Equal([1d, 2d], list.Cast<double>());
        Assert.Equal(1L, map["a"]);
    }

    [Fact]
    public void Record_default_with_nested_record_is_materialised()
    {
        RecordSchema writer = Record("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}""");
        RecordSchema reader = Record("""{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"p","type":{"type":"record","name":"P","fields":[{"name":"x","type":"int"},{"name":"y","type":"string","default":"why"}]},"default":{"x":4}},{"name":"raw","type":"bytes","default":"\u00ff\u0000"},{"name":"items","type":{"type":"array","items":"int"},"default":[1,2]}]}""");

        var result = (AvroRecord)GenericRoundTripTests.RoundTrip(writer, new AvroRecord(writer, [1]), reader)!;

        var p = (AvroRecord)result["p"]!;
        Assert.Equal(4, p["x"]);
        Assert.Equal("why", p["y"]);
        Assert.Equal([0xFF, 0x00], (byte[])result["raw"]!);
        Assert.Equal(new List<object?> { 1, 2 }, result["items"]);
    }

    [Fact]
    public void Bad_default_fails_at_resolution()
    {
        RecordSchema writer = Record("""{"type":"record","name":"R","fields":[]}""");
        RecordSchema reader = Record("""{"type":"record","name":"R","fields":[{"name":"n","type":"int","default":"not a number"}]}""");

        var ex = Assert.Throws<AvroException>(() => AvroResolver.Resolve(writer, reader));

        Assert.Contains("default value", ex.Message);
    }

    [Fact]
    public void Plan_low_level_api_reads_without_generic_objects()
    {
        RecordSchema writer = Record("""{"type":"record","name":"E","fields":[{"name":"status","type":"int"},{"name":"snapshot_id","type":["null","long"]},{"name":"path","type":"string"}]}""");
        RecordSchema reader = Record("""{"type":"record","name":"E","fields":[{"name":"path","type":"string"},{"name":"snapshot_id","type":["null","long"]},{"name":"status","type":"long"}]}""");
        using var buffer = new AvroBufferWriter();
        new GenericDatumWriter(writer).Write(buffer, new AvroRecord(writer, [1, 99L, "p"]));
        AvroReadPlan plan = AvroResolver.Resolve(writer, reader);

        var binary = new AvroBinaryReader(buffer.WrittenSpan);
        long status = 0;
        long? snapshot = null;
        string? path = null;
        foreach (AvroFieldStep step in plan.Steps)
        {
            switch (step.ReaderIndex)
            {
                case 0:
                    path = step.Plan!.ReadString(ref binary);
                    break;
                case 1:
                    step.Plan!.ReadUnion(ref binary, out AvroReadPlan branch);
                    snapshot = branch.Action == AvroReadAction.Null ? null : branch.ReadLong(ref binary);
                    break;
                case 2:
                    status = step.Plan!.ReadLong(ref binary);
                    break;
                default:
                    step.Skip(ref binary);
                    break;
            }
        }

        Assert.Equal(1L, status);
        Assert.Equal(99L, snapshot);
        Assert.Equal("p", path);
        Assert.True(binary.IsAtEnd);
        Assert.Throws<InvalidOperationException>(() =>
        {
            var again = new AvroBinaryReader(buffer.WrittenSpan);
            plan.Steps[0].Plan!.ReadString(ref again);
        });
    }
}
