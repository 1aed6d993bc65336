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
    public void File_format_parses_ignoring_case(string name, FileFormat expected)
    {
        Assert.Equal(expected, FileFormats.Parse(name));
        Assert.True(FileFormats.TryParse(System.Text.Encoding.UTF8.GetBytes(name), out FileFormat fromBytes));
        Assert.Equal(expected, fromBytes);
    }

    [Fact]
    public void File_format_name_is_upper_case_and_round_trips()
    {
        foreach (FileFormat format in Enum.GetValues<FileFormat>())
        {
            string name = FileFormats.ToName(format);
            Assert.Equal(name.ToUpperInvariant(), name);
            Assert.Equal(format, FileFormats.Parse(name));
        }
    }

    [Fact]
    public void File_format_unknown_name_throws()
    {
        var error = Assert.Throws<FloeException>(() => FileFormats.Parse("csv"));
        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains("csv", error.Message, StringComparison.Ordinal);
        Assert.False(FileFormats.TryParse("csv"u8, out _));
        Assert.False(FileFormats.TryParse("parquez"u8, out _));
        Assert.False(FileFormats.TryParse(""u8, out _));
    }

    [Fact]
    public void File_format_from_file_name_uses_extension()
    {
        Assert.Equal(FileFormat.Parquet, FileFormats.FromFileName("s3://b/t/data/a.b/00000-1.parquet"));
        Assert.Equal(FileFormat.Avro, FileFormats.FromFileName("x.AVRO"));
        Assert.Throws<FloeException>(() => FileFormats.FromFileName("s3://b/t.parquet/data"));
    }

    [Fact]
    public void Data_file_has_data_content()
    {
        var file = new DataFile { FilePath = "a.parquet", Format = FileFormat.Parquet, RecordCount = 3, FileSizeInBytes = 10 };
        Assert.Equal(FileContent.Data, file.Content);
        Assert.Equal(0, file.Partition.Size);
        Assert.Equal(-1, file.Position);
    }

    [Fact]
    public void Delete_file_defaults_to_position_deletes_and_refuses_data()
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
    public void Manifest_entry_factories_set_status_and_ids()
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
    public void Manifest_file_null_counts_mean_some()
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
