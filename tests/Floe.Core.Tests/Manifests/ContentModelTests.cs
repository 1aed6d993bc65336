using Floe.Common.Errors;
using Floe.Core.Manifests;

namespace Floe.Core.Tests.Manifests;

public sealed class ContentModelTests
{
    [Theory]
    [InlineData("PARQUET", FileFormat.Parquet)]
    [InlineData("parquet", FileFormat.Parquet)]
    [InlineData("Avro", FileFormat.Avro)]
    [InlineData("orc", FileFormat.Orc)]
    [InlineData("PUFFIN", FileFormat.Puffin)]
    public void FileFormat_ParsesIgnoringCase(string name, FileFormat expected)
    {
        Assert.Equal(expected, FileFormats.Parse(name));
    }

    [Fact]
    public void FileFormat_NameIsUpperCaseAndRoundTrips()
    {
        foreach (FileFormat format in Enum.GetValues<FileFormat>())
        {
            string name = FileFormats.ToName(format);
            Assert.Equal(name.ToUpperInvariant(), name);
            Assert.Equal(format, FileFormats.Parse(name));
        }
    }

    [Fact]
    public void FileFormat_UnknownName_Throws()
    {
        var error = Assert.Throws<FloeException>(() => FileFormats.Parse("csv"));
        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains("csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileFormat_FromFileName_UsesExtension()
    {
        Assert.Equal(FileFormat.Parquet, FileFormats.FromFileName("s3://b/t/data/a.b/00000-1.parquet"));
        Assert.Equal(FileFormat.Avro, FileFormats.FromFileName("x.AVRO"));
        Assert.Throws<FloeException>(() => FileFormats.FromFileName("s3://b/t.parquet/data"));
    }

    [Fact]
    public void DataFile_HasDataContent()
    {
        var file = new DataFile { FilePath = "a.parquet", Format = FileFormat.Parquet, RecordCount = 3, FileSizeInBytes = 10 };
        Assert.Equal(FileContent.Data, file.Content);
        Assert.Equal(0, file.Partition.Size);
        Assert.Equal(-1, file.Position);
    }

    [Fact]
    public void DeleteFile_DefaultsToPositionDeletes_AndRefusesData()
    {
        var positions = new DeleteFile { FilePath = "d.parquet", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 10 };
        var equality = new DeleteFile
        {
            FilePath = "e.parquet", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 10,
            DeleteContent = FileContent.EqualityDeletes, EqualityIds = [1, 2],
        };

        Assert.Equal(FileContent.PositionDeletes, positions.Content);
        Assert.Equal(FileContent.EqualityDeletes, equality.Content);
        Assert.Throws<FloeException>(() => new DeleteFile
        {
            FilePath = "x", Format = FileFormat.Parquet, RecordCount = 1, FileSizeInBytes = 1, DeleteContent = FileContent.Data,
        });
    }

    [Fact]
    public void ManifestEntry_Factories_SetStatusAndIds()
    {
        var file = new DataFile { FilePath = "a.parquet", Format = FileFormat.Parquet, RecordCount = 3, FileSizeInBytes = 10 };

        ManifestEntry added = ManifestEntry.Added(file, 7);
        ManifestEntry existing = ManifestEntry.Existing(file, 5, 2, 3);
        ManifestEntry deleted = ManifestEntry.Deleted(file, 9, 2, 3);

        Assert.Equal(EntryStatus.Added, added.Status);
        Assert.Null(added.DataSequenceNumber);
        Assert.Null(added.FileSequenceNumber);
        Assert.True(added.IsLive);
        Assert.Equal((EntryStatus.Existing, 5L, 2L, 3L), (existing.Status, existing.SnapshotId!.Value, existing.DataSequenceNumber!.Value, existing.FileSequenceNumber!.Value));
        Assert.False(deleted.IsLive);
        Assert.Equal(9, deleted.SnapshotId);
    }

    [Fact]
    public void ManifestFile_NullCountsMeanSome()
    {
        var unknown = new ManifestFile { Path = "m.avro", Length = 1, PartitionSpecId = 0, AddedSnapshotId = 1 };
        var none = new ManifestFile
        {
            Path = "m.avro", Length = 1, PartitionSpecId = 0, AddedSnapshotId = 1,
            AddedFilesCount = 0, ExistingFilesCount = 0, DeletedFilesCount = 0,
        };

        Assert.True(unknown.HasAddedFiles && unknown.HasExistingFiles && unknown.HasDeletedFiles);
        Assert.False(none.HasAddedFiles || none.HasExistingFiles || none.HasDeletedFiles);
    }
}
