using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Values;
using Floe.Table.Scanning;

namespace Floe.Table.Tests.Scanning;

public sealed class TableScanTests
{
    private static readonly TestRow[] s_rowsA = [.. Enumerable.Range(0, 6).Select(i => new TestRow(i, "a", i * 1.5, i % 2 == 0 ? null : $"n{i}"))];
    private static readonly TestRow[] s_rowsB = [.. Enumerable.Range(100, 5).Select(i => new TestRow(i, "b", i * 1.5, $"n{i}"))];
    private static readonly TestRow[] s_rowsA2 = [.. Enumerable.Range(200, 4).Select(i => new TestRow(i, "a", i * 1.5))];

    [Fact]
    public async Task An_empty_table_plans_no_tasks()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);

        Assert.Empty(await table.Table.NewScan().PlanFilesAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await ReadAsync(table.Table.NewScan()));
    }

    [Fact]
    public async Task Scan_returns_every_appended_row()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA), await table.WriteDataAsync(s_rowsB));
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA2));

        List<TestRow> rows = await ReadAsync(table.Table.NewScan());

        Assert.Equal([.. s_rowsA, .. s_rowsB, .. s_rowsA2], rows.OrderBy(r => r.Id));
    }

    public static TheoryData<string> Filters() => ["category = a", "id < 3", "value >= 150", "note is null", "id in 1 101 201", "note startsWith n1", "not id = 2", "value > 7 or category = b",
        "note = n3", "note < n3", "note not startsWith n1", "id not in 1 2 100", "category != a", "id >= 3 and note not null", "note in n1 n101", "value != 3", "id <= 2 or value is nan"];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filtered_scans_return_exactly_the_matching_rows(string filterName)
    {
        (Expression filter, Func<TestRow, bool> reference) = Filter(filterName);
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA), await table.WriteDataAsync(s_rowsB));
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA2));

        List<TestRow> rows = await ReadAsync(table.Table.NewScan().Where(filter));

        Assert.Equal(s_rowsA.Concat(s_rowsB).Concat(s_rowsA2).Where(reference).OrderBy(r => r.Id), rows.OrderBy(r => r.Id));
    }

    [Fact]
    public async Task Partition_and_metrics_pruning_drop_files_that_cannot_match()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA), await table.WriteDataAsync(s_rowsB));
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA2));
        var ct = TestContext.Current.CancellationToken;

        IReadOnlyList<FileScanTask> byPartition = await table.Table.NewScan().Where(Expr.Equal("category", Literal.Of("b"))).PlanFilesAsync(ct);
        IReadOnlyList<FileScanTask> byMetrics = await table.Table.NewScan().Where(Expr.GreaterThan("id", Literal.Of(150L))).IncludeColumnStats().PlanFilesAsync(ct);
        IReadOnlyList<FileScanTask> none = await table.Table.NewScan().Where(Expr.GreaterThan("id", Literal.Of(1000L))).PlanFilesAsync(ct);

        Assert.Equal(3, (await table.Table.NewScan().PlanFilesAsync(ct)).Count);
        Assert.Equal("b", Assert.Single(byPartition).File.Partition[0].AsString());
        Assert.Equal(200L, SingleValueBinary.Read(Core.Types.PrimitiveType.Long, Assert.Single(byMetrics).File.LowerBounds![1]).AsLong());
        Assert.Empty(none);
    }

    [Fact]
    public async Task Residual_is_dropped_when_the_partition_guarantees_every_row_matches()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA), await table.WriteDataAsync(s_rowsB));
        var ct = TestContext.Current.CancellationToken;

        FileScanTask byPartition = Assert.Single(await table.Table.NewScan().Where(Expr.Equal("category", Literal.Of("a"))).PlanFilesAsync(ct));
        IReadOnlyList<FileScanTask> primaryKey = await table.Table.NewScan()
            .Where(Expr.And(Expr.In("category", Literal.Of("a"), Literal.Of("b")), Expr.LessThan("id", Literal.Of(3L)))).PlanFilesAsync(ct);

        Assert.IsType<TrueExpression>(byPartition.Residual);
        FileScanTask onlyA = Assert.Single(primaryKey);
        Assert.IsNotType<TrueExpression>(onlyA.Residual);
    }

    [Fact]
    public async Task Filters_bound_by_the_caller_mix_with_unbound_ones()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA), await table.WriteDataAsync(s_rowsB));
        Expression bound = Binder.Bind(ScanTestTable.Schema, Expr.GreaterThan("id", Literal.Of(2L)));

        List<TestRow> rows = await ReadAsync(table.Table.NewScan().Where(bound).Where(Expr.Equal("category", Literal.Of("a"))));

        Assert.Equal(s_rowsA.Where(r => r.Id > 2), rows);
    }

    [Theory]
    [InlineData("value < 3")]
    [InlineData("value <= 0")]
    [InlineData("value > 1")]
    [InlineData("value >= 0")]
    [InlineData("value <= 2.5")]
    [InlineData("value >= 2.5")]
    [InlineData("value = 2.5")]
    [InlineData("value > -inf")]
    [InlineData("value = 0")]
    [InlineData("value != 0")]
    [InlineData("value is nan")]
    [InlineData("not value is nan")]
    [InlineData("value in 0 2.5")]
    public async Task Floating_point_filters_follow_the_row_evaluator_for_NaN_and_signed_zero(string filterName)
    {
        Expression filter = filterName switch
        {
            "value < 3" => Expr.LessThan("value", Literal.Of(3.0)),
            "value <= 0" => Expr.LessThanOrEqual("value", Literal.Of(0.0)),
            "value > 1" => Expr.GreaterThan("value", Literal.Of(1.0)),
            "value >= 0" => Expr.GreaterThanOrEqual("value", Literal.Of(0.0)),
            "value <= 2.5" => Expr.LessThanOrEqual("value", Literal.Of(2.5)),
            "value >= 2.5" => Expr.GreaterThanOrEqual("value", Literal.Of(2.5)),
            "value = 2.5" => Expr.Equal("value", Literal.Of(2.5)),
            "value > -inf" => Expr.GreaterThan("value", Literal.Of(double.NegativeInfinity)),
            "value = 0" => Expr.Equal("value", Literal.Of(0.0)),
            "value != 0" => Expr.NotEqual("value", Literal.Of(0.0)),
            "value is nan" => Expr.IsNaN("value"),
            "not value is nan" => Expr.NotNaN("value"),
            _ => Expr.In("value", Literal.Of(0.0), Literal.Of(2.5)),
        };
        TestRow[] data = [new(1, "a", double.NaN), new(2, "a", -0.0), new(3, "a", 0.0), new(4, "a", 2.5), new(5, "a", -7), new(6, "a", double.PositiveInfinity)];
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        await table.AppendAsync(await table.WriteDataAsync(data));
        var evaluator = new Evaluator(ScanTestTable.Schema, filter);

        List<TestRow> rows = await ReadAsync(table.Table.NewScan().Where(filter));

        TestRow[] expected = [.. data.Where(r => evaluator.Eval(id => id == 3 ? Literal.Of(r.Value) : id == 1 ? Literal.Of(r.Id) : Literal.Null))];
        Assert.Equal(expected.Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Theory]
    [InlineData("<")]
    [InlineData("<=")]
    [InlineData(">")]
    [InlineData(">=")]
    [InlineData("=")]
    [InlineData("!=")]
    public async Task Integer_comparisons_keep_the_rows_the_row_evaluator_keeps(string op)
    {
        Expression filter = op switch
        {
            "<" => Expr.LessThan("id", Literal.Of(3L)),
            "<=" => Expr.LessThanOrEqual("id", Literal.Of(3L)),
            ">" => Expr.GreaterThan("id", Literal.Of(3L)),
            ">=" => Expr.GreaterThanOrEqual("id", Literal.Of(3L)),
            "=" => Expr.Equal("id", Literal.Of(3L)),
            _ => Expr.NotEqual("id", Literal.Of(3L)),
        };
        TestRow[] data = [.. Enumerable.Range(1, 6).Select(i => new TestRow(i, "a", i))];
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        await table.AppendAsync(await table.WriteDataAsync(data));
        var evaluator = new Evaluator(ScanTestTable.Schema, filter);

        List<TestRow> rows = await ReadAsync(table.Table.NewScan().Where(filter));

        TestRow[] expected = [.. data.Where(r => evaluator.Eval(id => id == 1 ? Literal.Of(r.Id) : id == 3 ? Literal.Of(r.Value) : Literal.Null))];
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Projection_returns_only_the_selected_columns_even_when_filtering_on_others()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA));

        TableScan scan = table.Table.NewScan().Select("note").Where(Expr.GreaterThan("id", Literal.Of(2L)));
        var rows = new List<object?[]>();
        await foreach (var batch in scan.ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                Assert.Equal(["note"], batch.Fields.Select(f => f.Name));
                rows.AddRange(ScanFixtures.RowsOf(batch));
            }
        }

        Assert.Equal(s_rowsA.Where(r => r.Id > 2).Select(r => r.Note), rows.Select(r => (string?)r[0]));
    }

    [Fact]
    public async Task Position_deletes_apply_to_files_with_the_same_or_a_lower_sequence_number()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        DataFile first = await table.WriteDataAsync(s_rowsA);
        await table.AppendAsync(first);

        // Deletes rows 0 and 2 of the first file, at a later sequence number.
        await table.RowDeltaAsync([], [await table.WritePositionDeletesAsync("a", (first, 0), (first, 2))]);

        // A new file and a delete of its row 1 committed together share a sequence number: the delete applies.
        DataFile second = await table.WriteDataAsync(s_rowsA2);
        await table.RowDeltaAsync([second], [await table.WritePositionDeletesAsync("a", (second, 1))]);

        List<TestRow> rows = await ReadAsync(table.Table.NewScan());
        IReadOnlyList<FileScanTask> tasks = await table.Table.NewScan().PlanFilesAsync(TestContext.Current.CancellationToken);

        TestRow[] expected = [.. s_rowsA.Where((_, i) => i is not 0 and not 2), .. s_rowsA2.Where((_, i) => i != 1)];
        Assert.Equal(expected.OrderBy(r => r.Id), rows.OrderBy(r => r.Id));
        Assert.Equal(2, tasks.Single(t => t.File.FilePath == first.FilePath).Deletes.Count);
    }

    [Fact]
    public async Task Equality_deletes_apply_only_to_older_files_of_their_partition()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        DataFile a = await table.WriteDataAsync(s_rowsA);
        DataFile b = await table.WriteDataAsync([.. s_rowsB, new TestRow(2, "b", 9.0)]);
        await table.AppendAsync(a, b);

        // Delete id 2 and 4 in partition a only: the b row with id 2 stays.
        await table.RowDeltaAsync([], [await table.WriteIdDeletesAsync("a", 2, 4)]);

        // Re-insert id 3 in partition a together with an equality delete of id 3: the delete removes the old row only.
        DataFile reinsert = await table.WriteDataAsync(new TestRow(3, "a", 33.0, "new"));
        await table.RowDeltaAsync([reinsert], [await table.WriteIdDeletesAsync("a", 3)]);

        List<TestRow> rows = await ReadAsync(table.Table.NewScan());

        TestRow[] expected =
        [
            .. s_rowsA.Where(r => r.Id is not 2 and not 4 and not 3),
            .. s_rowsB,
            new TestRow(2, "b", 9.0),
            new TestRow(3, "a", 33.0, "new"),
        ];
        Assert.Equal(expected.OrderBy(r => r.Id).ThenBy(r => r.Category), rows.OrderBy(r => r.Id).ThenBy(r => r.Category));
    }

    [Fact]
    public async Task Equality_deletes_of_an_unpartitioned_table_apply_to_every_older_file()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: false);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA), await table.WriteDataAsync(s_rowsB));
        await table.RowDeltaAsync([], [await table.WriteIdDeletesAsync("a", 1, 101, 999)]);

        List<TestRow> rows = await ReadAsync(table.Table.NewScan().Where(Expr.NotEqual("id", Literal.Of(5L))));

        Assert.Equal(s_rowsA.Concat(s_rowsB).Where(r => r.Id is not 1 and not 101 and not 5).OrderBy(r => r.Id), rows.OrderBy(r => r.Id));
    }

    [Fact]
    public async Task Time_travel_reads_a_snapshot_by_id_ref_and_time()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        long first = await table.AppendAsync(await table.WriteDataAsync(s_rowsA));
        long firstTime = table.Table.CurrentSnapshot!.TimestampMs;
        await table.Table.ManageSnapshots().CreateTag("v1", first).CommitAsync(TestContext.Current.CancellationToken);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsB));
        await table.RowDeltaAsync([], [await table.WriteIdDeletesAsync("a", 0)]);

        Assert.Equal(s_rowsA, await ReadAsync(table.Table.NewScan().UseSnapshot(first)));
        Assert.Equal(s_rowsA, await ReadAsync(table.Table.NewScan().UseRef("v1")));
        Assert.Equal(s_rowsA, await ReadAsync(table.Table.NewScan().AsOfTime(firstTime)));
        Assert.Equal(s_rowsA.Length + s_rowsB.Length - 1, (await ReadAsync(table.Table.NewScan())).Count);
        await Assert.ThrowsAsync<Common.Errors.FloeException>(() => table.Table.NewScan().UseRef("nope").PlanFilesAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<Common.Errors.FloeException>(() => table.Table.NewScan().UseSnapshot(12345).PlanFilesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Incremental_append_scan_returns_rows_appended_in_the_range()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        long s1 = await table.AppendAsync(await table.WriteDataAsync(s_rowsA));
        long s2 = await table.AppendAsync(await table.WriteDataAsync(s_rowsB));
        long s3 = await table.RowDeltaAsync([await table.WriteDataAsync(new TestRow(500, "a", 1.0))], [await table.WriteIdDeletesAsync("a", 0)]);
        long s4 = await table.AppendAsync(await table.WriteDataAsync(s_rowsA2));
        var ct = TestContext.Current.CancellationToken;

        List<TestRow> fromS1 = await ReadAsync(table.Table.NewIncrementalAppendScan().FromSnapshotExclusive(s1));
        List<TestRow> s2Only = await ReadAsync(table.Table.NewIncrementalAppendScan().FromSnapshotExclusive(s1).ToSnapshot(s3));
        List<TestRow> all = await ReadAsync(table.Table.NewIncrementalAppendScan().FromSnapshotInclusive(s1).Where(Expr.Equal("category", Literal.Of("a"))));

        Assert.Equal([.. s_rowsB, .. s_rowsA2], fromS1);
        Assert.Equal(s_rowsB, s2Only);
        Assert.Equal([.. s_rowsA, .. s_rowsA2], all);
        Assert.Equal([s2, s4], table.Table.NewIncrementalAppendScan().FromSnapshotExclusive(s1).AppendSnapshots().Select(s => s.SnapshotId));
        Assert.Empty(await table.Table.NewIncrementalAppendScan().FromSnapshotExclusive(s4).PlanFilesAsync(ct));
        Assert.Throws<Common.Errors.FloeException>(() => table.Table.NewIncrementalAppendScan().FromSnapshotExclusive(s4).ToSnapshot(s2).AppendSnapshots());
    }

    [Fact]
    public async Task Parallel_reads_return_the_same_rows_as_sequential_reads()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        DataFile a = await table.WriteDataAsync(s_rowsA);
        await table.AppendAsync(a, await table.WriteDataAsync(s_rowsB), await table.WriteDataAsync(s_rowsA2));
        await table.RowDeltaAsync([], [await table.WritePositionDeletesAsync("a", (a, 1)), await table.WriteIdDeletesAsync("a", 201)]);
        TableScan scan = table.Table.NewScan();

        List<TestRow> sequential = await ReadAsync(scan);
        var parallel = new List<TestRow>();
        await foreach (var batch in scan.ReadAsync(3, TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                parallel.AddRange(ScanFixtures.RowsOf(batch).Select(TestRow.FromValues));
            }
        }

        Assert.Equal(s_rowsA.Length + s_rowsB.Length + s_rowsA2.Length - 2, sequential.Count);
        Assert.Equal(sequential.OrderBy(r => r.Id), parallel.OrderBy(r => r.Id));
    }

    [Fact]
    public async Task A_missing_data_file_fails_with_a_clear_error_in_parallel_reads_too()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        DataFile a = await table.WriteDataAsync(s_rowsA);
        await table.AppendAsync(a, await table.WriteDataAsync(s_rowsB));
        File.Delete(a.FilePath);

        var sequential = await Assert.ThrowsAsync<Common.Errors.FloeException>(() => ReadAsync(table.Table.NewScan()));
        var parallel = await Assert.ThrowsAsync<Common.Errors.FloeException>(async () =>
        {
            await foreach (var batch in table.Table.NewScan().ReadAsync(2, TestContext.Current.CancellationToken))
            {
                batch.Dispose();
            }
        });

        Assert.Equal(Common.Errors.FloeErrorKind.NotFound, sequential.Kind);
        Assert.Equal(Common.Errors.FloeErrorKind.NotFound, parallel.Kind);
    }

    [Fact]
    public async Task A_corrupt_manifest_fails_with_an_error_naming_it()
    {
        await using ScanTestTable table = await ScanTestTable.CreateAsync(partitioned: true);
        await table.AppendAsync(await table.WriteDataAsync(s_rowsA));
        var manifests = new List<ManifestFile>();
        await using (Stream list = await table.Table.Operations.Io.NewInputFile(table.Table.CurrentSnapshot!.ManifestList!).OpenAsync(TestContext.Current.CancellationToken))
        {
            manifests.AddRange(await ManifestListReader.ReadAllAsync(list, TestContext.Current.CancellationToken));
        }

        string manifest = Assert.Single(manifests).Path;
        byte[] bytes = File.ReadAllBytes(manifest);
        File.WriteAllBytes(manifest, bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<Common.Errors.FloeException>(() => table.Table.NewScan().PlanFilesAsync(TestContext.Current.CancellationToken));
        Assert.Contains(manifest, error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<TestRow>> ReadAsync(TableScan scan) => [.. (await ScanFixtures.RowsAsync(scan)).Select(TestRow.FromValues)];

    private static async Task<List<TestRow>> ReadAsync(IncrementalAppendScan scan)
    {
        var rows = new List<TestRow>();
        await foreach (var batch in scan.ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                rows.AddRange(ScanFixtures.RowsOf(batch).Select(TestRow.FromValues));
            }
        }

        return rows;
    }

    private static (Expression Filter, Func<TestRow, bool> Reference) Filter(string name) => name switch
    {
        "category = a" => (Expr.Equal("category", Literal.Of("a")), r => r.Category == "a"),
        "id < 3" => (Expr.LessThan("id", Literal.Of(3L)), r => r.Id < 3),
        "value >= 150" => (Expr.GreaterThanOrEqual("value", Literal.Of(150.0)), r => r.Value >= 150),
        "note is null" => (Expr.IsNull("note"), r => r.Note is null),
        "id in 1 101 201" => (Expr.In("id", Literal.Of(1L), Literal.Of(101L), Literal.Of(201L)), r => r.Id is 1 or 101 or 201),
        "note startsWith n1" => (Expr.StartsWith("note", "n1"), r => r.Note?.StartsWith("n1", StringComparison.Ordinal) == true),
        "not id = 2" => (Expr.Not(Expr.Equal("id", Literal.Of(2L))), r => r.Id != 2),
        "value > 7 or category = b" => (Expr.Or(Expr.GreaterThan("value", Literal.Of(7.0)), Expr.Equal("category", Literal.Of("b"))), r => r.Value > 7 || r.Category == "b"),
        "note = n3" => (Expr.Equal("note", Literal.Of("n3")), r => r.Note == "n3"),
        "note < n3" => (Expr.LessThan("note", Literal.Of("n3")), r => r.Note is not null && string.CompareOrdinal(r.Note, "n3") < 0),
        "note not startsWith n1" => (Expr.NotStartsWith("note", "n1"), r => r.Note?.StartsWith("n1", StringComparison.Ordinal) != true),
        "id not in 1 2 100" => (Expr.NotIn("id", Literal.Of(1L), Literal.Of(2L), Literal.Of(100L)), r => r.Id is not 1 and not 2 and not 100),
        "category != a" => (Expr.NotEqual("category", Literal.Of("a")), r => r.Category != "a"),
        "id >= 3 and note not null" => (Expr.And(Expr.GreaterThanOrEqual("id", Literal.Of(3L)), Expr.NotNull("note")), r => r.Id >= 3 && r.Note is not null),
        "note in n1 n101" => (Expr.In("note", Literal.Of("n1"), Literal.Of("n101")), r => r.Note is "n1" or "n101"),
        "value != 3" => (Expr.NotEqual("value", Literal.Of(3.0)), r => r.Value != 3.0),
        "id <= 2 or value is nan" => (Expr.Or(Expr.LessThanOrEqual("id", Literal.Of(2L)), Expr.IsNaN("value")), r => r.Id <= 2 || double.IsNaN(r.Value)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
