using Floe.Avro.Container;
using Floe.Common.Errors;
using Floe.Core.Manifests;

namespace Floe.Core.Tests.Manifests;

public sealed class ManifestListTests
{
    [Fact]
    public void V2_assigns_sequence_numbers_and_round_trips()
    {
        ManifestFile fresh;
        using (var writer = new ManifestWriter(new MemoryStream(), "s3://b/m1.avro", ManifestTestData.Options(snapshotId: 42)))
        {
            writer.Add(ManifestTestData.DataFile(1));
            fresh = writer.ToManifestFile();
        }

        var older = new ManifestFile
        {
            Path = "s3://b/m0.avro", Length = 1234, PartitionSpecId = 0, Content = ManifestContent.Deletes, SequenceNumber = 3,
            MinSequenceNumber = 2, AddedSnapshotId = 41, AddedFilesCount = 1, ExistingFilesCount = 2, DeletedFilesCount = 0,
            AddedRowsCount = 10, ExistingRowsCount = 20, DeletedRowsCount = 0, KeyMetadata = [9],
        };
        byte[] bytes = WriteList(2, 42, 41, 7, fresh, older);

        using ManifestListReader reader = ManifestListReader.Open(new MemoryStream(bytes));
        List<ManifestFile> manifests = [.. reader.Manifests()];

        Assert.Equal((2, 42L, 41L, 7L), (reader.FormatVersion, reader.SnapshotId!.Value, reader.ParentSnapshotId!.Value, reader.SequenceNumber!.Value));
        Assert.Equal(7, manifests[0].SequenceNumber);
        Assert.Equal(7, manifests[0].MinSequenceNumber);
        Assert.Equal(42, manifests[0].AddedSnapshotId);
        Assert.Equal(fresh.Length, manifests[0].Length);
        Assert.Equal(1, manifests[0].AddedFilesCount);
        Assert.Equal(5, manifests[0].Partitions!.Count);
        Assert.Equal(fresh.Partitions![2].LowerBound, manifests[0].Partitions![2].LowerBound);
        Assert.Equal(fresh.Partitions![4].ContainsNan, manifests[0].Partitions![4].ContainsNan);
        ManifestFile back = manifests[1];
        Assert.Equal((older.Path, older.Length, older.Content, older.SequenceNumber, older.MinSequenceNumber, older.AddedSnapshotId),
            (back.Path, back.Length, back.Content, back.SequenceNumber, back.MinSequenceNumber, back.AddedSnapshotId));
        Assert.Equal((1, 2, 0, 10L, 20L, 0L), (back.AddedFilesCount!.Value, back.ExistingFilesCount!.Value, back.DeletedFilesCount!.Value,
            back.AddedRowsCount!.Value, back.ExistingRowsCount!.Value, back.DeletedRowsCount!.Value));
        Assert.Equal([9], back.KeyMetadata!);
        Assert.Null(back.Partitions);
    }

    [Fact]
    public void Header_has_java_keys_and_null_parent()
    {
        byte[] bytes = WriteList(2, 5, null, 1);
        using var container = AvroContainerReader.Open(new MemoryStream(bytes));

        Assert.Equal(["avro.schema", "avro.codec", "snapshot-id", "parent-snapshot-id", "sequence-number", "format-version", "iceberg.schema"], container.Header.Metadata.Keys);
        Assert.Equal("null", container.Header.GetMetadataString("parent-snapshot-id"));
        Assert.Contains("\"name\":\"manifest_file\"", container.Header.SchemaJson, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"r508\"", container.Header.SchemaJson, StringComparison.Ordinal);
        Assert.Contains("\"added_files_count\"", container.Header.SchemaJson, StringComparison.Ordinal);
    }

    [Fact]
    public void V1_round_trip_reads_as_sequence_zero()
    {
        var manifest = new ManifestFile
        {
            Path = "s3://b/m.avro", Length = 99, PartitionSpecId = 0, SequenceNumber = ManifestWriter.UnassignedSequenceNumber,
            MinSequenceNumber = ManifestWriter.UnassignedSequenceNumber, AddedSnapshotId = 5, AddedFilesCount = 3,
        };
        byte[] bytes = WriteList(1, 5, null, 8, manifest);

        using ManifestListReader reader = ManifestListReader.Open(new MemoryStream(bytes));
        ManifestFile back = Assert.Single(reader.Manifests());

        Assert.Equal(1, reader.FormatVersion);
        Assert.Null(reader.SequenceNumber);
        Assert.Equal((0L, 0L, ManifestContent.Data), (back.SequenceNumber, back.MinSequenceNumber, back.Content));
        Assert.Equal(3, back.AddedFilesCount);
        Assert.Null(back.ExistingFilesCount);
        Assert.True(back.HasExistingFiles);
    }

    [Fact]
    public void V2_refuses_missing_counts_and_foreign_unassigned_manifests()
    {
        var noCounts = new ManifestFile { Path = "m", Length = 1, PartitionSpecId = 0, AddedSnapshotId = 5, SequenceNumber = 1, MinSequenceNumber = 1 };
        var foreign = new ManifestFile
        {
            Path = "m", Length = 1, PartitionSpecId = 0, AddedSnapshotId = 4, SequenceNumber = ManifestWriter.UnassignedSequenceNumber,
            AddedFilesCount = 0, ExistingFilesCount = 0, DeletedFilesCount = 0, AddedRowsCount = 0, ExistingRowsCount = 0, DeletedRowsCount = 0,
        };
        using var writer = new ManifestListWriter(new MemoryStream(), 2, 5, null, 1);

        Assert.Contains("added_files_count", Assert.Throws<FloeException>(() => writer.Add(noCounts)).Message, StringComparison.Ordinal);
        Assert.Throws<FloeException>(() => writer.Add(foreign));
    }

    internal static byte[] WriteList(int version, long snapshotId, long? parent, long sequenceNumber, params ManifestFile[] manifests)
    {
        var stream = new MemoryStream();
        using (var writer = new ManifestListWriter(stream, version, snapshotId, parent, sequenceNumber, leaveOpen: true))
        {
            writer.AddAll(manifests);
        }

        return stream.ToArray();
    }
}
