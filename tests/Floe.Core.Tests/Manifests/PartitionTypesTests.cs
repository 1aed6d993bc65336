using Floe.Avro.Container;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Tests.Manifests;

public sealed class PartitionTypesTests
{
    private static readonly (PrimitiveType Type, Literal Value, string AvroType)[] Cases =
    [
        (PrimitiveType.Boolean, Literal.Of(true), "\"boolean\""),
        (PrimitiveType.Int, Literal.Of(-7), "\"int\""),
        (PrimitiveType.Long, Literal.Of(1L << 40), "\"long\""),
        (PrimitiveType.Float, Literal.Of(1.25f), "\"float\""),
        (PrimitiveType.Double, Literal.Of(-2.5), "\"double\""),
        (PrimitiveType.Decimal(38, 4), Literal.OfDecimal(-123456789.0123m), "{\"type\":\"fixed\",\"name\":\"decimal_38_4\",\"size\":16,\"logicalType\":\"decimal\",\"precision\":38,\"scale\":4}"),
        (PrimitiveType.Date, Literal.OfDate(-3), "{\"type\":\"int\",\"logicalType\":\"date\"}"),
        (PrimitiveType.Time, Literal.OfTime(3_600_000_000), "{\"type\":\"long\",\"logicalType\":\"time-micros\"}"),
        (PrimitiveType.Timestamp, Literal.OfTimestamp(1_700_000_000_000_000), "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\",\"adjust-to-utc\":false}"),
        (PrimitiveType.TimestampTz, Literal.OfTimestampTz(-1), "{\"type\":\"long\",\"logicalType\":\"timestamp-micros\",\"adjust-to-utc\":true}"),
        (PrimitiveType.TimestampNs, Literal.OfTimestampNs(5), "{\"type\":\"long\",\"logicalType\":\"timestamp-nanos\",\"adjust-to-utc\":false}"),
        (PrimitiveType.String, Literal.Of("héllo"), "\"string\""),
        (PrimitiveType.Uuid, Literal.Of(Guid.Parse("f79c3e09-677c-4bbd-a479-3f349cb785e7")), "{\"type\":\"fixed\",\"name\":\"uuid_fixed\",\"size\":16,\"logicalType\":\"uuid\"}"),
        (PrimitiveType.Fixed(3), Literal.OfFixed([1, 2, 3]), "{\"type\":\"fixed\",\"name\":\"fixed_3\",\"size\":3}"),
        (PrimitiveType.Binary, Literal.OfBinary([9, 8]), "\"bytes\""),
    ];

    [Fact]
    public void Identity_partitions_of_every_type_round_trip_with_javas_avro_types()
    {
        var schema = new Schema(Cases.Select((c, i) => NestedField.Optional(i + 1, "c" + i, c.Type)));
        var spec = new PartitionSpec(0, Cases.Select((c, i) => new PartitionField(i + 1, 1000 + i, "c" + i, Transform.Identity)));
        var values = PartitionData.Of([.. Cases.Select(c => c.Value)]);
        var nulls = new PartitionData(Cases.Length);
        DataFile File(string path, PartitionData partition) =>
            new() { FilePath = path, Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 1, Partition = partition };

        byte[] bytes = ManifestRoundTripTests.Write(new ManifestWriterOptions { Spec = spec, Schema = schema }, w =>
        {
            w.Add(File("a", values));
            w.Add(File("b", nulls));
        });

        using (var container = AvroContainerReader.Open(new MemoryStream(bytes)))
        {
            for (int i = 0; i < Cases.Length; i++)
            {
                Assert.Contains($"{{\"name\":\"c{i}\",\"type\":[\"null\",{Cases[i].AvroType}],\"default\":null,\"field-id\":{1000 + i}}}", container.Header.SchemaJson, StringComparison.Ordinal);
            }
        }

        using ManifestReader reader = ManifestReader.Open(new MemoryStream(bytes));
        List<ManifestEntry> entries = [.. reader.Entries()];
        Assert.Equal(Cases.Select(c => c.Type), reader.PartitionType.Fields.Select(f => f.Type));
        Assert.Equal(values, entries[0].File.Partition);
        Assert.Equal(nulls, entries[1].File.Partition);
    }

    [Theory]
    [InlineData("plain_name", "plain_name")]
    [InlineData("Breed Name", "Breed_x20Name")]
    [InlineData("1st", "_1st")]
    [InlineData("a-b.c", "a_x2Db_x2Ec")]
    [InlineData("é", "_xE9")]
    public void Partition_field_names_are_sanitized_like_java(string name, string expected)
    {
        var schema = new Schema([NestedField.Optional(1, "x", PrimitiveType.Int)]);
        var spec = new PartitionSpec(0, [new PartitionField(1, 1000, name, Transform.Identity)]);

        byte[] bytes = ManifestRoundTripTests.Write(new ManifestWriterOptions { Spec = spec, Schema = schema }, _ => { });
        using var container = AvroContainerReader.Open(new MemoryStream(bytes));

        Assert.Contains($"\"name\":\"{expected}\",\"type\":[\"null\",\"int\"]", container.Header.SchemaJson, StringComparison.Ordinal);
    }
}
