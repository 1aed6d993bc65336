using Floe.Avro.Container;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Values;

namespace Floe.Core.Tests.Manifests;

public sealed class ManifestRoundTripTests
{
    [Fact]
    public void V2_data_files_round_trip_every_field()
    {
        var stream = new MemoryStream();
        ManifestFile manifest;
        using (var writer = new ManifestWriter(stream, "s3://m.avro", ManifestTestData.Options(), leaveOpen: true))
        {
            writer.Add(ManifestTestData.DataFile(1));
            writer.Existing(ManifestTestData.DataFile(2), snapshotId: 5, dataSequenceNumber: 3, fileSequenceNumber: 4);
            writer.Delete(ManifestTestData.DataFile(3), dataSequenceNumber: 2, fileSequenceNumber: 2);
            manifest = writer.ToManifestFile();
        }

        Assert.Equal(stream.Length, manifest.Length);
        stream.Position = 0;
        using ManifestReader reader = ManifestReader.Open(stream);
        List<ManifestEntry> entries = [.. reader.Entries()];

        Assert.Equal(2, reader.FormatVersion);
        Assert.Equal(4, reader.PartitionSpecId);
        Assert.Equal(ManifestContent.Data, reader.Content);
        Assert.Equal([1000, 1001, 1002, 1003, 1004], reader.PartitionType.Fields.Select(f => f.Id));
        Assert.Equal(3, entries.Count);
        ManifestEntry added = entries[0];
        Assert.Equal(EntryStatus.Added, added.Status);
        Assert.Equal(77, added.SnapshotId);
        Assert.Null(added.DataSequenceNumber);
        Assert.Null(added.FileSequenceNumber);
        AssertSameFile(ManifestTestData.DataFile(1), added.File);
        Assert.Equal(0, added.File.Position);
        Assert.Equal((EntryStatus.Existing, 5L, 3L, 4L), (entries[1].Status, entries[1].SnapshotId!.Value, entries[1].DataSequenceNumber!.Value, entries[1].FileSequenceNumber!.Value));
        Assert.Equal((EntryStatus.Deleted, 77L, 2L), (entries[2].Status, entries[2].SnapshotId!.Value, entries[2].DataSequenceNumber!.Value));
        Assert.Equal(2, entries[2].File.Position);
    }

    [Fact]
    public void Reader_inherits_from_manifest_list()
    {
        byte[] bytes = Write(ManifestTestData.Options(snapshotId: null), w =>
        {
            w.Add(ManifestTestData.DataFile(1));
            w.Existing(ManifestTestData.DataFile(2), 5, 3, 4);
        });
        var listed = new ManifestFile { Path = "m", Length = bytes.Length, PartitionSpecId = 4, AddedSnapshotId = 99, SequenceNumber = 12 };

        List<ManifestEntry> entries = ManifestReader.ReadAll(new MemoryStream(bytes), listed);

        Assert.Equal((99L, 12L, 12L), (entries[0].SnapshotId!.Value, entries[0].DataSequenceNumber!.Value, entries[0].FileSequenceNumber!.Value));
        Assert.Equal((5L, 3L, 4L), (entries[1].SnapshotId!.Value, entries[1].DataSequenceNumber!.Value, entries[1].FileSequenceNumber!.Value));
    }

    [Fact]
    public void Added_with_explicit_sequence_number_keeps_it()
    {
        byte[] bytes = Write(ManifestTestData.Options(), w => w.Add(ManifestTestData.DataFile(1), dataSequenceNumber: 4));
        var listed = new ManifestFile { Path = "m", Length = bytes.Length, PartitionSpecId = 4, AddedSnapshotId = 77, SequenceNumber = 9 };

        ManifestEntry entry = Assert.Single(ManifestReader.ReadAll(new MemoryStream(bytes), listed));

        Assert.Equal(4, entry.DataSequenceNumber);
        Assert.Equal(9, entry.FileSequenceNumber);
    }

    [Fact]
    public void V1_round_trip_has_no_sequence_numbers_and_inherits_zero()
    {
        byte[] bytes = Write(ManifestTestData.Options(version: 1), w =>
        {
            w.Add(ManifestTestData.DataFile(1));
            w.Existing(ManifestTestData.DataFile(2), 5, 0, null);
        });
        using (var container = AvroContainerReader.Open(new MemoryStream(bytes)))
        {
            Assert.DoesNotContain("sequence_number", container.Header.SchemaJson, StringComparison.Ordinal);
            Assert.Contains("\"block_size_in_bytes\"", container.Header.SchemaJson, StringComparison.Ordinal);
            Assert.Null(container.Header.GetMetadataString("content"));
            Assert.Equal("1", container.Header.GetMetadataString("format-version"));
        }

        var listed = new ManifestFile { Path = "m", Length = bytes.Length, PartitionSpecId = 4, AddedSnapshotId = 77 };
        List<ManifestEntry> entries = ManifestReader.ReadAll(new MemoryStream(bytes), listed);

        AssertSameFile(ManifestTestData.DataFile(1), entries[0].File);
        Assert.All(entries, e => Assert.Equal(0, e.DataSequenceNumber));
        Assert.Equal(5, entries[1].SnapshotId);
    }

    [Fact]
    public void Delete_manifest_round_trips_delete_fields()
    {
        byte[] bytes = Write(ManifestTestData.Options(content: ManifestContent.Deletes), w =>
        {
            w.Add(ManifestTestData.EqualityDeletes(1));
            w.Add(ManifestTestData.PositionDeletes(2));
        });

        using ManifestReader reader = ManifestReader.Open(new MemoryStream(bytes));
        List<ManifestEntry> entries = [.. reader.Entries()];

        Assert.Equal(ManifestContent.Deletes, reader.Content);
        var equality = Assert.IsType<DeleteFile>(entries[0].File);
        Assert.Equal(FileContent.EqualityDeletes, equality.Content);
        Assert.Equal([1, 3], equality.EqualityIds!);
        var positions = Assert.IsType<DeleteFile>(entries[1].File);
        Assert.Equal(FileContent.PositionDeletes, positions.Content);
        Assert.Equal(ManifestTestData.DataFile(2).FilePath, positions.ReferencedDataFile);
        Assert.Null(positions.EqualityIds);
    }

    [Fact]
    public void Writer_refuses_mixed_content_and_bad_entries()
    {
        using var data = new ManifestWriter(new MemoryStream(), "m", ManifestTestData.Options());
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => data.Add(ManifestTestData.PositionDeletes(1))).Kind);
        Assert.Throws<FloeException>(() => data.Write(new ManifestEntry { Status = EntryStatus.Existing, SnapshotId = 1, File = ManifestTestData.DataFile(1) }));
        var wrongTuple = new DataFile { FilePath = "x", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 1, Partition = PartitionData.Of(Literal.Of(1)) };
        Assert.Contains("partition tuple", Assert.Throws<FloeException>(() => data.Add(wrongTuple)).Message, StringComparison.Ordinal);
        var wrongType = new DataFile
        {
            FilePath = "y", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 1,
            Partition = PartitionData.Of(Literal.Of("not a date"), Literal.Of(1), Literal.Null, Literal.Null, Literal.Null),
        };
        Assert.Contains("event time_day", Assert.Throws<FloeException>(() => data.Add(wrongType)).Message, StringComparison.Ordinal);

        using var deletes = new ManifestWriter(new MemoryStream(), "m", ManifestTestData.Options(content: ManifestContent.Deletes));
        Assert.Throws<FloeException>(() => deletes.Add(ManifestTestData.DataFile(1)));
        Assert.Throws<FloeException>(() => new ManifestWriter(new MemoryStream(), "m", ManifestTestData.Options(version: 1, content: ManifestContent.Deletes)));
        Assert.Throws<FloeException>(() => new ManifestWriter(new MemoryStream(), "m", ManifestTestData.Options(version: 3)));
    }

    [Fact]
    public void Manifest_file_counts_and_summaries_follow_the_entries()
    {
        ManifestFile manifest;
        using (var writer = new ManifestWriter(new MemoryStream(), "s3://m.avro", ManifestTestData.Options()))
        {
            writer.Add(ManifestTestData.DataFile(1, category: null, score: double.NaN));
            writer.Add(ManifestTestData.DataFile(5, category: "apples", score: -2));
            writer.Existing(ManifestTestData.DataFile(3, category: "pears", score: 7), 5, 3, 3);
            writer.Delete(ManifestTestData.DataFile(4), 2, 2);
            manifest = writer.ToManifestFile();
        }

        Assert.Equal((2, 1, 1), (manifest.AddedFilesCount!.Value, manifest.ExistingFilesCount!.Value, manifest.DeletedFilesCount!.Value));
        Assert.Equal((1001L + 1005, 1003L, 1004L), (manifest.AddedRowsCount!.Value, manifest.ExistingRowsCount!.Value, manifest.DeletedRowsCount!.Value));
        Assert.Equal(ManifestWriter.UnassignedSequenceNumber, manifest.SequenceNumber);
        Assert.Equal(3, manifest.MinSequenceNumber);
        Assert.Equal(77, manifest.AddedSnapshotId);
        Assert.Equal(4, manifest.PartitionSpecId);

        IReadOnlyList<PartitionFieldSummary> summaries = manifest.Partitions!;
        Assert.Equal(5, summaries.Count);
        Assert.Equal(SingleValueBinary.ToBytes(Literal.OfDate(19_801)), summaries[0].LowerBound);
        Assert.Equal(SingleValueBinary.ToBytes(Literal.OfDate(19_805)), summaries[0].UpperBound);
        Assert.False(summaries[0].ContainsNull);
        Assert.True(summaries[2].ContainsNull);
        Assert.Equal("apples"u8.ToArray(), summaries[2].LowerBound);
        Assert.Equal("pears"u8.ToArray(), summaries[2].UpperBound);
        Assert.Equal(SingleValueBinary.ToBytes(Literal.OfDecimal(-17.34m)), summaries[3].LowerBound);
        Assert.True(summaries[4].ContainsNan);
        Assert.False(summaries[0].ContainsNan);
        Assert.Equal(SingleValueBinary.ToBytes(Literal.Of(-2.0)), summaries[4].LowerBound);
        Assert.Equal(SingleValueBinary.ToBytes(Literal.Of(7.0)), summaries[4].UpperBound);
    }

    [Fact]
    public void Header_has_java_keys()
    {
        byte[] bytes = Write(ManifestTestData.Options(), w => w.Add(ManifestTestData.DataFile(1)));
        using var container = AvroContainerReader.Open(new MemoryStream(bytes));

        Assert.Equal(
            ["avro.schema", "avro.codec", "schema", "schema-id", "partition-spec", "partition-spec-id", "format-version", "content", "iceberg.schema"],
            container.Header.Metadata.Keys);
        Assert.Equal("deflate", container.Header.GetMetadataString("avro.codec"));
        Assert.Equal("3", container.Header.GetMetadataString("schema-id"));
        Assert.Equal("4", container.Header.GetMetadataString("partition-spec-id"));
        Assert.Equal("data", container.Header.GetMetadataString("content"));
        Assert.StartsWith("[{\"name\":\"event time_day\",\"transform\":\"day\"", container.Header.GetMetadataString("partition-spec"), StringComparison.Ordinal);
        Assert.Contains("\"name\":\"event_x20time_day\"", container.Header.SchemaJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_manifest_raises_floe_exception_only()
    {
        byte[] bytes = Write(ManifestTestData.Options() with { Codec = Floe.Avro.Codecs.AvroCodecs.Null }, w =>
        {
            for (int i = 0; i < 8; i++)
            {
                w.Add(ManifestTestData.DataFile(i));
            }
        });
        var random = new Random(7);
        int failures = 0;
        for (int round = 0; round < 300; round++)
        {
            byte[] damaged = (byte[])bytes.Clone();
            int position = random.Next(damaged.Length / 3, damaged.Length);
            damaged[position] ^= (byte)random.Next(1, 256);
            try
            {
                ManifestReader.ReadAll(new MemoryStream(damaged));
            }
            catch (FloeException)
            {
                failures++;
            }
        }

        Assert.True(failures > 0);
    }

    internal static byte[] Write(ManifestWriterOptions options, Action<ManifestWriter> write)
    {
        var stream = new MemoryStream();
        using (var writer = new ManifestWriter(stream, "m.avro", options, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static void AssertSameFile(ContentFile expected, ContentFile actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.FilePath, actual.FilePath);
        Assert.Equal(expected.Format, actual.Format);
        Assert.Equal(expected.Partition, actual.Partition);
        Assert.Equal(expected.RecordCount, actual.RecordCount);
        Assert.Equal(expected.FileSizeInBytes, actual.FileSizeInBytes);
        Assert.Equal(expected.ColumnSizes, actual.ColumnSizes);
        Assert.Equal(expected.ValueCounts, actual.ValueCounts);
        Assert.Equal(expected.NullValueCounts, actual.NullValueCounts);
        Assert.Equal(expected.NanValueCounts, actual.NanValueCounts);
        Assert.Equal(expected.LowerBounds, actual.LowerBounds);
        Assert.Equal(expected.UpperBounds, actual.UpperBounds);
        Assert.Equal(expected.KeyMetadata, actual.KeyMetadata);
        Assert.Equal(expected.SplitOffsets, actual.SplitOffsets);
        Assert.Equal(expected.SortOrderId, actual.SortOrderId);
        Assert.Equal(expected.SpecId, actual.SpecId);
    }
}
