using Floe.Avro.Container;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;
using Floe.Common.Errors;
using Floe.Core.Manifests;

namespace Floe.Core.Tests.Manifests;

/// <summary>Manifests with other writers' minimal layouts, and invalid values, resolved by field id.</summary>
public sealed class ForeignManifestTests
{
    // Renamed fields, a different field order and no optional fields at all: only ids tie them to the spec.
    private static readonly RecordSchema Minimal = (RecordSchema)AvroSchema.Parse("""
        {"type":"record","name":"manifest","fields":[
          {"name":"the_status","type":"int","field-id":0},
          {"name":"file","type":{"type":"record","name":"data_file","fields":[
            {"name":"format","type":"string","field-id":101},
            {"name":"path","type":"string","field-id":100},
            {"name":"partition","type":{"type":"record","name":"partition","fields":[
              {"name":"bucket","type":["null","int"],"field-id":1000}]},"field-id":102},
            {"name":"rows","type":"int","field-id":103},
            {"name":"bytes","type":"long","field-id":104},
            {"name":"extra","type":"string","field-id":9999}]},"field-id":2}]}
        """);

    [Fact]
    public void Minimal_layout_reads_by_field_id_with_defaults()
    {
        byte[] bytes = Write(status: 1, format: "parquet");
        var listed = new ManifestFile { Path = "m", Length = bytes.Length, PartitionSpecId = 3, AddedSnapshotId = 8, SequenceNumber = 0 };

        using ManifestReader reader = ManifestReader.Open(new MemoryStream(bytes), listed);
        ManifestEntry entry = Assert.Single(reader.Entries());

        Assert.Equal(1, reader.FormatVersion);
        Assert.Equal(3, reader.PartitionSpecId);
        Assert.Equal(EntryStatus.Added, entry.Status);
        Assert.Equal(8, entry.SnapshotId);
        Assert.Equal(0, entry.DataSequenceNumber);
        var file = Assert.IsType<DataFile>(entry.File);
        Assert.Equal(("s3://b/f.parquet", FileFormat.Parquet, 12L, 345L), (file.FilePath, file.Format, file.RecordCount, file.FileSizeInBytes));
        Assert.Equal(5, file.Partition[0].AsInt());
        Assert.Null(file.ColumnSizes);
        Assert.Null(file.SplitOffsets);
        Assert.Equal(3, file.SpecId);
    }

    [Theory]
    [InlineData(5, "parquet", "status 5")]
    [InlineData(1, "csv", "file_format 'csv'")]
    public void Invalid_values_raise_floe_exception_naming_them(int status, string format, string expected)
    {
        byte[] bytes = Write(status, format);

        var error = Assert.ThrowsAny<FloeException>(() => ManifestReader.ReadAll(new MemoryStream(bytes)));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_without_partition_record_is_rejected()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""{"type":"record","name":"x","fields":[{"name":"status","type":"int","field-id":0}]}""");
        byte[] bytes = AvroContainer.WriteToArray(schema, [new AvroRecord(schema, [1])]);

        var error = Assert.ThrowsAny<FloeException>(() => ManifestReader.ReadAll(new MemoryStream(bytes)));

        Assert.Contains("partition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Manifest_list_with_negative_length_is_rejected()
    {
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type":"record","name":"manifest_file","fields":[
              {"name":"manifest_path","type":"string","field-id":500},
              {"name":"manifest_length","type":"long","field-id":501},
              {"name":"partition_spec_id","type":"int","field-id":502},
              {"name":"added_snapshot_id","type":["null","long"],"field-id":503}]}
            """);
        byte[] bytes = AvroContainer.WriteToArray(schema, [new AvroRecord(schema, ["s3://m.avro", -4L, 0, null])]);

        var error = Assert.ThrowsAny<FloeException>(() => ManifestListReader.ReadAll(new MemoryStream(bytes)));

        Assert.Contains("s3://m.avro", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Write(int status, string format)
    {
        var file = (RecordSchema)Minimal.Fields[1].Schema;
        var partition = (RecordSchema)file.Fields[2].Schema;
        var record = new AvroRecord(Minimal,
        [
            status,
            new AvroRecord(file, [format, "s3://b/f.parquet", new AvroRecord(partition, [5]), 12, 345L, "ignored"]),
        ]);
        return AvroContainer.WriteToArray(Minimal, [record]);
    }
}
