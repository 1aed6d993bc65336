using Floe.Avro.Binary;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;
using Floe.Common.Errors;

namespace Floe.Avro.Tests.Generic;

public sealed class GenericRoundTripTests
{
    internal static object? RoundTrip(AvroSchema schema, object? value, AvroSchema? readerSchema = null)
    {
        using var writer = new AvroBufferWriter();
        new GenericDatumWriter(schema).Write(writer, value);
        var reader = new AvroBinaryReader(writer.WrittenSpan);
        object? result = new GenericDatumReader(schema, readerSchema).Read(ref reader);
        Assert.True(reader.IsAtEnd, "the reader must consume exactly what the writer wrote");
        return result;
    }

    [Fact]
    public void Every_type_round_trips()
    {
        AvroRecord value = TestSchemas.EveryTypeValue();

        object? result = RoundTrip(TestSchemas.EveryType, value);

        Assert.True(AvroDatum.ValuesEqual(value, result), $"expected {value}\nactual   {result}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_type_variants_round_trip(int seed)
    {
        AvroRecord value = TestSchemas.EveryTypeValue(seed);

        Assert.Equal(value, RoundTrip(TestSchemas.EveryType, value));
    }

    [Fact]
    public void Record_has_specification_encoding()
    {
        // The specification's example: {"a": 27, "b": "foo"} encodes as 36 06 66 6f 6f.
        var schema = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}""");
        using var writer = new AvroBufferWriter();

        new GenericDatumWriter(schema).Write(writer, new AvroRecord(schema, [27L, "foo"]));

        Assert.Equal("3606666F6F", Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Array_has_specification_encoding()
    {
        // {"type": "array", "items": "long"} with [3, 27] encodes as 04 06 36 00.
        using var writer = new AvroBufferWriter();

        new GenericDatumWriter(AvroSchema.Parse("""{"type":"array","items":"long"}""")).Write(writer, new List<object?> { 3L, 27L });

        Assert.Equal("04063600", Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Union_has_specification_encoding()
    {
        // ["null","string"]: null is 00, "a" is 02 02 61.
        AvroSchema union = AvroSchema.Parse("""["null","string"]""");
        using var writer = new AvroBufferWriter();
        var datumWriter = new GenericDatumWriter(union);

        datumWriter.Write(writer, null);
        datumWriter.Write(writer, "a");

        Assert.Equal("00020261", Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Array_with_negative_block_count_is_read()
    {
        // Writers may give a block's byte size: count -2, size 2, items 3 and 27, then 0.
        byte[] data = [0x03, 0x04, 0x06, 0x36, 0x00];
        var reader = new AvroBinaryReader(data);

        object? value = new GenericDatumReader(AvroSchema.Parse("""{"type":"array","items":"long"}""")).Read(ref reader);

        Assert.Equal(new List<object?> { 3L, 27L }, value);
    }

    [Fact]
    public void Map_round_trips_and_skips()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"M","fields":[{"name":"m","type":{"type":"map","values":"string"}},{"name":"after","type":"int"}]}""");
        var map = new Dictionary<string, object?> { ["k1"] = "v1", ["k2"] = "v2" };
        var record = new AvroRecord((RecordSchema)schema, [map, 5]);
        using var writer = new AvroBufferWriter();
        new GenericDatumWriter(schema).Write(writer, record);

        var reader = new AvroBinaryReader(writer.WrittenSpan);
        AvroSkipper.Skip(ref reader, schema);

        Assert.True(reader.IsAtEnd);
        Assert.Equal(record, RoundTrip(schema, record));
    }

    [Fact]
    public void Skip_consumes_exactly_one_value_of_every_type()
    {
        AvroRecord value = TestSchemas.EveryTypeValue();
        using var writer = new AvroBufferWriter();
        new GenericDatumWriter(TestSchemas.EveryType).Write(writer, value);
        writer.WriteInt(99);

        var reader = new AvroBinaryReader(writer.WrittenSpan);
        AvroSkipper.Skip(ref reader, TestSchemas.EveryType);

        Assert.Equal(99, reader.ReadInt());
    }

    [Fact]
    public void Wrong_value_type_raises_invalid_argument()
    {
        var ex = Assert.Throws<AvroException>(() => RoundTrip(PrimitiveSchema.Of(AvroTypeKind.Int), "not an int"));

        Assert.Equal(FloeErrorKind.InvalidArgument, ex.Kind);
    }

    [Fact]
    public void Union_without_matching_branch_raises_invalid_argument()
    {
        var ex = Assert.Throws<AvroException>(() => RoundTrip(AvroSchema.Parse("""["null","int"]"""), "text"));

        Assert.Contains("fits no branch", ex.Message);
    }

    [Fact]
    public void Float_special_values_round_trip()
    {
        Assert.Equal(float.NaN, RoundTrip(PrimitiveSchema.Of(AvroTypeKind.Float), float.NaN));
        Assert.Equal(double.NegativeInfinity, RoundTrip(PrimitiveSchema.Of(AvroTypeKind.Double), double.NegativeInfinity));
    }

    [Fact]
    public void Recursive_record_round_trips()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}""");
        var list = new AvroRecord(schema, [1, new AvroRecord(schema, [2, new AvroRecord(schema, [3, null])])]);

        Assert.Equal(list, RoundTrip(schema, list));
    }

    [Fact]
    public void Json_writer_renders_logical_types_and_bytes()
    {
        AvroRecord value = TestSchemas.EveryTypeValue();

        string json = AvroJsonWriter.ToJson(value, TestSchemas.EveryType, new AvroJsonOptions());

        Assert.Contains("\"dec\":-12345.67", json);
        Assert.Contains("\"uuid\":\"f79c3e09-677c-4d9c-8f2e-2c4fa5ab5d6e\"", json);
        Assert.Contains("\"date\":\"2022-01-09\"", json);
        Assert.Contains("\"tsus\":\"2023-11-14T22:13:20.123456Z\"", json);
        Assert.Contains("\"lts\":\"2023-11-14T22:13:20.123457\"", json);
        Assert.Contains("\"tms\":\"12:34:56.789\"", json);
        Assert.Contains("\"by\":\"\\u0000\\u0001\\u0002ÿ\\u0001\"", json);
        Assert.Contains("\"color\":\"GREEN\"", json);
        Assert.Contains("\"counts\":{\"x\":1,\"y\":-2}", json);
    }

    [Theory]
    [InlineData("""{"type":"long","logicalType":"timestamp-micros"}""", long.MaxValue, "9223372036854775807")]
    [InlineData("""{"type":"long","logicalType":"time-micros"}""", -5L, "-5")]
    [InlineData("""{"type":"int","logicalType":"date"}""", int.MinValue, "-2147483648")]
    [InlineData("""{"type":"int","logicalType":"time-millis"}""", int.MaxValue, "2147483647")]
    public void Json_writer_out_of_range_logical_values_fall_back_to_the_number(string schemaJson, object value, string expected)
    {
        Assert.Equal(expected, AvroJsonWriter.ToJson(value, AvroSchema.Parse(schemaJson), new AvroJsonOptions()));
    }

    [Fact]
    public void Json_writer_can_wrap_unions_as_the_specification_does()
    {
        string json = AvroJsonWriter.ToJson("a", AvroSchema.Parse("""["null","string"]"""), new AvroJsonOptions { WrapUnions = true });

        Assert.Equal("""{"string":"a"}""", json);
    }

    [Fact]
    public void Logical_values_convert_both_ways()
    {
        byte[] bytes = AvroLogicalValues.DecimalToBytes(-0.05m, 2);

        Assert.Equal("-0.05", AvroLogicalValues.DecimalToString(bytes, 2));
        Assert.Equal(-0.05m, AvroLogicalValues.DecimalToDecimal(bytes, 2));
        Assert.Equal("1200", AvroLogicalValues.DecimalToString([12], -2));
        Assert.Equal(new DateOnly(1970, 1, 2), AvroLogicalValues.Date(1));
        Assert.Equal(19_000, AvroLogicalValues.Days(AvroLogicalValues.Date(19_000)));
        Assert.Equal(1_700_000_000_123_456L, AvroLogicalValues.ToTimestampMicros(AvroLogicalValues.TimestampMicros(1_700_000_000_123_456L)));
        Guid guid = Guid.NewGuid();
        Assert.Equal(guid, AvroLogicalValues.Uuid(AvroLogicalValues.UuidBytes(guid)));
        Assert.Equal([0xFF, 0xFF, 0xFF, 0xFE], AvroLogicalValues.DecimalToFixed(-2, 4));
    }
}
