using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

public sealed class FileChangeTests : IDisposable
{
    private readonly TableFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly LocalFileIO _io = new();

    public void Dispose() => _fixture.Dispose();

    private static DeleteFile PositionDeletes(DataFile target) => new()
    {
        FilePath = target.FilePath + ".deletes.parquet",
        Format = FileFormat.Parquet,
        RecordCount = 2,
        FileSizeInBytes = 20,
        DeleteContent = FileContent.PositionDeletes,
        ReferencedDataFile = target.FilePath,
    };

    private async Task<(IcebergTable Table, DataFile A, DataFile B)> TwoFilesAsync()
    {
        var table = await _fixture.CreateAsync();
        var a = TestFiles.Data(records: 10, size: 100);
        var b = TestFiles.Data(records: 20, size: 200);
        await table.NewFastAppend().AppendFile(a).AppendFile(b).CommitAsync(_ct);
        return (table, a, b);
    }

    [Fact]
    public async Task Delete_marks_the_entry_deleted_and_updates_totals()
    {
        var (table, a, b) = await TwoFilesAsync();

        var stored = await table.NewDelete().DeleteFile(a.FilePath).CommitAsync(_ct);

        var snapshot = stored.CurrentSnapshot!;
        Assert.Equal(SnapshotOperations.Delete, snapshot.Operation);
        Assert.Equal([b.FilePath], await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal("1", snapshot.Summary["deleted-data-files"]);
        Assert.Equal("10", snapshot.Summary["deleted-records"]);
        Assert.Equal("20", snapshot.Summary["total-records"]);
        Assert.Equal("1", snapshot.Summary["total-data-files"]);
        var manifest = Assert.Single(await TestFiles.ManifestListAsync(_io, snapshot.ManifestList!));
        var entries = await TestFiles.EntriesAsync(_io, manifest);
        var deleted = Assert.Single(entries, e => e.Status == EntryStatus.Deleted);
        Assert.Equal(a.FilePath, deleted.File.FilePath);
        Assert.Equal(snapshot.SnapshotId, deleted.SnapshotId);
        Assert.Equal(1, deleted.DataSequenceNumber);
        var existing = Assert.Single(entries, e => e.Status == EntryStatus.Existing);
        Assert.Equal(1, existing.DataSequenceNumber);
    }

    [Fact]
    public async Task Overwrite_replaces_files()
    {
        var (table, a, b) = await TwoFilesAsync();
        var c = TestFiles.Data(records: 5, size: 50);

        var stored = await table.NewOverwrite().DeleteFile(a).AddFile(c).CommitAsync(_ct);

        Assert.Equal(SnapshotOperations.Overwrite, stored.CurrentSnapshot!.Operation);
        // File names carry a process-wide counter, so their ordinal order is not their creation order (part-99 > part-102).
        Assert.Equal(new[] { b.FilePath, c.FilePath }.Order(StringComparer.Ordinal), (await TestFiles.LiveFilesAsync(_io, stored)).Order(StringComparer.Ordinal));
        Assert.Equal("25", stored.CurrentSnapshot.Summary["total-records"]);
    }

    [Fact]
    public async Task Overwrite_with_conflict_validation_fails_on_concurrent_append()
    {
        var (table, a, _) = await TwoFilesAsync();
        var overwrite = table.NewOverwrite().DeleteFile(a).AddFile(TestFiles.Data()).ValidateNoConflictingData();
        var other = await _fixture.OpenAsync();
        var concurrent = await other.NewFastAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);

        await Assert.ThrowsAsync<ValidationException>(() => overwrite.CommitAsync(_ct));

        Assert.Equal(concurrent.MetadataFileLocation, (await _fixture.LoadAsync()).MetadataFileLocation);
    }

    [Fact]
    public async Task Overwrite_without_validation_retries_over_concurrent_append()
    {
        var (table, a, b) = await TwoFilesAsync();
        var c = TestFiles.Data();
        var overwrite = table.NewOverwrite().DeleteFile(a).AddFile(c);
        var other = await _fixture.OpenAsync();
        var d = TestFiles.Data();
        await other.NewFastAppend().AppendFile(d).CommitAsync(_ct);

        var stored = await overwrite.CommitAsync(_ct);

        Assert.Equal(new[] { b.FilePath, c.FilePath, d.FilePath }.Order(StringComparer.Ordinal), (await TestFiles.LiveFilesAsync(_io, stored)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Row_delta_on_a_format_version_one_table_is_unsupported()
    {
        var table = await _fixture.CreateAsync(new Dictionary<string, string>(TableFixture.FastRetries) { ["format-version"] = "1" });
        var a = TestFiles.Data();
        var stored = await table.NewFastAppend().AppendFile(a).CommitAsync(_ct);
        Assert.Equal(1, stored.FormatVersion);
        Assert.Equal(0, stored.CurrentSnapshot!.SequenceNumber);
        Assert.Equal([a.FilePath], await TestFiles.LiveFilesAsync(_io, stored));

        var error = Assert.Throws<Floe.Common.Errors.FloeException>(() => table.NewRowDelta().AddDeletes(PositionDeletes(a)));

        Assert.Equal(Floe.Common.Errors.FloeErrorKind.Unsupported, error.Kind);
    }

    [Fact]
    public async Task Row_delta_adds_position_deletes_in_a_delete_manifest()
    {
        var (table, a, _) = await TwoFilesAsync();

        var stored = await table.NewRowDelta().AddDeletes(PositionDeletes(a)).ValidateDataFilesExist([a.FilePath]).CommitAsync(_ct);

        var snapshot = stored.CurrentSnapshot!;
        Assert.Equal(SnapshotOperations.Delete, snapshot.Operation);
        Assert.Equal("1", snapshot.Summary["added-delete-files"]);
        Assert.Equal("2", snapshot.Summary["added-position-deletes"]);
        Assert.Equal("1", snapshot.Summary["total-delete-files"]);
        Assert.Equal("2", snapshot.Summary["total-position-deletes"]);
        var manifests = await TestFiles.ManifestListAsync(_io, snapshot.ManifestList!);
        var deletes = Assert.Single(manifests, m => m.Content == ManifestContent.Deletes);
        Assert.Equal(2, deletes.SequenceNumber);
        var entry = Assert.Single(await TestFiles.EntriesAsync(_io, deletes));
        Assert.Equal(a.FilePath, ((DeleteFile)entry.File).ReferencedDataFile);
    }

    [Fact]
    public async Task Row_delta_with_data_and_deletes_is_an_overwrite()
    {
        var (table, a, _) = await TwoFilesAsync();

        var stored = await table.NewRowDelta().AddRows(TestFiles.Data()).AddDeletes(PositionDeletes(a)).CommitAsync(_ct);

        Assert.Equal(SnapshotOperations.Overwrite, stored.CurrentSnapshot!.Operation);
    }

    [Fact]
    public async Task Row_delta_target_removed_concurrently_fails_validation()
    {
        var (table, a, _) = await TwoFilesAsync();
        var delta = table.NewRowDelta().AddDeletes(PositionDeletes(a)).ValidateDataFilesExist([a.FilePath]).ValidateDeletedFiles();
        await (await _fixture.OpenAsync()).NewDelete().DeleteFile(a.FilePath).CommitAsync(_ct);

        await Assert.ThrowsAsync<ValidationException>(() => delta.CommitAsync(_ct));
    }

    [Fact]
    public async Task Row_delta_concurrent_deletes_fail_validation_when_asked()
    {
        var (table, a, b) = await TwoFilesAsync();
        var delta = table.NewRowDelta().AddDeletes(PositionDeletes(a)).ValidateNoConflictingDeleteFiles();
        await (await _fixture.OpenAsync()).NewRowDelta().AddDeletes(PositionDeletes(b)).CommitAsync(_ct);

        await Assert.ThrowsAsync<ValidationException>(() => delta.CommitAsync(_ct));
    }

    [Fact]
    public async Task Rewrite_replaces_files_keeping_totals()
    {
        var (table, a, b) = await TwoFilesAsync();
        var c = TestFiles.Data(records: 30, size: 250);

        var stored = await table.NewRewrite().DeleteFile(a).DeleteFile(b).AddFile(c).CommitAsync(_ct);

        var snapshot = stored.CurrentSnapshot!;
        Assert.Equal(SnapshotOperations.Replace, snapshot.Operation);
        Assert.Equal([c.FilePath], await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal("30", snapshot.Summary["total-records"]);
        Assert.Equal("250", snapshot.Summary["total-files-size"]);
    }

    [Fact]
    public async Task Rewrite_of_a_file_removed_concurrently_fails_validation()
    {
        var (table, a, b) = await TwoFilesAsync();
        var rewrite = table.NewRewrite().DeleteFile(a).DeleteFile(b).AddFile(TestFiles.Data());
        var concurrent = await (await _fixture.OpenAsync()).NewDelete().DeleteFile(b.FilePath).CommitAsync(_ct);

        await Assert.ThrowsAsync<ValidationException>(() => rewrite.CommitAsync(_ct));

        Assert.Equal(concurrent.MetadataFileLocation, (await _fixture.LoadAsync()).MetadataFileLocation);
    }

    [Fact]
    public async Task Rewrite_with_new_deletes_for_a_replaced_file_fails_validation()
    {
        var (table, a, _) = await TwoFilesAsync();
        var rewrite = table.NewRewrite().DeleteFile(a).AddFile(TestFiles.Data());
        await (await _fixture.OpenAsync()).NewRowDelta().AddDeletes(PositionDeletes(a)).CommitAsync(_ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => rewrite.CommitAsync(_ct));

        Assert.Contains(a.FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewrite_retries_over_an_unrelated_append()
    {
        var (table, a, b) = await TwoFilesAsync();
        var c = TestFiles.Data();
        var rewrite = table.NewRewrite().DeleteFile(a).AddFile(c);
        var d = TestFiles.Data();
        await (await _fixture.OpenAsync()).NewFastAppend().AppendFile(d).CommitAsync(_ct);

        var stored = await rewrite.CommitAsync(_ct);

        Assert.Equal(new[] { b.FilePath, c.FilePath, d.FilePath }.Order(StringComparer.Ordinal), (await TestFiles.LiveFilesAsync(_io, stored)).Order(StringComparer.Ordinal));
        Assert.Equal(3, stored.CurrentSnapshot!.SequenceNumber);
        await TestFiles.AssertNoOrphanMetadataAsync(_io, stored);
    }
}
