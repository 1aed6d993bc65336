using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

public sealed class AppendTests : IDisposable
{
    private readonly TableFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly LocalFileIO _io = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task First_append_writes_manifest_list_and_java_summary()
    {
        var table = await _fixture.CreateAsync();
        var a = TestFiles.Data(records: 10, size: 100);
        var b = TestFiles.Data(records: 5, size: 50);

        var stored = await table.NewFastAppend().AppendFile(a).AppendFile(b).CommitAsync(_ct);

        var snapshot = stored.CurrentSnapshot!;
        Assert.Equal(SnapshotOperations.Append, snapshot.Operation);
        Assert.Equal(1, snapshot.SequenceNumber);
        Assert.Null(snapshot.ParentSnapshotId);
        Assert.Equal(new Dictionary<string, string>
        {
            ["added-data-files"] = "2",
            ["added-records"] = "15",
            ["added-files-size"] = "150",
            ["changed-partition-count"] = "1",
            ["total-records"] = "15",
            ["total-files-size"] = "150",
            ["total-data-files"] = "2",
            ["total-delete-files"] = "0",
            ["total-position-deletes"] = "0",
            ["total-equality-deletes"] = "0",
        }, snapshot.Summary);

        var manifest = Assert.Single(await TestFiles.ManifestListAsync(_io, snapshot.ManifestList!));
        Assert.Equal(1, manifest.SequenceNumber);
        Assert.Equal(snapshot.SnapshotId, manifest.AddedSnapshotId);
        Assert.Equal(2, manifest.AddedFilesCount);
        var entries = await TestFiles.EntriesAsync(_io, manifest);
        Assert.All(entries, e =>
        {
            Assert.Equal(EntryStatus.Added, e.Status);
            Assert.Equal(1, e.DataSequenceNumber);
            Assert.Equal(snapshot.SnapshotId, e.SnapshotId);
        });
        Assert.Equal([a.FilePath, b.FilePath], entries.Select(e => e.File.FilePath));
    }

    [Fact]
    public async Task Second_append_keeps_earlier_manifests_and_carries_totals()
    {
        var table = await _fixture.CreateAsync();
        var first = await table.NewFastAppend().AppendFile(TestFiles.Data(records: 10, size: 100)).CommitAsync(_ct);

        var second = await table.NewFastAppend().AppendFile(TestFiles.Data(records: 7, size: 70)).CommitAsync(_ct);

        var snapshot = second.CurrentSnapshot!;
        Assert.Equal(first.CurrentSnapshotId, snapshot.ParentSnapshotId);
        Assert.Equal(2, snapshot.SequenceNumber);
        Assert.Equal("17", snapshot.Summary["total-records"]);
        Assert.Equal("2", snapshot.Summary["total-data-files"]);
        var manifests = await TestFiles.ManifestListAsync(_io, snapshot.ManifestList!);
        Assert.Equal([2L, 1L], manifests.Select(m => m.SequenceNumber));
        Assert.Equal(2, (await TestFiles.LiveFilesAsync(_io, second)).Count);
    }

    [Fact]
    public async Task Stale_append_retries_and_keeps_the_other_append()
    {
        var table = await _fixture.CreateAsync();
        var other = await _fixture.OpenAsync();
        var mine = TestFiles.Data();
        var theirs = TestFiles.Data();
        var append = table.NewFastAppend().AppendFile(mine);
        await other.NewFastAppend().AppendFile(theirs).CommitAsync(_ct);

        var stored = await append.CommitAsync(_ct);

        Assert.Equal([mine.FilePath, theirs.FilePath], await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal(2, stored.CurrentSnapshot!.SequenceNumber);
        Assert.Equal(append.SnapshotId, stored.CurrentSnapshotId);
        // The first attempt's manifest list is gone; the manifest was reused.
        var manifestLists = TestFiles.MetadataFilesOtherThanVersions(stored)
            .Where(n => n.StartsWith("snap-", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, manifestLists.Count);
    }

    [Fact]
    public async Task Parallel_appends_lose_no_file()
    {
        await _fixture.CreateAsync();
        const int Writers = 4;
        const int AppendsEach = 4;
        var appended = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            var table = await _fixture.OpenAsync();
            for (int i = 0; i < AppendsEach; i++)
            {
                var file = TestFiles.Data();
                await table.NewFastAppend().AppendFile(file).CommitAsync(_ct);
                appended.Add(file.FilePath);
            }
        }, _ct)));

        var final = await _fixture.LoadAsync();
        Assert.Equal(appended.Order(StringComparer.Ordinal), (await TestFiles.LiveFilesAsync(_io, final)).Order(StringComparer.Ordinal));
        Assert.Equal(Writers * AppendsEach, final.Snapshots.Count);
        Assert.Equal((Writers * AppendsEach).ToString(System.Globalization.CultureInfo.InvariantCulture), final.CurrentSnapshot!.Summary["total-data-files"]);
        Assert.Equal(Writers * AppendsEach, final.LastSequenceNumber);
        await TestFiles.AssertNoOrphanMetadataAsync(_io, final);
    }

    [Theory]
    [InlineData(1)] // the new manifest
    [InlineData(2)] // the manifest list
    public async Task Failed_file_write_leaves_table_unchanged_and_cleans_up(int failAt)
    {
        var table = await _fixture.CreateAsync();
        var before = await table.NewFastAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);
        var filesBefore = TestFiles.MetadataFilesOtherThanVersions(before);
        var faulty = new IcebergTable("faulty", new RedirectedOperations(table.Operations, new FailingFileIO(_io, failAt)));

        await Assert.ThrowsAsync<IOException>(() => faulty.NewFastAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct));

        var after = await _fixture.LoadAsync();
        Assert.Equal(before.MetadataFileLocation, after.MetadataFileLocation);
        Assert.Single(await TestFiles.LiveFilesAsync(_io, after));
        Assert.Equal(filesBefore, TestFiles.MetadataFilesOtherThanVersions(after));
    }

    [Fact]
    public async Task Failed_catalog_swap_leaves_table_unchanged_and_readable()
    {
        var table = await _fixture.CreateAsync();
        var before = await table.NewFastAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);
        var operations = new RedirectedOperations(table.Operations, _io) { FailCommitWith = new IOException("Injected failure at the swap.") };

        await Assert.ThrowsAsync<IOException>(() => new IcebergTable("faulty", operations).NewFastAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct));

        var after = await _fixture.LoadAsync();
        Assert.Equal(before.MetadataFileLocation, after.MetadataFileLocation);
        Assert.Single(await TestFiles.LiveFilesAsync(_io, after));
    }

    [Fact]
    public async Task Unknown_spec_is_rejected()
    {
        var table = await _fixture.CreateAsync();
        var file = new DataFile { FilePath = "/data/x.parquet", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 1, SpecId = 7 };

        var error = Assert.Throws<Floe.Common.Errors.FloeException>(() => table.NewFastAppend().AppendFile(file));

        Assert.Equal(Floe.Common.Errors.FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task Merging_append_merges_once_the_minimum_count_is_reached()
    {
        var table = await _fixture.CreateAsync(new Dictionary<string, string>(TableFixture.FastRetries) { [ManifestProperties.MinCountToMerge.Key] = "3" });
        var first = await table.NewAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);
        var second = await table.NewAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);
        Assert.Equal(2, (await TestFiles.ManifestListAsync(_io, second.CurrentSnapshot!.ManifestList!)).Count);

        var third = await table.NewAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);

        var merged = Assert.Single(await TestFiles.ManifestListAsync(_io, third.CurrentSnapshot!.ManifestList!));
        Assert.Equal(1, merged.AddedFilesCount);
        Assert.Equal(2, merged.ExistingFilesCount);
        var entries = await TestFiles.EntriesAsync(_io, merged);
        Assert.Equal([3L, 2L, 1L], entries.Select(e => e.DataSequenceNumber!.Value));
        Assert.Equal([first.CurrentSnapshotId!.Value, second.CurrentSnapshotId!.Value], entries.Skip(1).Select(e => e.SnapshotId!.Value).Reverse());
        Assert.Equal("3", third.CurrentSnapshot.Summary["total-data-files"]);
        // The new manifest went into the merged one and was removed; earlier snapshots' manifests stay for their lists.
        Assert.Equal(3, TestFiles.MetadataFilesOtherThanVersions(third).Count(n => n.EndsWith(".avro", StringComparison.Ordinal) && !n.StartsWith("snap-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Merging_append_disabled_by_property_keeps_every_manifest()
    {
        var table = await _fixture.CreateAsync(new Dictionary<string, string>(TableFixture.FastRetries)
        {
            [ManifestProperties.MinCountToMerge.Key] = "2",
            [ManifestProperties.MergeEnabled.Key] = "false",
        });
        await table.NewAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);
        await table.NewAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);

        var third = await table.NewAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);

        Assert.Equal(3, (await TestFiles.ManifestListAsync(_io, third.CurrentSnapshot!.ManifestList!)).Count);
    }

    [Fact]
    public async Task Merging_append_respects_the_target_size()
    {
        var table = await _fixture.CreateAsync(new Dictionary<string, string>(TableFixture.FastRetries)
        {
            [ManifestProperties.MinCountToMerge.Key] = "2",
            [ManifestProperties.TargetSizeBytes.Key] = "10",
        });
        await table.NewAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);

        var second = await table.NewAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);

        Assert.Equal(2, (await TestFiles.ManifestListAsync(_io, second.CurrentSnapshot!.ManifestList!)).Count);
    }

    [Fact]
    public async Task Staged_append_is_not_current_and_can_be_cherry_picked()
    {
        var table = await _fixture.CreateAsync();
        var a = TestFiles.Data();
        var b = TestFiles.Data();
        var main = await table.NewFastAppend().AppendFile(a).CommitAsync(_ct);
        var staged = table.NewFastAppend().AppendFile(b);
        var withStaged = await staged.StageOnly().CommitAsync(_ct);
        Assert.Equal(main.CurrentSnapshotId, withStaged.CurrentSnapshotId);
        Assert.NotNull(withStaged.SnapshotById(staged.SnapshotId));

        var c = TestFiles.Data();
        var advanced = await table.NewFastAppend().AppendFile(c).CommitAsync(_ct);

        var picked = await table.NewCherryPick(staged.SnapshotId).CommitAsync(_ct);

        Assert.Equal([b.FilePath, c.FilePath, a.FilePath], await TestFiles.LiveFilesAsync(_io, picked));
        Assert.Equal(staged.SnapshotId.ToString(System.Globalization.CultureInfo.InvariantCulture), picked.CurrentSnapshot!.Summary["source-snapshot-id"]);
        Assert.Equal(advanced.CurrentSnapshotId, picked.CurrentSnapshot.ParentSnapshotId);
        await Assert.ThrowsAsync<ValidationException>(() => table.NewCherryPick(staged.SnapshotId).CommitAsync(_ct));
    }

    [Fact]
    public async Task Cherry_pick_of_a_missing_snapshot_fails_validation()
    {
        var table = await _fixture.CreateAsync();

        await Assert.ThrowsAsync<ValidationException>(() => table.NewCherryPick(12345).CommitAsync(_ct));
    }

    [Fact]
    public async Task Purging_drop_leaves_reachable_files_outside_the_table_location()
    {
        var table = await _fixture.CreateAsync();
        string outside = Path.Combine(_fixture.Warehouse, "imported", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(outside)!);
        File.WriteAllText(outside, "rows");
        string unrelated = Path.Combine(_fixture.Warehouse, "imported", "other.parquet");
        File.WriteAllText(unrelated, "rows");
        await table.NewFastAppend().AppendFile(new DataFile { FilePath = outside, Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 4 }).CommitAsync(_ct);
        var reachable = await ReachableFiles.ListAsync(_io, table.Metadata, _ct);
        Assert.Contains(outside, reachable);
        Assert.Equal(3, reachable.Count);

        Assert.True(await _fixture.Catalog.DropTableAsync(TableFixture.Events, purge: true, _ct));

        // A table may name files anywhere (an import, a forged commit), but purge deletes only under its location.
        Assert.True(File.Exists(outside));
        Assert.True(File.Exists(unrelated));
        Assert.False(Directory.Exists(table.Metadata.Location));
    }

    [Fact]
    public async Task Transaction_with_two_appends_and_a_property_is_one_version_with_two_snapshots()
    {
        var table = await _fixture.CreateAsync();
        var a = TestFiles.Data();
        var b = TestFiles.Data();
        var first = table.NewFastAppend().AppendFile(a);
        var second = table.NewFastAppend().AppendFile(b);
        var other = await _fixture.OpenAsync();
        await other.UpdateProperties().Set("other", "1").CommitAsync(_ct);

        var stored = await table.NewTransaction().Add(first).Add(second).Add(table.UpdateProperties().Set("k", "v")).CommitAsync(_ct);

        Assert.EndsWith("v3.metadata.json", stored.MetadataFileLocation, StringComparison.Ordinal);
        Assert.Equal(second.SnapshotId, stored.CurrentSnapshotId);
        Assert.Equal(first.SnapshotId, stored.CurrentSnapshot!.ParentSnapshotId);
        Assert.Equal([1L, 2L], stored.Snapshots.Select(s => s.SequenceNumber));
        Assert.Equal([b.FilePath, a.FilePath], await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal("v", stored.Property("k"));
        Assert.Equal("1", stored.Property("other"));
        await TestFiles.AssertNoOrphanMetadataAsync(_io, stored);
    }
}
