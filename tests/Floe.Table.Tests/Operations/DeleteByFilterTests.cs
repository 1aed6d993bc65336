using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Transforms;
using Floe.Core.Values;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

public sealed class DeleteByFilterTests : IDisposable
{
    private readonly TableFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly LocalFileIO _io = new();

    public void Dispose() => _fixture.Dispose();

    private static DataFile InPartition(string value) => new()
    {
        FilePath = $"/data/data={value}/{Guid.NewGuid():N}.parquet",
        Format = FileFormat.Parquet,
        RecordCount = 3,
        FileSizeInBytes = 30,
        SpecId = 1,
        Partition = PartitionData.Of(Literal.Of(value)),
    };

    private async Task<(IcebergTable Table, DataFile A, DataFile B)> PartitionedAsync()
    {
        var table = await _fixture.CreateAsync();
        await table.EvolvePartitionSpec().Edit(p => p.AddField("data", Transform.Identity)).CommitAsync(_ct);
        var a = InPartition("a");
        var b = InPartition("b");
        await table.NewFastAppend().AppendFile(a).AppendFile(b).CommitAsync(_ct);
        return (table, a, b);
    }

    [Fact]
    public async Task Partition_aligned_filter_removes_the_matching_files()
    {
        var (table, _, b) = await PartitionedAsync();

        var stored = await table.NewDelete().DeleteFromRowFilter(Expr.Equal("data", Literal.Of("a"))).CommitAsync(_ct);

        Assert.Equal([b.FilePath], await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal("1", stored.CurrentSnapshot!.Summary["deleted-data-files"]);
    }

    [Fact]
    public async Task Filter_matching_some_rows_of_a_file_is_rejected()
    {
        var (table, _, _) = await PartitionedAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() => table.NewDelete().DeleteFromRowFilter(Expr.Equal("id", Literal.Of(5L))).CommitAsync(_ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(2, (await TestFiles.LiveFilesAsync(_io, await _fixture.LoadAsync())).Count);
    }

    [Fact]
    public async Task Always_true_removes_everything()
    {
        var (table, _, _) = await PartitionedAsync();

        var stored = await table.NewDelete().DeleteFromRowFilter(Expr.AlwaysTrue()).CommitAsync(_ct);

        Assert.Empty(await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal("0", stored.CurrentSnapshot!.Summary["total-records"]);
    }

    [Fact]
    public async Task Overwrite_by_filter_replaces_one_partition()
    {
        var (table, a, b) = await PartitionedAsync();
        var replacement = InPartition("a");

        var stored = await table.NewOverwrite().OverwriteByRowFilter(Expr.Equal("data", Literal.Of("a"))).AddFile(replacement).CommitAsync(_ct);

        Assert.Equal(new[] { b.FilePath, replacement.FilePath }.Order(StringComparer.Ordinal), (await TestFiles.LiveFilesAsync(_io, stored)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(a.FilePath, await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal(SnapshotOperations.Overwrite, stored.CurrentSnapshot!.Operation);
        Assert.Equal("1", stored.CurrentSnapshot.Summary["deleted-data-files"]);
        Assert.Equal("1", stored.CurrentSnapshot.Summary["added-data-files"]);
    }

    private static DataFile WithIds(long lower, long upper, int specId = 0, PartitionData? partition = null) => new()
    {
        FilePath = $"/data/{Guid.NewGuid():N}.parquet",
        Format = FileFormat.Parquet,
        RecordCount = 3,
        FileSizeInBytes = 30,
        SpecId = specId,
        Partition = partition ?? PartitionData.Empty,
        ValueCounts = new Dictionary<int, long> { [1] = 3 },
        NullValueCounts = new Dictionary<int, long> { [1] = 0 },
        LowerBounds = new Dictionary<int, byte[]> { [1] = SingleValueBinary.ToBytes(Literal.Of(lower)) },
        UpperBounds = new Dictionary<int, byte[]> { [1] = SingleValueBinary.ToBytes(Literal.Of(upper)) },
    };

    [Fact]
    public async Task Unpartitioned_table_drops_files_whose_bounds_all_match()
    {
        var table = await _fixture.CreateAsync();
        var low = WithIds(0, 99);
        var high = WithIds(100, 500);
        await table.NewFastAppend().AppendFile(low).AppendFile(high).CommitAsync(_ct);

        var stored = await table.NewDelete().DeleteFromRowFilter(Expr.LessThan("id", Literal.Of(100L))).CommitAsync(_ct);

        Assert.Equal([high.FilePath], await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal("1", stored.CurrentSnapshot!.Summary["deleted-data-files"]);
    }

    [Fact]
    public async Task File_that_may_partly_match_by_its_bounds_fails_the_delete_with_its_path()
    {
        var table = await _fixture.CreateAsync();
        var low = WithIds(0, 50);
        var straddling = WithIds(50, 150);
        await table.NewFastAppend().AppendFile(low).AppendFile(straddling).CommitAsync(_ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => table.NewDelete().DeleteFromRowFilter(Expr.LessThan("id", Literal.Of(100L))).CommitAsync(_ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains($"Cannot delete file {straddling.FilePath} by metadata: some rows may not match", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await TestFiles.LiveFilesAsync(_io, await _fixture.LoadAsync())).Count);
    }

    [Fact]
    public async Task Table_partitioned_by_another_column_uses_the_bounds_too()
    {
        var (table, a, b) = await PartitionedAsync();
        var low = WithIds(1, 9, specId: 1, partition: PartitionData.Of(Literal.Of("a")));
        await table.NewFastAppend().AppendFile(low).CommitAsync(_ct);
        var stats = await table.NewOverwrite().DeleteFile(a).DeleteFile(b).CommitAsync(_ct);
        Assert.Equal([low.FilePath], await TestFiles.LiveFilesAsync(_io, stats));

        var stored = await table.NewOverwrite().OverwriteByRowFilter(Expr.LessThan("id", Literal.Of(10L))).CommitAsync(_ct);

        Assert.Empty(await TestFiles.LiveFilesAsync(_io, stored));
        Assert.Equal("1", stored.CurrentSnapshot!.Summary["deleted-data-files"]);
    }

    [Fact]
    public async Task Files_whose_bounds_exclude_the_filter_stay_without_metrics_for_the_others()
    {
        var table = await _fixture.CreateAsync();
        var high = WithIds(200, 300);
        await table.NewFastAppend().AppendFile(high).CommitAsync(_ct);

        var stored = await table.NewDelete().DeleteFromRowFilter(Expr.LessThan("id", Literal.Of(100L))).CommitAsync(_ct);

        Assert.Equal([high.FilePath], await TestFiles.LiveFilesAsync(_io, stored));
        Assert.False(stored.CurrentSnapshot!.Summary.ContainsKey("deleted-data-files"));
    }

    [Fact]
    public async Task Delete_files_go_with_their_partition_and_stay_when_they_may_apply_elsewhere()
    {
        var (table, a, b) = await PartitionedAsync();
        DeleteFile Deletes(string partition, FileContent content, long lower, long upper) => new()
        {
            FilePath = $"/data/data={partition}/{Guid.NewGuid():N}-deletes.parquet", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 10,
            SpecId = 1, Partition = PartitionData.Of(Literal.Of(partition)), DeleteContent = content,
            EqualityIds = content == FileContent.EqualityDeletes ? [1] : null,
            ValueCounts = new Dictionary<int, long> { [1] = 1 }, NullValueCounts = new Dictionary<int, long> { [1] = 0 },
            LowerBounds = new Dictionary<int, byte[]> { [1] = SingleValueBinary.ToBytes(Literal.Of(lower)) },
            UpperBounds = new Dictionary<int, byte[]> { [1] = SingleValueBinary.ToBytes(Literal.Of(upper)) },
        };
        var inA = Deletes("a", FileContent.EqualityDeletes, 1, 1);
        var inB = Deletes("b", FileContent.EqualityDeletes, 5, 500);
        await table.NewRowDelta().AddDeletes(inA).AddDeletes(inB).CommitAsync(_ct);

        var stored = await table.NewDelete().DeleteFromRowFilter(Expr.Equal("data", Literal.Of("a"))).CommitAsync(_ct);

        Assert.Equal(new[] { b.FilePath, inB.FilePath }.Order(StringComparer.Ordinal), (await TestFiles.LiveFilesAsync(_io, stored)).Order(StringComparer.Ordinal));
        Assert.Equal("1", stored.CurrentSnapshot!.Summary["removed-delete-files"]);
        Assert.DoesNotContain(a.FilePath, await TestFiles.LiveFilesAsync(_io, stored));
    }

    [Fact]
    public async Task Delete_files_whose_bounds_all_match_go_others_stay_without_failing_the_delete()
    {
        var table = await _fixture.CreateAsync();
        var low = WithIds(0, 99);
        var high = WithIds(100, 500);
        DeleteFile EqualityDeletes(long lower, long upper)
        {
            var bounds = WithIds(lower, upper);
            return new DeleteFile
            {
                FilePath = bounds.FilePath, Format = FileFormat.Parquet, RecordCount = 2, FileSizeInBytes = 10, DeleteContent = FileContent.EqualityDeletes,
                EqualityIds = [1], ValueCounts = bounds.ValueCounts, NullValueCounts = bounds.NullValueCounts, LowerBounds = bounds.LowerBounds, UpperBounds = bounds.UpperBounds,
            };
        }

        var covered = EqualityDeletes(1, 2);
        var straddling = EqualityDeletes(50, 150);
        await table.NewFastAppend().AppendFile(low).AppendFile(high).CommitAsync(_ct);
        await table.NewRowDelta().AddDeletes(covered).AddDeletes(straddling).CommitAsync(_ct);

        var stored = await table.NewDelete().DeleteFromRowFilter(Expr.LessThan("id", Literal.Of(100L))).CommitAsync(_ct);

        Assert.Equal(new[] { high.FilePath, straddling.FilePath }.Order(StringComparer.Ordinal), (await TestFiles.LiveFilesAsync(_io, stored)).Order(StringComparer.Ordinal));
    }
}
