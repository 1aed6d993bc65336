using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Transforms;
using Floe.Core.Values;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

/// <summary>Two writers on one table: row deltas with a conflict-detection filter and rewrites keeping sequence numbers.</summary>
public sealed class ConflictDetectionTests : IDisposable
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

    private static DeleteFile PositionDeletes(DataFile target) => new()
    {
        FilePath = target.FilePath + ".pos.parquet",
        Format = FileFormat.Parquet,
        RecordCount = 1,
        FileSizeInBytes = 20,
        SpecId = target.SpecId,
        Partition = target.Partition,
        DeleteContent = FileContent.PositionDeletes,
        ReferencedDataFile = target.FilePath,
    };

    private static DeleteFile EqualityDeletes(string partition) => new()
    {
        FilePath = $"/data/data={partition}/{Guid.NewGuid():N}.eq.parquet",
        Format = FileFormat.Parquet,
        RecordCount = 1,
        FileSizeInBytes = 20,
        SpecId = 1,
        Partition = PartitionData.Of(Literal.Of(partition)),
        DeleteContent = FileContent.EqualityDeletes,
        EqualityIds = [1],
    };

    /// <summary>A table partitioned by <c>data</c> with one file in "a" and one in "b", and a second writer's handle on it.</summary>
    private async Task<(IcebergTable Writer, IcebergTable Other, DataFile A, DataFile B)> TwoWritersAsync()
    {
        var table = await _fixture.CreateAsync();
        await table.EvolvePartitionSpec().Edit(p => p.AddField("data", Transform.Identity)).CommitAsync(_ct);
        var a = InPartition("a");
        var b = InPartition("b");
        await table.NewFastAppend().AppendFile(a).AppendFile(b).CommitAsync(_ct);
        return (table, await _fixture.OpenAsync(), a, b);
    }

    [Fact]
    public async Task Concurrent_data_outside_the_filter_does_not_conflict()
    {
        var (writer, other, a, _) = await TwoWritersAsync();
        var delta = writer.NewRowDelta().AddDeletes(PositionDeletes(a))
            .ConflictDetectionFilter(Expr.Equal("data", Literal.Of("a"))).ValidateNoConflictingDataFiles();
        var added = InPartition("b");
        await other.NewFastAppend().AppendFile(added).CommitAsync(_ct);

        var stored = await delta.CommitAsync(_ct);

        Assert.Equal(3, stored.CurrentSnapshot!.SequenceNumber);
        Assert.Contains(added.FilePath, await TestFiles.LiveFilesAsync(_io, stored));
    }

    [Fact]
    public async Task Concurrent_data_matching_the_filter_conflicts()
    {
        var (writer, other, a, _) = await TwoWritersAsync();
        var delta = writer.NewRowDelta().AddDeletes(PositionDeletes(a))
            .ConflictDetectionFilter(Expr.Equal("data", Literal.Of("a"))).ValidateNoConflictingDataFiles();
        var added = InPartition("a");
        var concurrent = await other.NewFastAppend().AppendFile(added).CommitAsync(_ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => delta.CommitAsync(_ct));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Contains(added.FilePath, error.Message, StringComparison.Ordinal);
        Assert.Equal(concurrent.MetadataFileLocation, (await _fixture.LoadAsync()).MetadataFileLocation);
    }

    [Fact]
    public async Task Without_a_filter_any_concurrent_data_conflicts()
    {
        var (writer, other, a, _) = await TwoWritersAsync();
        var delta = writer.NewRowDelta().AddDeletes(PositionDeletes(a)).ValidateNoConflictingDataFiles();
        await other.NewFastAppend().AppendFile(InPartition("b")).CommitAsync(_ct);

        await Assert.ThrowsAsync<ValidationException>(() => delta.CommitAsync(_ct));
    }

    [Fact]
    public async Task Concurrent_deletes_conflict_only_when_they_match_the_filter()
    {
        var (writer, other, a, b) = await TwoWritersAsync();
        var delta = writer.NewRowDelta().AddDeletes(PositionDeletes(a))
            .ConflictDetectionFilter(Expr.Equal("data", Literal.Of("a"))).ValidateNoConflictingDeleteFiles();
        await other.NewRowDelta().AddDeletes(PositionDeletes(b)).CommitAsync(_ct);

        await delta.CommitAsync(_ct);

        var second = (await _fixture.OpenAsync()).NewRowDelta().AddDeletes(EqualityDeletes("a"))
            .ConflictDetectionFilter(Expr.Equal("data", Literal.Of("a"))).ValidateNoConflictingDeleteFiles();
        await other.NewRowDelta().AddDeletes(EqualityDeletes("a")).CommitAsync(_ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => second.CommitAsync(_ct));
        Assert.Contains("delete files", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Referenced_file_removed_by_a_concurrent_delete_conflicts_only_when_deleted_files_are_validated()
    {
        var (writer, other, a, _) = await TwoWritersAsync();
        var lenient = writer.NewRowDelta().AddDeletes(PositionDeletes(a)).ValidateDataFilesExist([a.FilePath]);
        var strict = (await _fixture.OpenAsync()).NewRowDelta().AddDeletes(PositionDeletes(a)).ValidateDataFilesExist([a.FilePath]).ValidateDeletedFiles();
        await other.NewDelete().DeleteFile(a).CommitAsync(_ct);

        await Assert.ThrowsAsync<ValidationException>(() => strict.CommitAsync(_ct));
        await lenient.CommitAsync(_ct);
    }

    [Fact]
    public async Task Referenced_file_rewritten_concurrently_conflicts()
    {
        var (writer, other, a, _) = await TwoWritersAsync();
        var delta = writer.NewRowDelta().AddDeletes(PositionDeletes(a)).ValidateDataFilesExist([a.FilePath]);
        await other.NewRewrite().DeleteFile(a).AddFile(InPartition("a")).CommitAsync(_ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => delta.CommitAsync(_ct));

        Assert.Contains(a.FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_rows_drops_the_file_and_conflicts_with_new_deletes_for_it()
    {
        var (writer, other, a, b) = await TwoWritersAsync();
        var removed = await writer.NewRowDelta().RemoveRows(b).CommitAsync(_ct);
        Assert.Equal([a.FilePath], await TestFiles.LiveFilesAsync(_io, removed));
        Assert.Equal(SnapshotOperations.Delete, removed.CurrentSnapshot!.Operation);

        await other.RefreshAsync(_ct);
        var delta = other.NewRowDelta().RemoveRows(a).ValidateNoConflictingDeleteFiles();
        await writer.NewRowDelta().AddDeletes(EqualityDeletes("a")).CommitAsync(_ct);

        await Assert.ThrowsAsync<ValidationException>(() => delta.CommitAsync(_ct));
    }

    [Fact]
    public async Task Rewrite_keeping_the_sequence_number_accepts_concurrent_equality_deletes()
    {
        var (writer, other, a, _) = await TwoWritersAsync();
        long startingSequence = writer.Metadata.LastSequenceNumber;
        var compacted = InPartition("a");
        var rewrite = writer.NewRewrite().DeleteFile(a).AddFile(compacted).DataSequenceNumber(startingSequence);
        await other.NewRowDelta().AddDeletes(EqualityDeletes("a")).CommitAsync(_ct);

        var stored = await rewrite.CommitAsync(_ct);

        var entry = await EntryAsync(stored, compacted.FilePath);
        Assert.Equal(startingSequence, entry.DataSequenceNumber);
        Assert.Equal(stored.CurrentSnapshot!.SequenceNumber, entry.FileSequenceNumber);
    }

    [Fact]
    public async Task Rewrite_without_keeping_the_sequence_number_conflicts_with_concurrent_equality_deletes()
    {
        var (writer, other, a, _) = await TwoWritersAsync();
        var rewrite = writer.NewRewrite().DeleteFile(a).AddFile(InPartition("a"));
        await other.NewRowDelta().AddDeletes(EqualityDeletes("a")).CommitAsync(_ct);

        await Assert.ThrowsAsync<ValidationException>(() => rewrite.CommitAsync(_ct));
    }

    [Fact]
    public async Task Rewrite_keeping_the_sequence_number_still_conflicts_with_position_deletes_of_a_replaced_file()
    {
        var (writer, other, a, b) = await TwoWritersAsync();
        var rewrite = writer.NewRewrite().DeleteFile(a).AddFile(InPartition("a")).DataSequenceNumber(writer.Metadata.LastSequenceNumber);
        await other.NewRowDelta().AddDeletes(PositionDeletes(b)).CommitAsync(_ct);
        await other.NewRowDelta().AddDeletes(PositionDeletes(a)).CommitAsync(_ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => rewrite.CommitAsync(_ct));

        Assert.Contains(PositionDeletes(a).FilePath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewrite_sequence_number_must_not_be_below_a_replaced_file_or_above_the_table()
    {
        var (writer, _, a, _) = await TwoWritersAsync();
        var late = InPartition("a");
        await writer.NewFastAppend().AppendFile(late).CommitAsync(_ct);

        Assert.Throws<FloeException>(() => writer.NewRewrite().DataSequenceNumber(writer.Metadata.LastSequenceNumber + 1));
        var error = await Assert.ThrowsAsync<FloeException>(() =>
            writer.NewRewrite().DeleteFile(a).DeleteFile(late).AddFile(InPartition("a")).DataSequenceNumber(1).CommitAsync(_ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    private async Task<ManifestEntry> EntryAsync(TableMetadata metadata, string path)
    {
        foreach (var manifest in await TestFiles.ManifestListAsync(_io, metadata.CurrentSnapshot!.ManifestList!))
        {
            if ((await TestFiles.EntriesAsync(_io, manifest)).FirstOrDefault(e => e.File.FilePath == path) is { } entry)
            {
                return entry;
            }
        }

        throw new InvalidOperationException($"{path} is not in the snapshot.");
    }
}
