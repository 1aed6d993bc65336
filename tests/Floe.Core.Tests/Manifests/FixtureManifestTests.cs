using Floe.Avro.Container;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Tests.Metadata;

namespace Floe.Core.Tests.Manifests;

/// <summary>Manifests and manifest lists written by Spark, the Java library and Athena.</summary>
public sealed class FixtureManifestTests
{
    private static readonly LocalFileIO Io = new(new LocationMapper().Add("s3://hyperparam-iceberg", Fixtures.IcebergRoot));


    [Theory]
    [InlineData("spark/bunnies/metadata/v1.metadata.json", 21)]
    [InlineData("java/bunnies/metadata/v2.metadata.json", 21)]
    [InlineData("java/bunnies/metadata/v3.metadata.json", 21)]
    [InlineData("spark/rename_column/metadata/v2.metadata.json", 4)]
    public void Current_snapshot_live_data_records_match_table_rows(string metadataFile, long rows)
    {
        TableMetadata metadata = Load(metadataFile);
        Snapshot snapshot = metadata.Snapshots.Single(s => s.SnapshotId == metadata.CurrentSnapshotId);

        List<ManifestEntry> entries = ReadSnapshot(snapshot, out List<ManifestFile> manifests);

        Assert.All(manifests, m => Assert.Equal(ManifestContent.Data, m.Content));
        Assert.Equal(rows, entries.Where(e => e.IsLive).Sum(e => e.File.RecordCount));
        Assert.All(entries, e => Assert.Equal(FileContent.Data, e.File.Content));
        Assert.All(entries, e => Assert.NotNull(e.DataSequenceNumber));
    }

    [Fact]
    public void Every_manifest_of_every_table_reads_with_counts_matching_the_list()
    {
        int manifestsRead = 0;
        foreach (string metadataFile in Fixtures.MetadataFiles())
        {
            TableMetadata metadata = TableMetadataParser.Parse(File.ReadAllText(metadataFile));
            foreach (Snapshot snapshot in metadata.Snapshots)
            {
                List<ManifestEntry> entries = ReadSnapshot(snapshot, out List<ManifestFile> manifests);
                Assert.Equal(manifests.Sum(m => m.AddedFilesCount!.Value + m.ExistingFilesCount!.Value + m.DeletedFilesCount!.Value), entries.Count);
                if (snapshot.Summary.TryGetValue("total-records", out string? total))
                {
                    long live = entries.Where(e => e.IsLive && e.File.Content == FileContent.Data).Sum(e => e.File.RecordCount);
                    Assert.Equal(long.Parse(total, System.Globalization.CultureInfo.InvariantCulture), live);
                }

                manifestsRead += manifests.Count;
            }
        }

        Assert.True(manifestsRead >= 10, $"only {manifestsRead} manifests read");
    }

    [Theory]
    [InlineData("spark/bunnies/metadata/v5.metadata.json")]
    [InlineData("java/bunnies/metadata/v5.metadata.json")]
    [InlineData("athena/example/metadata/00001-aaf0d033-d06b-43c7-be60-67f83abd4aca.metadata.json")]
    public async Task Through_file_io_every_snapshot_reads(string metadataFile)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        TableMetadata metadata = Load(metadataFile);
        foreach (Snapshot snapshot in metadata.Snapshots)
        {
            List<ManifestFile> manifests = await ManifestListReader.ReadAllAsync(Io.NewInputFile(snapshot.ManifestList!), ct);
            foreach (ManifestFile manifest in manifests)
            {
                List<ManifestEntry> entries = await ManifestReader.ReadAllAsync(Io.NewInputFile(manifest.Path), manifest, ct);
                Assert.Equal(manifest.AddedFilesCount, entries.Count(e => e.Status == EntryStatus.Added));
                Assert.Equal(manifest.ExistingFilesCount, entries.Count(e => e.Status == EntryStatus.Existing));
                Assert.Equal(manifest.AddedRowsCount, entries.Where(e => e.Status == EntryStatus.Added).Sum(e => e.File.RecordCount));
                Assert.All(entries, e => Assert.True(e.DataSequenceNumber <= snapshot.SequenceNumber));
                Assert.All(entries, e => Assert.True(e.DataSequenceNumber >= manifest.MinSequenceNumber || !e.IsLive));
            }
        }
    }

    [Fact]
    public void Spark_bunnies_v3_has_a_position_delete_manifest()
    {
        TableMetadata metadata = Load("spark/bunnies/metadata/v3.metadata.json");
        Snapshot snapshot = metadata.Snapshots.Single(s => s.SnapshotId == metadata.CurrentSnapshotId);

        List<ManifestEntry> entries = ReadSnapshot(snapshot, out List<ManifestFile> manifests);

        ManifestFile deletes = Assert.Single(manifests, m => m.Content == ManifestContent.Deletes);
        Assert.Equal(snapshot.SequenceNumber, deletes.SequenceNumber);
        var deleteFile = Assert.IsType<DeleteFile>(Assert.Single(entries, e => e.File.Content != FileContent.Data).File);
        Assert.Equal(FileContent.PositionDeletes, deleteFile.Content);
        Assert.Equal(1, deleteFile.RecordCount);
        Assert.Equal(21, entries.Where(e => e.File.Content == FileContent.Data && e.IsLive).Sum(e => e.File.RecordCount));
    }

    [Fact]
    public void Java_bunnies_v5_has_an_equality_delete_with_ids()
    {
        TableMetadata metadata = Load("java/bunnies/metadata/v5.metadata.json");
        Snapshot snapshot = metadata.Snapshots.Single(s => s.SnapshotId == metadata.CurrentSnapshotId);

        List<ManifestEntry> entries = ReadSnapshot(snapshot, out _);

        DeleteFile equality = entries.Select(e => e.File).OfType<DeleteFile>().Single(f => f.Content == FileContent.EqualityDeletes);
        Assert.NotEmpty(equality.EqualityIds!);
    }

    [Fact]
    public void Rename_column_partition_values_read_with_types()
    {
        TableMetadata metadata = Load("spark/rename_column/metadata/v2.metadata.json");
        Snapshot snapshot = metadata.Snapshots.Single(s => s.SnapshotId == metadata.CurrentSnapshotId);

        List<ManifestEntry> entries = ReadSnapshot(snapshot, out List<ManifestFile> manifests);

        Assert.Equal(3, entries.Count);
        Assert.Contains(entries, e => e.File.Partition[1].IsNull);
        Assert.Contains(entries, e => !e.File.Partition[1].IsNull && e.File.Partition[1].AsDate() == new DateOnly(2022, 1, 1));
        Assert.All(entries, e => Assert.Equal(Floe.Core.Types.TypeId.Int, e.File.Partition[0].TypeId));
        PartitionFieldSummary date = manifests[0].Partitions![1];
        Assert.True(date.ContainsNull);
        PartitionSpec spec = metadata.DefaultSpec;
        Assert.Equal(2, spec.Fields.Count);
    }

    [Fact]
    public void Writer_schema_v2_unpartitioned_is_javas_exactly()
    {
        string fixture = Path.Combine(Fixtures.IcebergRoot, "java/bunnies/metadata/583a45a0-7389-4d71-9305-ac3a8725c38b-m0.avro");
        TableMetadata metadata = Load("java/bunnies/metadata/v2.metadata.json");
        using var container = AvroContainerReader.Open(File.OpenRead(fixture));

        byte[] ours = ManifestRoundTripTests.Write(
            new ManifestWriterOptions { Spec = metadata.DefaultSpec, Schema = metadata.CurrentSchema },
            _ => { });
        using var written = AvroContainerReader.Open(new MemoryStream(ours));

        Assert.Equal(container.Header.SchemaJson, written.Header.SchemaJson);
        Assert.Equal(container.Header.GetMetadataString("iceberg.schema"), written.Header.GetMetadataString("iceberg.schema"));
    }

    [Fact]
    public void List_iceberg_schema_matches_javas_apart_from_renamed_counts_and_key_metadata()
    {
        string fixture = Path.Combine(Fixtures.IcebergRoot, "spark/bunnies/metadata/snap-2701171901096418979-1-91d5eea0-314d-4056-8818-59b825cbd38a.avro");
        using var container = AvroContainerReader.Open(File.OpenRead(fixture));
        byte[] ours = ManifestListTests.WriteList(2, 1, null, 1);
        using var written = AvroContainerReader.Open(new MemoryStream(ours));

        string expected = container.Header.GetMetadataString("iceberg.schema")!.Replace("_data_files_count", "_files_count", StringComparison.Ordinal);
        string actual = written.Header.GetMetadataString("iceberg.schema")!;
        Assert.Equal(expected[..^2], actual[..expected[..^2].Length]);
        Assert.EndsWith("{\"id\":519,\"name\":\"key_metadata\",\"required\":false,\"type\":\"binary\",\"doc\":\"Encryption key metadata blob\"}]}", actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_schema_v2_partitioned_matches_spark_partition_record()
    {
        string fixture = Path.Combine(Fixtures.IcebergRoot, "spark/rename_column/metadata/abf62b15-903b-40b6-9e6b-26bcdceac9b3-m0.avro");
        TableMetadata metadata = Load("spark/rename_column/metadata/v2.metadata.json");
        using var container = AvroContainerReader.Open(File.OpenRead(fixture));

        byte[] ours = ManifestRoundTripTests.Write(
            new ManifestWriterOptions { Spec = metadata.DefaultSpec, Schema = metadata.CurrentSchema },
            _ => { });
        using var written = AvroContainerReader.Open(new MemoryStream(ours));

        // The Spark writer predates referenced_data_file; everything else matches byte for byte.
        string expected = container.Header.SchemaJson.Replace("]},\"field-id\":2}]}", "", StringComparison.Ordinal);
        Assert.StartsWith(expected, written.Header.SchemaJson, StringComparison.Ordinal);
        Assert.Equal(container.Header.GetMetadataString("partition-spec"), written.Header.GetMetadataString("partition-spec"));
    }

    internal static TableMetadata Load(string relative) =>
        TableMetadataParser.Parse(File.ReadAllText(Path.Combine(Fixtures.IcebergRoot, relative)));

    internal static string Local(string location) => Io.ToLocalPath(location);

    private static List<ManifestEntry> ReadSnapshot(Snapshot snapshot, out List<ManifestFile> manifests)
    {
        using (FileStream list = File.OpenRead(Local(snapshot.ManifestList!)))
        {
            manifests = ManifestListReader.ReadAll(list);
        }

        var entries = new List<ManifestEntry>();
        foreach (ManifestFile manifest in manifests)
        {
            Assert.Equal(new FileInfo(Local(manifest.Path)).Length, manifest.Length);
            using FileStream stream = File.OpenRead(Local(manifest.Path));
            using ManifestReader reader = ManifestReader.Open(stream, manifest);
            Assert.Equal(manifest.Content, reader.Content);
            foreach (ManifestEntry entry in reader.Entries())
            {
                Assert.Equal(manifest.Content == ManifestContent.Data, entry.File.Content == FileContent.Data);
                Assert.Equal(manifest.PartitionSpecId, entry.File.SpecId);
                entries.Add(entry);
            }
        }

        return entries;
    }
}
