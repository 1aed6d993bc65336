using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

/// <summary>
/// Every file a commit writes can fail: for each operation, fail its 1st, 2nd, ... file creation until it needs no
/// more. After each failure the table must be at its previous version, fully readable, with no file left behind.
/// </summary>
public sealed class FaultInjectionTests : IDisposable
{
    private readonly TableFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly LocalFileIO _io = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string> Operations => ["append", "merging-append", "delete", "overwrite", "row-delta", "rewrite"];

    private static SnapshotProducer Build(string operation, IcebergTable table, DataFile existing) => operation switch
    {
        "append" => table.NewFastAppend().AppendFile(TestFiles.Data()),
        "merging-append" => table.NewAppend().AppendFile(TestFiles.Data()),
        "delete" => table.NewDelete().DeleteFile(existing.FilePath),
        "overwrite" => table.NewOverwrite().DeleteFile(existing).AddFile(TestFiles.Data()),
        "row-delta" => table.NewRowDelta().AddRows(TestFiles.Data()).AddDeletes(new DeleteFile
        {
            FilePath = existing.FilePath + ".deletes.parquet",
            Format = FileFormat.Parquet,
            RecordCount = 1,
            FileSizeInBytes = 10,
            ReferencedDataFile = existing.FilePath,
        }),
        "rewrite" => table.NewRewrite().DeleteFile(existing).AddFile(TestFiles.Data()),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Failure_at_any_write_leaves_the_table_unchanged(string operation)
    {
        var table = await _fixture.CreateAsync(new Dictionary<string, string>(TableFixture.FastRetries) { [ManifestProperties.MinCountToMerge.Key] = "2" });
        var existing = TestFiles.Data();
        await table.NewFastAppend().AppendFile(existing).CommitAsync(_ct);
        var before = await table.NewFastAppend().AppendFile(TestFiles.Data()).CommitAsync(_ct);
        var liveBefore = (await TestFiles.LiveFilesAsync(_io, before)).Order(StringComparer.Ordinal).ToList();
        var filesBefore = TestFiles.MetadataFilesOtherThanVersions(before);

        int failures = 0;
        for (int failAt = 1; ; failAt++)
        {
            var faulty = new IcebergTable("faulty", new RedirectedOperations(table.Operations, new FailingFileIO(_io, failAt)));
            try
            {
                await Build(operation, faulty, existing).CommitAsync(_ct);
            }
            catch (IOException)
            {
                failures++;
                var after = await _fixture.LoadAsync();
                Assert.Equal(before.MetadataFileLocation, after.MetadataFileLocation);
                Assert.Equal(liveBefore, (await TestFiles.LiveFilesAsync(_io, after)).Order(StringComparer.Ordinal));
                Assert.Equal(filesBefore, TestFiles.MetadataFilesOtherThanVersions(after));
                continue;
            }

            break;
        }

        Assert.True(failures >= 2, $"{operation} wrote only {failures} files");
        var committed = await _fixture.LoadAsync();
        Assert.NotEqual(before.MetadataFileLocation, committed.MetadataFileLocation);
    }
}
