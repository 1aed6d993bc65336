using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Parquet.Writing;
using Floe.Table.Scanning;
using Floe.Table.Scanning.Planning;

namespace Floe.Table.Tests.Scanning;

public sealed class ScanSplitTests
{
    private static readonly TestRow[] s_rows = [.. Enumerable.Range(0, 500).Select(i => new TestRow(i, "a", i * 1.0, i % 3 == 0 ? null : $"n{i}"))];

    /// <summary>A table with one 500-row file of ten 50-row groups, five position deletes across group edges and an equality delete.</summary>
    private static async Task<(ScanTestTable Table, DataFile File, TestRow[] Expected)> SplittableAsync()
    {
        ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        table.Parquet = new ParquetWriterOptions { PageRowLimit = 50, RowGroupSizeBytes = 1 };
        DataFile file = await table.WriteDataAsync(s_rows);
        await table.AppendAsync(file);
        long[] positions = [0, 49, 50, 123, 499];
        await table.RowDeltaAsync([], [await table.WritePositionDeletesAsync("a", [.. positions.Select(p => (file, p))]), await table.WriteIdDeletesAsync("a", 200, 300)]);
        TestRow[] expected = [.. s_rows.Where(r => !positions.Contains(r.Id) && r.Id is not 200 and not 300)];
        return (table, file, expected);
    }

    [Fact]
    public async Task A_large_file_splits_at_its_row_groups_and_its_tasks_together_return_its_rows_once()
    {
        var ct = TestContext.Current.CancellationToken;
        (ScanTestTable table, DataFile file, TestRow[] expected) = await SplittableAsync();
        await using (table)
        {
            Assert.Equal(10, file.SplitOffsets!.Count);
            TableScan scan = table.Table.NewScan().SplitTargetSize(file.FileSizeInBytes / 3).SplitOpenFileCost(1);

            IReadOnlyList<CombinedScanTask> groups = await scan.PlanTasksAsync(ct);

            FileScanTask[] tasks = [.. groups.SelectMany(g => g.Tasks)];
            Assert.InRange(tasks.Length, 3, 10);
            Assert.All(tasks, t => Assert.Equal(2, t.Deletes.Count));
            Assert.Equal(0, tasks[0].Start);
            Assert.Equal(file.FileSizeInBytes, tasks[^1].Start + tasks[^1].Length);
            for (int i = 1; i < tasks.Length; i++)
            {
                Assert.Equal(tasks[i - 1].Start + tasks[i - 1].Length, tasks[i].Start);
                Assert.Contains(tasks[i].Start, file.SplitOffsets);
            }

            var reader = new FileScanTaskReader(table.Table.Operations.Io);
            var perTask = new List<List<TestRow>>();
            foreach (FileScanTask task in tasks)
            {
                perTask.Add(await ReadTaskAsync(reader, task));
            }

            Assert.All(perTask, rows => Assert.NotEmpty(rows));
            Assert.Equal(expected, perTask.SelectMany(r => r).OrderBy(r => r.Id));
            Assert.Equal(expected, (await ReadAllAsync(scan, parallelism: 2)).OrderBy(r => r.Id));
            Assert.Equal(expected, (await ReadAllAsync(scan, parallelism: 1)));
        }
    }

    [Theory]
    [InlineData(120)]
    [InlineData(50)]
    [InlineData(51)]
    [InlineData(499)]
    public async Task Position_deletes_apply_after_row_groups_the_filter_skips(long from)
    {
        var ct = TestContext.Current.CancellationToken;
        (ScanTestTable table, DataFile _, TestRow[] expected) = await SplittableAsync();
        await using (table)
        {
            // The groups before the filter's first row are skipped by their metrics; the deletes in and after them still line up.
            TableScan scan = table.Table.NewScan().Where(Expr.GreaterThanOrEqual("id", Floe.Core.Values.Literal.Of(from)));
            FileScanTask task = (await scan.PlanFilesAsync(ct)).Single();
            var reader = new FileScanTaskReader(table.Table.Operations.Io);

            List<TestRow> rows = await ReadTaskAsync(reader, task);

            Assert.Equal([.. expected.Where(r => r.Id >= from)], rows);
        }
    }

    [Fact]
    public async Task A_selected_read_lists_the_surviving_rows_in_place_and_copies_only_for_a_narrower_projection()
    {
        var ct = TestContext.Current.CancellationToken;
        (ScanTestTable table, DataFile _, TestRow[] expected) = await SplittableAsync();
        await using (table)
        {
            FileScanTask whole = (await table.Table.NewScan().PlanFilesAsync(ct)).Single();
            var reader = new FileScanTaskReader(table.Table.Operations.Io);
            var rows = new List<TestRow>();
            int inPlace = 0, wholeBatches = 0;
            await foreach (SelectedRows selected in reader.SelectAsync(whole, ct))
            {
                using (selected)
                {
                    Assert.True(selected.IsProjection);
                    Assert.InRange(selected.RowCount, 1, selected.Batch.RowCount);
                    if (selected.AllRows)
                    {
                        wholeBatches++;
                        Assert.Equal(selected.Batch.RowCount, selected.RowCount);
                        rows.AddRange(ScanFixtures.RowsOf(selected.Batch).Select(TestRow.FromValues));
                    }
                    else
                    {
                        inPlace++;
                        Assert.Equal(selected.RowCount, selected.Rows.Length);
                        Assert.Equal(selected.Rows.ToArray(), selected.RowMemory.ToArray());
                        using ColumnBatch taken = ColumnGather.Take(selected.Batch, selected.Rows);
                        rows.AddRange(ScanFixtures.RowsOf(taken).Select(TestRow.FromValues));
                    }
                }
            }

            // Row groups 0, 1, 2, 4, 6 and 9 lose rows to deletes; the other four are whole.
            Assert.Equal(6, inPlace);
            Assert.Equal(4, wholeBatches);
            Assert.Equal(expected, rows);
            Assert.Equal(expected, await ReadTaskAsync(reader, whole));

            // Without the id column the equality deletes still apply: the batch read carries the id column as well, so
            // the rows are taken as a batch of their own.
            var narrow = new FileScanTask(whole.File, whole.DataSequenceNumber, whole.Deletes, whole.Spec, whole.Schema,
                Floe.Core.Schemas.SchemaProjection.Project(whole.Schema, [3]), whole.Residual);
            var values = new List<double>();
            await foreach (SelectedRows selected in reader.SelectAsync(narrow, ct))
            {
                using (selected)
                {
                    Assert.False(selected.IsProjection);
                    Assert.Equal(2, selected.Batch.Columns.Count);
                    Assert.Equal(1, selected.ColumnCount);
                    using ColumnBatch batch = selected.TakeBatch()!;
                    Assert.Single(batch.Columns);
                    values.AddRange(((PrimitiveVector<double>)batch.Column(0)).Values.ToArray());
                }
            }

            Assert.Equal(expected.Select(r => r.Value), values);
        }
    }

    [Fact]
    public async Task Excluded_positions_leave_rows_out_as_position_deletes_do_in_whole_and_range_tasks()
    {
        var ct = TestContext.Current.CancellationToken;
        (ScanTestTable table, DataFile _, TestRow[] expected) = await SplittableAsync();
        await using (table)
        {
            FileScanTask whole = (await table.Table.NewScan().PlanFilesAsync(ct)).Single();
            var reader = new FileScanTaskReader(table.Table.Operations.Io);

            // 0 and 123 are deleted already; positions are the ids here.
            long[] excluded = [0, 1, 2, 123, 250, 251, 498];
            TestRow[] kept = [.. expected.Where(r => !excluded.Contains(r.Id))];
            var rows = new List<TestRow>();
            foreach (FileScanTask task in ScanSplitting.Split(whole, whole.File.FileSizeInBytes / 3))
            {
                await foreach (SelectedRows selected in reader.SelectAsync(task, excluded, ct))
                {
                    using (selected)
                    {
                        using ColumnBatch taken = selected.TakeBatch()!;
                        rows.AddRange(ScanFixtures.RowsOf(taken).Select(TestRow.FromValues));
                    }
                }
            }

            Assert.Equal(kept, rows.OrderBy(r => r.Id));

            // The same rows filtered as a batch held in memory.
            Expression filter = Binder.Bind(whole.Schema, Expr.LessThan("id", Floe.Core.Values.Literal.Of(100L)));
            var rowFilter = new BatchRowFilter(filter, whole.Schema);
            var below = new List<long>();
            await foreach (ColumnBatch batch in reader.ReadAsync(whole, ct))
            {
                using (batch)
                {
                    var mask = new bool[batch.RowCount];
                    Array.Fill(mask, true);
                    rowFilter.Apply(batch, mask);
                    List<TestRow> all = [.. ScanFixtures.RowsOf(batch).Select(TestRow.FromValues)];
                    below.AddRange(all.Where((_, i) => mask[i]).Select(r => r.Id));
                }
            }

            Assert.Equal(expected.Where(r => r.Id < 100).Select(r => r.Id), below);
        }
    }

    [Fact]
    public async Task Without_usable_split_offsets_fixed_ranges_still_read_every_row_group_once()
    {
        var ct = TestContext.Current.CancellationToken;
        (ScanTestTable table, DataFile file, TestRow[] expected) = await SplittableAsync();
        await using (table)
        {
            FileScanTask whole = (await table.Table.NewScan().PlanFilesAsync(ct)).Single();
            var reader = new FileScanTaskReader(table.Table.Operations.Io);
            foreach (IReadOnlyList<long>? offsets in new IReadOnlyList<long>?[] { null, [.. file.SplitOffsets!.Reverse()], [0, file.FileSizeInBytes + 10] })
            {
                var task = new FileScanTask(WithOffsets(whole.File, offsets), whole.DataSequenceNumber, whole.Deletes, whole.Spec, whole.Schema, whole.Projection, whole.Residual);
                FileScanTask[] ranges = [.. Floe.Table.Scanning.Planning.ScanSplitting.Split(task, (file.FileSizeInBytes + 3) / 4)];
                Assert.Equal(4, ranges.Length);
                Assert.Equal(file.FileSizeInBytes, ranges.Sum(r => r.Length));

                var rows = new List<TestRow>();
                foreach (FileScanTask range in ranges)
                {
                    rows.AddRange(await ReadTaskAsync(reader, range));
                }

                Assert.Equal(expected, rows.OrderBy(r => r.Id));
            }
        }
    }

    [Fact]
    public async Task Small_files_are_packed_up_to_the_target_counting_the_open_file_cost()
    {
        var ct = TestContext.Current.CancellationToken;
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        await table.AppendAsync(await table.WriteDataAsync(s_rows[..10]), await table.WriteDataAsync(s_rows[10..20]), await table.WriteDataAsync(s_rows[20..30]));

        Assert.Single(await table.Table.NewScan().PlanTasksAsync(ct));
        IReadOnlyList<CombinedScanTask> pairs = await table.Table.NewScan().SplitTargetSize(8L << 20).PlanTasksAsync(ct);
        Assert.Equal([2, 1], pairs.Select(g => g.Tasks.Count));
        Assert.Equal(8L << 20, pairs[0].Weight);
        Assert.Equal(3, (await table.Table.NewScan().SplitTargetSize(1).SplitOpenFileCost(0).PlanTasksAsync(ct)).Count);
        IReadOnlyList<CombinedScanTask> tiny = await table.Table.NewScan().SplitTargetSize(1).PlanTasksAsync(ct);
        Assert.Equal(3, tiny.Count);
        Assert.All(tiny, g => Assert.True(g.Tasks.Single().IsWholeFile));
        Assert.Equal(s_rows[..30], (await ReadAllAsync(table.Table.NewScan().SplitTargetSize(1), parallelism: 2)).OrderBy(r => r.Id));
    }

    [Fact]
    public async Task The_split_size_comes_from_the_table_properties()
    {
        var ct = TestContext.Current.CancellationToken;
        (ScanTestTable table, DataFile file, _) = await SplittableAsync();
        await using (table)
        {
            await table.Table.UpdateProperties().Set("read.split.target-size", (file.FileSizeInBytes / 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).CommitAsync(ct);
            Assert.True((await table.Table.NewScan().PlanTasksAsync(ct)).SelectMany(g => g.Tasks).Count() >= 2);

            // A bad value is refused when set, naming the key; the table keeps planning with the good one.
            var error = await Assert.ThrowsAsync<FloeException>(() => table.Table.UpdateProperties().Set("read.split.target-size", "lots").CommitAsync(ct));
            Assert.Contains("read.split.target-size", error.Message, StringComparison.Ordinal);
            Assert.True((await table.Table.NewScan().PlanTasksAsync(ct)).SelectMany(g => g.Tasks).Count() >= 2);
        }
    }

    [Fact]
    public async Task Planned_files_drop_their_column_statistics_unless_asked_to_keep_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        await table.AppendAsync(await table.WriteDataAsync(s_rows[..10]));

        DataFile lean = (await table.Table.NewScan().PlanFilesAsync(ct)).Single().File;
        DataFile full = (await table.Table.NewScan().IncludeColumnStats().PlanFilesAsync(ct)).Single().File;

        Assert.Null(lean.LowerBounds);
        Assert.Null(lean.ValueCounts);
        Assert.Equal(full.RecordCount, lean.RecordCount);
        Assert.Equal(full.SplitOffsets, lean.SplitOffsets);
        Assert.NotNull(full.LowerBounds);
        Assert.NotNull(full.NullValueCounts);
    }

    private static DataFile WithOffsets(DataFile file, IReadOnlyList<long>? offsets) => new()
    {
        FilePath = file.FilePath, Format = file.Format, SpecId = file.SpecId, Partition = file.Partition,
        RecordCount = file.RecordCount, FileSizeInBytes = file.FileSizeInBytes, SplitOffsets = offsets,
    };

    private static async Task<List<TestRow>> ReadTaskAsync(FileScanTaskReader reader, FileScanTask task)
    {
        var rows = new List<TestRow>();
        await foreach (ColumnBatch batch in reader.ReadAsync(task, TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                rows.AddRange(ScanFixtures.RowsOf(batch).Select(TestRow.FromValues));
            }
        }

        return rows;
    }

    private static async Task<List<TestRow>> ReadAllAsync(TableScan scan, int parallelism)
    {
        var rows = new List<TestRow>();
        await foreach (ColumnBatch batch in scan.ReadAsync(parallelism, TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                rows.AddRange(ScanFixtures.RowsOf(batch).Select(TestRow.FromValues));
            }
        }

        return rows;
    }
}
