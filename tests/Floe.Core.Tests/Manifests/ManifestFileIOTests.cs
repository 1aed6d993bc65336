using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Values;

namespace Floe.Core.Tests.Manifests;

public sealed class ManifestFileIOTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("floe-manifest-io-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Write_through_output_files_read_back_through_input_files()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var io = new LocalFileIO(new LocationMapper().Add("s3://bucket/t", _root));
        ManifestFile manifest;
        await using (ManifestWriter writer = await ManifestWriter.CreateAsync(io.NewOutputFile("s3://bucket/t/metadata/m0.avro"), ManifestTestData.Options(), ct))
        {
            writer.Add(ManifestTestData.DataFile(1));
            writer.Add(ManifestTestData.DataFile(2));
            await writer.CloseAsync();
            manifest = writer.ToManifestFile();
        }

        await using (ManifestListWriter list = await ManifestListWriter.CreateAsync(io.NewOutputFile("s3://bucket/t/metadata/snap-77.avro"), 2, 77, null, 4, cancellationToken: ct))
        {
            list.Add(manifest);
        }

        List<ManifestFile> manifests = await ManifestListReader.ReadAllAsync(io.NewInputFile("s3://bucket/t/metadata/snap-77.avro"), ct);
        ManifestFile listed = Assert.Single(manifests);
        List<ManifestEntry> entries = await ManifestReader.ReadAllAsync(io.NewInputFile(listed.Path), listed, ct);

        Assert.Equal("s3://bucket/t/metadata/m0.avro", listed.Path);
        Assert.Equal(new FileInfo(Path.Combine(_root, "metadata", "m0.avro")).Length, listed.Length);
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((77L, 4L, 4L), (e.SnapshotId!.Value, e.DataSequenceNumber!.Value, e.FileSequenceNumber!.Value)));
        var again = await Assert.ThrowsAsync<FloeException>(async () =>
            await ManifestWriter.CreateAsync(io.NewOutputFile("s3://bucket/t/metadata/m0.avro"), ManifestTestData.Options(), ct));
        Assert.Equal(FloeErrorKind.AlreadyExists, again.Kind);
    }

    /// <summary>A data manifest of <paramref name="files"/> at <paramref name="location"/>, and its manifest list entry.</summary>
    private static async Task<ManifestFile> WriteManifestAsync(LocalFileIO io, string location, IEnumerable<DataFile> files, CancellationToken ct)
    {
        await using ManifestWriter writer = await ManifestWriter.CreateAsync(io.NewOutputFile(location), ManifestTestData.Options(), ct);
        foreach (DataFile file in files)
        {
            writer.Add(file);
        }

        await writer.CloseAsync();
        return writer.ToManifestFile();
    }

    [Fact]
    public async Task Entries_read_without_column_stats_keep_everything_else()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var io = new LocalFileIO();
        string location = Path.Combine(_root, "m-stats.avro");
        ManifestFile manifest = await WriteManifestAsync(io, location, [ManifestTestData.DataFile(1), ManifestTestData.DataFile(2)], ct);

        List<ManifestEntry> full = await ManifestReader.ReadAllAsync(io.NewInputFile(location), manifest, ct);
        var slim = new List<ManifestEntry>();
        await foreach (ManifestEntry entry in ManifestReader.ReadEntriesAsync(io.NewInputFile(location), manifest, columnStats: false, ct))
        {
            slim.Add(entry);
        }

        Assert.Equal(2, slim.Count);
        for (int i = 0; i < slim.Count; i++)
        {
            ContentFile a = full[i].File, b = slim[i].File;
            Assert.NotNull(a.LowerBounds);
            Assert.True(b is { ColumnSizes: null, ValueCounts: null, NullValueCounts: null, NanValueCounts: null, LowerBounds: null, UpperBounds: null, SplitOffsets: null });
            Assert.Equal((a.FilePath, a.Format, a.SpecId, a.Partition, a.RecordCount, a.FileSizeInBytes, a.SortOrderId, a.Position),
                (b.FilePath, b.Format, b.SpecId, b.Partition, b.RecordCount, b.FileSizeInBytes, b.SortOrderId, b.Position));
            Assert.Equal(a.KeyMetadata, b.KeyMetadata);
            Assert.Equal((full[i].Status, full[i].SnapshotId, full[i].DataSequenceNumber, full[i].FileSequenceNumber),
                (slim[i].Status, slim[i].SnapshotId, slim[i].DataSequenceNumber, slim[i].FileSequenceNumber));
        }
    }

    [Fact]
    public async Task Entries_read_with_a_partition_filter_are_only_the_accepted_ones_decoded_in_full()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var io = new LocalFileIO();
        string location = Path.Combine(_root, "m-filter.avro");
        ManifestFile manifest = await WriteManifestAsync(io, location, Enumerable.Range(1, 6).Select(i => ManifestTestData.DataFile(i, i % 2 == 0 ? "books" : "music")), ct);

        List<ManifestEntry> full = await ManifestReader.ReadAllAsync(io.NewInputFile(location), manifest, ct);
        var seen = new List<(int SpecId, string Category)>();
        var kept = new List<ManifestEntry>();
        await foreach (ManifestEntry entry in ManifestReader.ReadEntriesAsync(io.NewInputFile(location), manifest, columnStats: true, (specId, partition) =>
        {
            string category = partition[2].AsString();
            seen.Add((specId, category));
            return category == "books";
        }, ct))
        {
            kept.Add(entry);
        }

        Assert.Equal(6, seen.Count);
        Assert.All(seen, s => Assert.Equal(ManifestTestData.Spec.SpecId, s.SpecId));
        ManifestEntry[] expected = [.. full.Where(e => e.File.Partition[2].AsString() == "books")];
        Assert.Equal(3, kept.Count);
        for (int i = 0; i < kept.Count; i++)
        {
            ContentFile a = expected[i].File, b = kept[i].File;
            Assert.Equal((a.FilePath, a.Partition, a.RecordCount, a.FileSizeInBytes, a.Position), (b.FilePath, b.Partition, b.RecordCount, b.FileSizeInBytes, b.Position));
            Assert.Equal(a.ColumnSizes, b.ColumnSizes);
            Assert.Equal(a.LowerBounds, b.LowerBounds);
            Assert.Equal(a.SplitOffsets, b.SplitOffsets);
            Assert.Equal((expected[i].Status, expected[i].SnapshotId, expected[i].DataSequenceNumber), (kept[i].Status, kept[i].SnapshotId, kept[i].DataSequenceNumber));
        }
    }

    [Fact]
    public async Task Entries_of_one_manifest_with_the_same_partition_share_one_partition_object()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var io = new LocalFileIO();
        string location = Path.Combine(_root, "m-shared.avro");
        DataFile[] written = [.. Enumerable.Range(1, 6).Select(i => new DataFile
        {
            FilePath = $"s3://bucket/warehouse/db/t/data/{i:D5}.parquet",
            Format = FileFormat.Parquet,
            SpecId = ManifestTestData.Spec.SpecId,
            Partition = PartitionData.Of(Literal.OfDate(19_800), Literal.Of(1), Literal.Of(i % 2 == 0 ? "books" : "music"), Literal.OfDecimal(-12.34m), Literal.Of(1.5)),
            RecordCount = 10,
            FileSizeInBytes = 1000 + i,
        })];
        ManifestFile manifest = await WriteManifestAsync(io, location, written, ct);

        List<ManifestEntry> entries = await ManifestReader.ReadAllAsync(io.NewInputFile(location), manifest, ct);

        Assert.Equal(written.Select(f => f.Partition), entries.Select(e => e.File.Partition));
        Assert.Equal(2, entries.Select(e => e.File.Partition).Distinct(ReferenceEqualityComparer.Instance).Count());
        Assert.Same(entries[0].File.Partition, entries[2].File.Partition);
        Assert.NotSame(entries[0].File.Partition, entries[1].File.Partition);
    }
}
