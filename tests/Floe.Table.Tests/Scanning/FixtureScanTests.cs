using Floe.Core.Expressions;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

public sealed class FixtureScanTests
{
    [Theory]
    [InlineData("spark/bunnies", "v1.metadata.json", 21)]
    [InlineData("spark/bunnies", "v3.metadata.json", 20)]
    [InlineData("spark/bunnies", "v5.metadata.json", 20)]
    [InlineData("java/bunnies", "v2.metadata.json", 21)]
    [InlineData("java/bunnies", "v3.metadata.json", 21)]
    [InlineData("java/bunnies", "v4.metadata.json", 15)]
    [InlineData("java/bunnies", "v5.metadata.json", 15)]
    public async Task Row_counts_match_what_the_writing_engine_reports(string table, string metadataFile, int expectedRows)
    {
        List<object?[]> rows = await ScanFixtures.RowsAsync(ScanFixtures.Scan(table, metadataFile));

        Assert.Equal(expectedRows, rows.Count);
    }

    [Fact]
    public async Task Spark_position_delete_removes_the_first_row()
    {
        List<object?[]> before = await ScanFixtures.RowsAsync(ScanFixtures.Scan("spark/bunnies", "v1.metadata.json").Select("Breed Name", "Popularity Rank"));
        List<object?[]> after = await ScanFixtures.RowsAsync(ScanFixtures.Scan("spark/bunnies", "v3.metadata.json").Select("Breed Name", "Popularity Rank"));

        Assert.Equal("Holland Lop", before[0][0]);
        Assert.Equal("Netherland Dwarf", after[0][0]);
        Assert.Equal(2L, Convert.ToInt64(after[0][1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(after, r => (string?)r[0] == "Holland Lop");
        Assert.Equal(before.Skip(1).Select(r => r[0]), after.Select(r => r[0]));
    }

    [Fact]
    public async Task Spark_position_delete_task_carries_the_delete_file()
    {
        IReadOnlyList<FileScanTask> tasks = await ScanFixtures.Scan("spark/bunnies", "v3.metadata.json").PlanFilesAsync(TestContext.Current.CancellationToken);

        FileScanTask task = Assert.Single(tasks);
        Assert.Contains(task.Deletes, d => d.Content == Core.Manifests.FileContent.PositionDeletes);
    }

    [Fact]
    public async Task Time_travel_reads_earlier_snapshots_with_their_schema()
    {
        TableMetadata metadata = ScanFixtures.Metadata("spark/bunnies", "v5.metadata.json");
        Snapshot first = metadata.Snapshots.OrderBy(s => s.SequenceNumber).First();
        var scan = new TableScan(metadata, ScanFixtures.FileIO);

        List<object?[]> byId = await ScanFixtures.RowsAsync(scan.UseSnapshot(first.SnapshotId));
        List<object?[]> byTime = await ScanFixtures.RowsAsync(scan.AsOfTime(first.TimestampMs + 1));
        List<object?[]> current = await ScanFixtures.RowsAsync(scan);

        Assert.Equal(21, byId.Count);
        Assert.Equal(21, byTime.Count);
        Assert.Equal(20, current.Count);
        Assert.True(current[0].Length > byId[0].Length, "the current schema has the added column");
        Assert.Equal(metadata.SchemaById(first.SchemaId!.Value)!.Columns.Count, byId[0].Length);
    }

    [Fact]
    public async Task Time_travel_before_the_first_snapshot_fails_clearly()
    {
        TableMetadata metadata = ScanFixtures.Metadata("spark/bunnies", "v5.metadata.json");
        var scan = new TableScan(metadata, ScanFixtures.FileIO).AsOfTime(metadata.SnapshotLog[0].TimestampMs - 1);

        var error = await Assert.ThrowsAsync<Common.Errors.FloeException>(() => scan.PlanFilesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Common.Errors.FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Java_equality_delete_replaces_the_updated_row()
    {
        List<object?[]> v4 = await ScanFixtures.RowsAsync(ScanFixtures.Scan("java/bunnies", "v4.metadata.json"));
        List<object?[]> v5 = await ScanFixtures.RowsAsync(ScanFixtures.Scan("java/bunnies", "v5.metadata.json"));
        IReadOnlyList<FileScanTask> tasks = await ScanFixtures.Scan("java/bunnies", "v5.metadata.json").PlanFilesAsync(TestContext.Current.CancellationToken);

        Assert.Contains(tasks, t => t.Deletes.Any(d => d.Content == Core.Manifests.FileContent.EqualityDeletes));
        Assert.Equal(v4.Count, v5.Count);
        Assert.NotEqual(
            v4.Select(r => string.Join("|", r)).Order(),
            v5.Select(r => string.Join("|", r)).Order());
    }

    [Fact]
    public async Task Filters_on_a_fixture_match_filtering_every_row()
    {
        TableScan scan = ScanFixtures.Scan("spark/bunnies", "v5.metadata.json");
        List<object?[]> all = await ScanFixtures.RowsAsync(scan.Select("Breed Name", "Lifespan"));

        List<object?[]> filtered = await ScanFixtures.RowsAsync(
            scan.Select("Breed Name").Where(Expr.GreaterThanOrEqual("Lifespan", Literal.Of(10))));

        string?[] expected = [.. all.Where(r => r[1] is not null && Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture) >= 10).Select(r => (string?)r[0])];
        Assert.NotEmpty(expected);
        Assert.True(expected.Length < all.Count);
        Assert.Equal(expected, filtered.Select(r => (string?)r[0]));
        Assert.All(filtered, r => Assert.Single(r));
    }

    [Fact]
    public async Task Partition_filters_prune_files_of_a_partitioned_table()
    {
        TableMetadata metadata = ScanFixtures.Metadata("spark/rename_column", "v2.metadata.json");
        var scan = new TableScan(metadata, ScanFixtures.FileIO);
        IReadOnlyList<FileScanTask> allTasks = await scan.PlanFilesAsync(TestContext.Current.CancellationToken);
        List<object?[]> all = await ScanFixtures.RowsAsync(scan);
        int idIndex = scan.Projection.Columns.ToList().FindIndex(c => c.Name == "id");
        object? someId = all.First(r => r[idIndex] is not null)[idIndex];

        TableScan filtered = scan.Where(Expr.Equal("id", Literal.Of((int)someId!)));
        IReadOnlyList<FileScanTask> tasks = await filtered.PlanFilesAsync(TestContext.Current.CancellationToken);
        List<object?[]> rows = await ScanFixtures.RowsAsync(filtered);

        Assert.True(allTasks.Count > 1);
        Assert.True(tasks.Count < allTasks.Count, "the bucket and metrics filters drop files");
        Assert.Equal(all.Count(r => Equals(r[idIndex], someId)), rows.Count);
        Assert.All(rows, r => Assert.Equal(someId, r[idIndex]));
    }
}
