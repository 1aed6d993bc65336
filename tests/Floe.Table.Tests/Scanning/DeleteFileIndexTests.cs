using System.Text;
using Floe.Core.Manifests;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

public sealed class DeleteFileIndexTests
{
    private const int Partitioned = 1;
    private const int Unpartitioned = 0;

    private static readonly PartitionData s_a = PartitionData.Of(Literal.Of("a"));
    private static readonly PartitionData s_b = PartitionData.Of(Literal.Of("b"));

    [Fact]
    public void Position_deletes_apply_at_equal_or_higher_sequence_numbers_in_the_same_partition()
    {
        DeleteFile delete = Delete(FileContent.PositionDeletes, Partitioned, s_a);
        DeleteFileIndex index = Build((5, delete));

        Assert.Same(delete, Assert.Single(index.ForDataFile(5, Data("f1", Partitioned, s_a))));
        Assert.Single(index.ForDataFile(4, Data("f1", Partitioned, s_a)));
        Assert.Empty(index.ForDataFile(6, Data("f1", Partitioned, s_a)));
        Assert.Empty(index.ForDataFile(1, Data("f1", Partitioned, s_b)));
        Assert.Empty(index.ForDataFile(1, Data("f1", 2, s_a)));
    }

    [Fact]
    public void Equality_deletes_apply_only_at_strictly_higher_sequence_numbers()
    {
        DeleteFile delete = Delete(FileContent.EqualityDeletes, Partitioned, s_a);
        DeleteFileIndex index = Build((5, delete));

        Assert.Empty(index.ForDataFile(5, Data("f1", Partitioned, s_a)));
        Assert.Single(index.ForDataFile(4, Data("f1", Partitioned, s_a)));
        Assert.Empty(index.ForDataFile(4, Data("f1", Partitioned, s_b)));
    }

    [Fact]
    public void Equality_deletes_of_an_unpartitioned_spec_are_global()
    {
        DeleteFile global = Delete(FileContent.EqualityDeletes, Unpartitioned, PartitionData.Empty);
        DeleteFile position = Delete(FileContent.PositionDeletes, Unpartitioned, PartitionData.Empty);
        DeleteFileIndex index = Build((5, global), (5, position));

        Assert.Equal([global], index.ForDataFile(3, Data("f1", Partitioned, s_b)));
        Assert.Equal([global, position], index.ForDataFile(3, Data("f2", Unpartitioned, PartitionData.Empty)));
        Assert.Equal([position], index.ForDataFile(5, Data("f2", Unpartitioned, PartitionData.Empty)));
    }

    [Fact]
    public void Position_deletes_that_target_one_file_apply_only_to_it()
    {
        DeleteFile referenced = Delete(FileContent.PositionDeletes, Partitioned, s_a, referencedDataFile: "f1");
        byte[] path = Encoding.UTF8.GetBytes("f2");
        DeleteFile bounded = Delete(FileContent.PositionDeletes, Partitioned, s_a, pathBounds: (path, path));
        byte[] low = Encoding.UTF8.GetBytes("f1");
        DeleteFile ranged = Delete(FileContent.PositionDeletes, Partitioned, s_a, pathBounds: (low, path));
        DeleteFileIndex index = Build((5, referenced), (5, bounded), (5, ranged));

        Assert.Equal([ranged, referenced], index.ForDataFile(1, Data("f1", Partitioned, s_a)));
        Assert.Equal([ranged, bounded], index.ForDataFile(1, Data("f2", Partitioned, s_a)));
        Assert.Equal([ranged], index.ForDataFile(1, Data("f3", Partitioned, s_a)));
        Assert.Empty(index.ForDataFile(1, Data("f1", Partitioned, s_b)));
        Assert.Equal(3, index.Count);
    }

    [Fact]
    public void Removed_delete_files_are_not_indexed()
    {
        DeleteFile delete = Delete(FileContent.PositionDeletes, Partitioned, s_a);
        DeleteFileIndex index = DeleteFileIndex.Build([ManifestEntry.Deleted(delete, 9, 5, 5)], IsUnpartitioned);

        Assert.True(index.IsEmpty);
        Assert.Empty(index.ForDataFile(1, Data("f1", Partitioned, s_a)));
    }

    [Fact]
    public void Deletes_appended_to_a_reused_list_are_those_returned_for_each_file()
    {
        DeleteFile referenced = Delete(FileContent.PositionDeletes, Partitioned, s_a, referencedDataFile: "f1");
        DeleteFile position = Delete(FileContent.PositionDeletes, Partitioned, s_a);
        DeleteFile equality = Delete(FileContent.EqualityDeletes, Partitioned, s_b);
        DeleteFile global = Delete(FileContent.EqualityDeletes, Unpartitioned, PartitionData.Empty);
        DeleteFileIndex index = Build((5, referenced), (5, position), (6, equality), (7, global));
        var reused = new List<DeleteFile>();

        foreach ((long sequence, DataFile file) in new[] { (1L, Data("f1", Partitioned, s_a)), (6L, Data("f2", Partitioned, s_a)), (5L, Data("f3", Partitioned, s_b)), (9L, Data("f4", Partitioned, s_b)) })
        {
            reused.Clear();
            index.AddForDataFile(sequence, file, reused);
            Assert.Equal(index.ForDataFile(sequence, file), reused);
        }

        reused.Clear();
        index.AddForDataFile(1, Data("f1", Partitioned, s_a), reused);
        Assert.Equal([global, position, referenced], reused);
        reused.Clear();
        index.AddForDataFile(9, Data("f4", Partitioned, s_b), reused);
        Assert.Empty(reused);
    }

    private static bool IsUnpartitioned(int specId) => specId == Unpartitioned;

    private static DeleteFileIndex Build(params (long Sequence, DeleteFile File)[] deletes) =>
        DeleteFileIndex.Build(deletes.Select(d => ManifestEntry.Existing(d.File, 1, d.Sequence, d.Sequence)), IsUnpartitioned);

    private static DataFile Data(string path, int specId, PartitionData partition) => new()
    {
        FilePath = path, Format = FileFormat.Parquet, SpecId = specId, Partition = partition, RecordCount = 10, FileSizeInBytes = 100,
    };

    private static DeleteFile Delete(
        FileContent content, int specId, PartitionData partition, string? referencedDataFile = null, (byte[] Lower, byte[] Upper)? pathBounds = null)
    {
        int pathId = MetadataColumns.DeleteFilePath.Id;
        return new DeleteFile
        {
            DeleteContent = content,
            FilePath = $"delete-{Guid.NewGuid():N}",
            Format = FileFormat.Parquet,
            SpecId = specId,
            Partition = partition,
            RecordCount = 1,
            FileSizeInBytes = 10,
            EqualityIds = content == FileContent.EqualityDeletes ? [1] : null,
            ReferencedDataFile = referencedDataFile,
            LowerBounds = pathBounds is { } b ? new Dictionary<int, byte[]> { [pathId] = b.Lower } : null,
            UpperBounds = pathBounds is { } u ? new Dictionary<int, byte[]> { [pathId] = u.Upper } : null,
        };
    }
}
