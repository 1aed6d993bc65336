using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Core.Values;
using Floe.Parquet.Reading;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

/// <summary>
/// The process-wide scan caches: what a cached read returns is what an uncached read returns, and an entry is never
/// served for a file whose path or length differs from the one it was made from.
/// </summary>
public sealed class ScanCacheTests
{
    private static readonly TestRow[] s_rowsA = [.. Enumerable.Range(0, 6).Select(i => new TestRow(i, "a", i * 1.5, $"n{i}"))];
    private static readonly TestRow[] s_rowsB = [.. Enumerable.Range(100, 9).Select(i => new TestRow(i, "a", i * 2.5, $"other-{i}"))];

    [Fact]
    public async Task Planning_from_cached_manifests_gives_the_tasks_that_decoding_them_gives()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        DataFile first = await table.WriteDataAsync(s_rowsA);
        await table.AppendAsync(first, await table.WriteDataAsync(new TestRow(50, "b", 1, null)));
        await table.RowDeltaAsync([await table.WriteDataAsync(s_rowsB)], [await table.WritePositionDeletesAsync("a", (first, 1))]);
        var ct = TestContext.Current.CancellationToken;

        string cachedPlan = Describe(await table.Table.NewScan().Where(Expr.GreaterThan("id", Literal.Of(2L))).PlanFilesAsync(ct));
        string againPlan = Describe(await table.Table.NewScan().Where(Expr.GreaterThan("id", Literal.Of(2L))).PlanFilesAsync(ct));
        foreach (ManifestFile manifest in await ManifestListOf(table))
        {
            Assert.True(ScanCaches.Manifests.TryGet(ManifestKey.Of(manifest), out ManifestEntry[] entries));
            Assert.NotEmpty(entries);
        }

        await table.Table.UpdateProperties().Set(IcebergReadProperties.ManifestCacheEnabled.Key, "false").CommitAsync(ct);
        string uncachedPlan = Describe(await table.Table.NewScan().Where(Expr.GreaterThan("id", Literal.Of(2L))).PlanFilesAsync(ct));

        Assert.Equal(uncachedPlan, cachedPlan);
        Assert.Equal(uncachedPlan, againPlan);
        Assert.Contains("deletes=1", cachedPlan);
    }

    [Fact]
    public async Task A_manifest_listed_with_another_length_or_sequence_number_is_not_served_from_the_cache()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA));
        await table.Table.NewScan().PlanFilesAsync(TestContext.Current.CancellationToken);
        ManifestFile manifest = (await ManifestListOf(table)).Single();

        Assert.True(ScanCaches.Manifests.TryGet(ManifestKey.Of(manifest), out _));
        Assert.False(ScanCaches.Manifests.TryGet(ManifestKey.Of(manifest) with { Length = manifest.Length + 1 }, out _));
        Assert.False(ScanCaches.Manifests.TryGet(ManifestKey.Of(manifest) with { SequenceNumber = manifest.SequenceNumber + 1 }, out _));
    }

    [Fact]
    public async Task A_footer_is_cached_by_path_and_length_and_a_file_rewritten_at_the_same_path_is_read_afresh()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        DataFile original = await table.WriteDataAsync(s_rowsA);
        var reader = new FileScanTaskReader(table.Table.Operations.Io);
        Assert.Equal(s_rowsA, await ReadAsync(reader, table, original));
        Assert.Equal(s_rowsA, await ReadAsync(reader, table, original));
        Assert.True(ScanCaches.Footers.TryGet(new FileKey(original.FilePath, original.FileSizeInBytes), out ParquetFooter footer));
        Assert.Equal(s_rowsA.Length, footer.Metadata.NumRows);

        DataFile rewritten = await Overwrite(table, original, s_rowsB);
        Assert.NotEqual(original.FileSizeInBytes, rewritten.FileSizeInBytes);

        // Listed with its new length, and listed (wrongly) with the old one: the old footer is never used for it.
        Assert.Equal(s_rowsB, await ReadAsync(reader, table, rewritten));
        Assert.Equal(s_rowsB, await ReadAsync(reader, table, original));
    }

    [Fact]
    public async Task Decoded_files_give_the_rows_an_uncached_read_gives_with_deletes_filter_and_projection()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        DataFile file = await table.WriteDataAsync(s_rowsB);
        await table.AppendAsync(file);
        await table.RowDeltaAsync([], [await table.WritePositionDeletesAsync("a", (file, 0), (file, 4))]);
        var ct = TestContext.Current.CancellationToken;
        FileScanTask task = (await table.Table.NewScan().Where(Expr.GreaterThan("value", Literal.Of(255.0))).Select("id", "note").PlanFilesAsync(ct)).Single();

        var plain = new FileScanTaskReader(table.Table.Operations.Io);
        var cached = new FileScanTaskReader(table.Table.Operations.Io, cacheDecodedFiles: true);
        List<object?[]> expected = await RowsAsync(plain, task);
        List<object?[]> first = await RowsAsync(cached, task);
        List<object?[]> second = await RowsAsync(cached, task);

        Assert.Equal([103L, 105L, 106L, 107L, 108L], expected.Select(r => (long)r[0]!));
        Assert.Equal(expected, first);
        Assert.Equal(expected, second);
        Assert.True(DecodedEntryExists(file));
    }

    [Fact]
    public async Task Position_delete_files_are_kept_across_readers_and_apply_as_when_read_afresh()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        DataFile file = await table.WriteDataAsync(s_rowsB);
        await table.AppendAsync(file);
        DeleteFile deletes = await table.WritePositionDeletesAsync("a", (file, 5), (file, 1), (file, 3));
        await table.RowDeltaAsync([], [deletes]);
        var ct = TestContext.Current.CancellationToken;
        FileScanTask task = (await table.Table.NewScan().Select("id").PlanFilesAsync(ct)).Single();

        List<object?[]> first = await RowsAsync(new FileScanTaskReader(table.Table.Operations.Io), task);
        Assert.True(ScanCaches.PositionDeletes.TryGet(new FileKey(deletes.FilePath, deletes.FileSizeInBytes), out PositionDeletes? kept));
        Assert.Equal([1L, 3L, 5L], kept!.ByDataFile[file.FilePath]);
        List<object?[]> second = await RowsAsync(new FileScanTaskReader(table.Table.Operations.Io), task);

        Assert.Equal([100L, 102L, 104L, 106L, 107L, 108L], first.Select(r => (long)r[0]!));
        Assert.Equal(first, second);
        Assert.False(ScanCaches.PositionDeletes.TryGet(new FileKey(deletes.FilePath, deletes.FileSizeInBytes + 1), out _));
    }

    [Fact]
    public async Task A_decoded_file_is_never_served_for_a_file_rewritten_at_the_same_path()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        DataFile original = await table.WriteDataAsync(s_rowsA);
        var reader = new FileScanTaskReader(table.Table.Operations.Io, cacheDecodedFiles: true);
        Assert.Equal(s_rowsA, await ReadAsync(reader, table, original));
        Assert.True(DecodedEntryExists(original));

        DataFile rewritten = await Overwrite(table, original, s_rowsB);

        Assert.Equal(s_rowsB, await ReadAsync(reader, table, rewritten));
        Assert.True(DecodedEntryExists(rewritten));
    }

    [Fact]
    public async Task Files_larger_than_the_decoded_entry_bound_are_read_without_caching()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        DataFile file = await table.WriteDataAsync(s_rowsB);
        var reader = new FileScanTaskReader(table.Table.Operations.Io, cacheDecodedFiles: true);
        long bound = ScanCaches.DecodedFiles.MaxEntryBytes;
        ScanCaches.DecodedFiles.MaxEntryBytes = file.FileSizeInBytes - 1;
        try
        {
            Assert.Equal(s_rowsB, await ReadAsync(reader, table, file));
            Assert.False(DecodedEntryExists(file));
        }
        finally
        {
            ScanCaches.DecodedFiles.MaxEntryBytes = bound;
        }

        Assert.True(ScanCaches.DecodedFiles.Bytes <= ScanCaches.DecodedFiles.MaxBytes);
        Assert.True(ScanCaches.Footers.Bytes <= ScanCaches.Footers.MaxBytes);
        Assert.True(ScanCaches.Manifests.Bytes <= ScanCaches.Manifests.MaxBytes);
    }

    private static bool DecodedEntryExists(DataFile file) =>
        ScanCaches.DecodedFiles.TryGet(new DecodedFileKey(file.FilePath, file.FileSizeInBytes, string.Join('|', ScanTestTable.Schema.Columns)), out _)
        || ScanCaches.DecodedFiles.TryGet(new DecodedFileKey(file.FilePath, file.FileSizeInBytes, string.Join('|', Core.Schemas.SchemaProjection.Project(ScanTestTable.Schema, [1, 3, 4]).Columns)), out _);

    /// <summary>Writes <paramref name="rows"/> over <paramref name="file"/>'s path and returns the file as listed with its new length.</summary>
    private static async Task<DataFile> Overwrite(ScanTestTable table, DataFile file, TestRow[] rows)
    {
        DataFile other = await table.WriteDataAsync(rows);
        File.Copy(other.FilePath, file.FilePath, overwrite: true);
        return new DataFile
        {
            FilePath = file.FilePath,
            Format = FileFormat.Parquet,
            RecordCount = rows.Length,
            FileSizeInBytes = new FileInfo(file.FilePath).Length,
            Partition = file.Partition,
            SpecId = file.SpecId,
        };
    }

    private static async Task<List<TestRow>> ReadAsync(FileScanTaskReader reader, ScanTestTable table, DataFile file)
    {
        var task = new FileScanTask(file, 0, [], table.Spec, ScanTestTable.Schema, ScanTestTable.Schema, Expression.True);
        return [.. (await RowsAsync(reader, task)).Select(TestRow.FromValues)];
    }

    private static async Task<List<object?[]>> RowsAsync(FileScanTaskReader reader, FileScanTask task)
    {
        var rows = new List<object?[]>();
        await foreach (ColumnBatch batch in reader.ReadAsync(task, TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                rows.AddRange(ScanFixtures.RowsOf(batch));
            }
        }

        return rows;
    }

    private static async Task<List<ManifestFile>> ManifestListOf(ScanTestTable table) =>
        await ManifestListReader.ReadAllAsync(
            table.Table.Operations.Io.NewInputFile(table.Table.CurrentSnapshot!.ManifestList!), TestContext.Current.CancellationToken);

    private static string Describe(IReadOnlyList<FileScanTask> tasks) => string.Join('\n', tasks
        .Select(t => $"{t.File.FilePath} seq={t.DataSequenceNumber} rows={t.File.RecordCount} deletes={t.Deletes.Count} residual={t.Residual}")
        .Order(StringComparer.Ordinal));
}
