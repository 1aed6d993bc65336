using Floe.Core.Transforms;
using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

public sealed class CherryPickTests : IDisposable
{
    private readonly TableFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly LocalFileIO _io = new();

    public void Dispose() => _fixture.Dispose();

    private async Task<(IcebergTable Table, DataFile A, DataFile B)> TwoFilesAsync()
    {
        var table = await _fixture.CreateAsync();
        var a = TestFiles.Data();
        var b = TestFiles.Data();
        await table.NewFastAppend().AppendFile(a).AppendFile(b).CommitAsync(_ct);
        return (table, a, b);
    }

    private static async Task<long> StageAsync(SnapshotProducer producer, CancellationToken ct)
    {
        await producer.StageOnly().CommitAsync(ct);
        return producer.SnapshotId;
    }

    private static List<string> Sorted(IEnumerable<string> paths) => [.. paths.Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Source_whose_parent_is_current_is_fast_forwarded()
    {
        var (table, a, b) = await TwoFilesAsync();
        var c = TestFiles.Data();
        long staged = await StageAsync(table.NewOverwrite().DeleteFile(a).AddFile(c), _ct);
        int snapshots = table.Metadata.Snapshots.Count;

        var picked = await table.NewCherryPick(staged).CommitAsync(_ct);

        Assert.Equal(staged, picked.CurrentSnapshotId);
        Assert.Equal(snapshots, picked.Snapshots.Count);
        Assert.Equal(Sorted([b.FilePath, c.FilePath]), Sorted(await TestFiles.LiveFilesAsync(_io, picked)));
        await Assert.ThrowsAsync<ValidationException>(() => table.NewCherryPick(staged).CommitAsync(_ct));
        await TestFiles.AssertNoOrphanMetadataAsync(_io, picked);
    }

    [Fact]
    public async Task Overwrite_is_applied_again_on_the_new_current_snapshot()
    {
        var (table, a, b) = await TwoFilesAsync();
        var c = TestFiles.Data(records: 7);
        long staged = await StageAsync(table.NewOverwrite().DeleteFile(a).AddFile(c), _ct);
        var d = TestFiles.Data();
        var advanced = await table.NewFastAppend().AppendFile(d).CommitAsync(_ct);

        var picked = await table.NewCherryPick(staged).CommitAsync(_ct);

        var snapshot = picked.CurrentSnapshot!;
        Assert.Equal(SnapshotOperations.Overwrite, snapshot.Operation);
        Assert.Equal(advanced.CurrentSnapshotId, snapshot.ParentSnapshotId);
        Assert.Equal(staged.ToString(CultureInfo.InvariantCulture), snapshot.Summary["source-snapshot-id"]);
        Assert.Equal("1", snapshot.Summary["deleted-data-files"]);
        Assert.Equal("1", snapshot.Summary["added-data-files"]);
        Assert.Equal(Sorted([b.FilePath, c.FilePath, d.FilePath]), Sorted(await TestFiles.LiveFilesAsync(_io, picked)));
        await Assert.ThrowsAsync<ValidationException>(() => table.NewCherryPick(staged).CommitAsync(_ct));
    }

    [Fact]
    public async Task Overwrite_whose_removed_file_is_gone_fails_validation()
    {
        var (table, a, _) = await TwoFilesAsync();
        long staged = await StageAsync(table.NewOverwrite().DeleteFile(a).AddFile(TestFiles.Data()), _ct);
        var gone = await table.NewDelete().DeleteFile(a).CommitAsync(_ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => table.NewCherryPick(staged).CommitAsync(_ct));

        Assert.Contains(a.FilePath, error.Message, StringComparison.Ordinal);
        Assert.Equal(gone.MetadataFileLocation, (await _fixture.LoadAsync()).MetadataFileLocation);
    }

    [Fact]
    public async Task Delete_is_applied_again()
    {
        var (table, a, b) = await TwoFilesAsync();
        long staged = await StageAsync(table.NewDelete().DeleteFile(b), _ct);
        var d = TestFiles.Data();
        await table.NewFastAppend().AppendFile(d).CommitAsync(_ct);

        var picked = await table.NewCherryPick(staged).CommitAsync(_ct);

        Assert.Equal(SnapshotOperations.Delete, picked.CurrentSnapshot!.Operation);
        Assert.Equal(Sorted([a.FilePath, d.FilePath]), Sorted(await TestFiles.LiveFilesAsync(_io, picked)));
    }

    [Fact]
    public async Task Position_deletes_are_picked_while_their_data_file_exists()
    {
        var (table, a, b) = await TwoFilesAsync();
        var deletes = new DeleteFile
        {
            FilePath = a.FilePath + ".pos.parquet", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 10,
            DeleteContent = FileContent.PositionDeletes, ReferencedDataFile = a.FilePath,
        };
        long staged = await StageAsync(table.NewRowDelta().AddDeletes(deletes), _ct);
        await table.NewFastAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);

        var picked = await table.NewCherryPick(staged).CommitAsync(_ct);
        Assert.Equal("1", picked.CurrentSnapshot!.Summary["added-delete-files"]);

        long stagedAgain = await StageAsync(table.NewRowDelta().AddDeletes(new DeleteFile
        {
            FilePath = b.FilePath + ".pos.parquet", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 10,
            DeleteContent = FileContent.PositionDeletes, ReferencedDataFile = b.FilePath,
        }), _ct);
        await table.NewDelete().DeleteFile(b).CommitAsync(_ct);
        var error = await Assert.ThrowsAsync<ValidationException>(() => table.NewCherryPick(stagedAgain).CommitAsync(_ct));
        Assert.Contains(b.FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Equality_deletes_and_rewrites_can_only_be_fast_forwarded()
    {
        var (table, a, _) = await TwoFilesAsync();
        var equality = new DeleteFile
        {
            FilePath = "/data/eq.parquet", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 10,
            DeleteContent = FileContent.EqualityDeletes, EqualityIds = [1],
        };
        long stagedDeletes = await StageAsync(table.NewRowDelta().AddDeletes(equality), _ct);
        long stagedRewrite = await StageAsync(table.NewRewrite().DeleteFile(a).AddFile(TestFiles.Data()), _ct);
        await table.NewFastAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);

        var deletesError = await Assert.ThrowsAsync<FloeException>(() => table.NewCherryPick(stagedDeletes).CommitAsync(_ct));
        var rewriteError = await Assert.ThrowsAsync<FloeException>(() => table.NewCherryPick(stagedRewrite).CommitAsync(_ct));

        Assert.Equal(FloeErrorKind.Unsupported, deletesError.Kind);
        Assert.Contains("equality delete file /data/eq.parquet", deletesError.Message, StringComparison.Ordinal);
        Assert.Equal(FloeErrorKind.Unsupported, rewriteError.Kind);
        Assert.Contains("'replace' snapshot can only be fast-forwarded", rewriteError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dynamic_partition_overwrite_fails_when_its_partition_changed_since_its_parent()
    {
        var table = await _fixture.CreateAsync();
        await table.EvolvePartitionSpec().Edit(p => p.AddField("data", Transform.Identity)).CommitAsync(_ct);
        DataFile InPartition(string value) => new()
        {
            FilePath = $"/data/data={value}/{Guid.NewGuid():N}.parquet", Format = FileFormat.Parquet, RecordCount = 3, FileSizeInBytes = 30,
            SpecId = 1, Partition = PartitionData.Of(Literal.Of(value)),
        };
        var a = InPartition("a");
        await table.NewFastAppend().AppendFile(a).AppendFile(InPartition("b")).CommitAsync(_ct);
        var overwrite = table.NewOverwrite().DeleteFile(a).AddFile(InPartition("a"));
        overwrite.Set("replace-partitions", "true");
        long staged = await StageAsync(overwrite, _ct);

        await table.NewFastAppend().AppendFile(InPartition("b")).CommitAsync(_ct);
        var stagedCopy = table.Metadata;
        var picked = await table.NewCherryPick(staged).CommitAsync(_ct);
        Assert.Equal(stagedCopy.CurrentSnapshotId, picked.CurrentSnapshot!.ParentSnapshotId);

        await table.ManageSnapshots().RollbackTo(stagedCopy.CurrentSnapshotId!.Value).CommitAsync(_ct);
        var late = InPartition("a");
        await table.NewFastAppend().AppendFile(late).CommitAsync(_ct);
        var error = await Assert.ThrowsAsync<ValidationException>(() => table.NewCherryPick(staged).CommitAsync(_ct));
        Assert.Contains(late.FilePath, error.Message, StringComparison.Ordinal);
    }
}
