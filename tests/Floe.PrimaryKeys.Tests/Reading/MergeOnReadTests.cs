using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.PrimaryKeys.Optimizing;
using Floe.Core.Values;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Reading;

public sealed class MergeOnReadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_newest_change_per_key_wins_and_deleted_keys_are_gone()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.UpsertAsync(primaryKey, (1, "a", 1), (2, "b", 2), (3, "c", 3));
        await Rows.UpsertAsync(primaryKey, (2, "b2", 20), (4, "d", 4));
        await Rows.DeleteAsync(primaryKey, 3, 99);
        await Rows.UpsertAsync(primaryKey, (4, "d2", 40), (4, "d3", 41));

        Assert.Equal([(1, "a", 1), (2, "b2", 20), (4, "d3", 41)], await Rows.ReadAsync(primaryKey.NewScan()));
        Assert.Equal([(1, "a", 1), (2, "b2", 20), (4, "d3", 41)], await Rows.ReadAsync(primaryKey.NewScan().WithParallelism(1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task A_node_with_several_base_files_read_at_once_gives_the_rows_one_thread_gives(int parallelism)
    {
        // Change files at the root node join every base bucket into one task, whose base files are then read at once
        // (the base stays at its four buckets: auto-bucketing would keep so small a table in one file).
        using var table = TestTable.Create(properties: new Dictionary<string, string>
        {
            [PrimaryKeyProperties.ChangeHashBucket.Key] = "1",
            [PrimaryKeyProperties.BaseHashBucket.Key] = "4",
            [PrimaryKeyProperties.BaseAutoBucket.Key] = "false",
        });
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.UpsertAsync(primaryKey, [.. Enumerable.Range(1, 400).Select(i => ((long)i, "v0", i))]);
        await primaryKey.OptimizeAsync(cancellationToken: Ct);
        await Rows.UpsertAsync(primaryKey, [.. Enumerable.Range(1, 400).Where(i => i % 7 == 0).Select(i => ((long)i, "v1", -i))]);
        await Rows.DeleteAsync(primaryKey, 10, 20, 30);
        var tasks = await primaryKey.NewScan().PlanAsync(Ct);
        Assert.Equal(4, Assert.Single(tasks).BaseFiles.Count);
        List<(long, string?, int?)> expected = [.. Enumerable.Range(1, 400).Where(i => i is not 10 and not 20 and not 30)
            .Select(i => ((long)i, (string?)(i % 7 == 0 ? "v1" : "v0"), (int?)(i % 7 == 0 ? -i : i)))];

        Assert.Equal(expected, await Rows.ReadAsync(primaryKey.NewScan().WithParallelism(1)));
        Assert.Equal(expected, await Rows.ReadAsync(primaryKey.NewScan().WithParallelism(parallelism)));
        Assert.Equal(
            expected.Where(r => r.Item3 > 100 || r.Item3 < -100).ToList(),
            await Rows.ReadAsync(primaryKey.NewScan().WithParallelism(parallelism).Where(Expr.Or(Expr.GreaterThan("value", Literal.Of(100)), Expr.LessThan("value", Literal.Of(-100))))));
    }

    [Fact]
    public async Task Scans_of_one_loaded_table_with_other_projections_each_return_their_own_columns()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.UpsertAsync(primaryKey, (1, "a", 10), (2, "b", 20), (3, "c", 30));
        await primaryKey.OptimizeAsync(cancellationToken: Ct);
        await Rows.UpsertAsync(primaryKey, (2, "b2", 21));

        foreach (string[] columns in new[] { new[] { "value" }, ["name", "id"], ["value"], ["id", "name", "value"], ["name"] })
        {
            // Columns come in schema order, whatever the order asked for.
            string[] ordered = [.. new[] { "id", "name", "value" }.Where(columns.Contains)];
            var read = new List<string>();
            await foreach (ColumnBatch batch in primaryKey.NewScan().Select(columns).ReadAsync(Ct))
            {
                using (batch)
                {
                    Assert.Equal(ordered, batch.Fields.Select(f => f.Name));
                    for (int row = 0; row < batch.RowCount; row++)
                    {
                        read.Add(string.Join(',', ordered.Select((_, c) => batch.Column(c).GetValue(row))));
                    }
                }
            }

            var all = new Dictionary<string, object>[] { new() { ["id"] = 1L, ["name"] = "a", ["value"] = 10 }, new() { ["id"] = 2L, ["name"] = "b2", ["value"] = 21 }, new() { ["id"] = 3L, ["name"] = "c", ["value"] = 30 } };
            Assert.Equal(all.Select(r => string.Join(',', ordered.Select(c => r[c]))).Order(), read.Order());
        }
    }

    [Fact]
    public async Task Change_files_are_decoded_once_for_later_scans_which_still_see_every_new_commit()
    {
        // Base nodes finer than the change buckets, so a task merges several base files with the change files.
        using var table = TestTable.Create(properties: new Dictionary<string, string>
        {
            [PrimaryKeyProperties.ChangeHashBucket.Key] = "2",
            [PrimaryKeyProperties.BaseHashBucket.Key] = "4",
            [PrimaryKeyProperties.BaseAutoBucket.Key] = "false",
        });
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.UpsertAsync(primaryKey, [.. Enumerable.Range(1, 40).Select(i => ((long)i, "v0", i))]);
        await primaryKey.OptimizeAsync(cancellationToken: Ct);
        await Rows.UpsertAsync(primaryKey, [.. Enumerable.Range(1, 40).Where(i => i % 3 == 0).Select(i => ((long)i, "v1", i * 10))]);
        await Rows.DeleteAsync(primaryKey, 5, 6);
        var tasks = await primaryKey.NewScan().PlanAsync(Ct);
        Assert.Contains(tasks, t => t.BaseFiles.Count > 1 && t.ChangeFiles.Count > 0);
        List<(long, string?, int?)> expected = [.. Enumerable.Range(1, 40).Where(i => i is not 5 and not 6)
            .Select(i => ((long)i, (string?)(i % 3 == 0 ? "v1" : "v0"), (int?)(i % 3 == 0 ? i * 10 : i)))];
        Assert.Equal(expected, await Rows.ReadAsync(primaryKey.NewScan()));

        // Later scans take the change rows from the decoded-file cache: the files are not read again.
        string[] changeFiles = table.DataFiles("change");
        Assert.NotEmpty(changeFiles);
        foreach (string file in changeFiles)
        {
            File.Move(file, file + ".away");
        }

        try
        {
            Assert.Equal(expected, await Rows.ReadAsync(primaryKey.NewScan()));
            Assert.Equal(expected, await Rows.ReadAsync(primaryKey.NewScan().WithParallelism(1)));
        }
        finally
        {
            foreach (string file in changeFiles)
            {
                File.Move(file + ".away", file);
            }
        }

        await Rows.UpsertAsync(primaryKey, (3, "v2", 300));
        await Rows.DeleteAsync(primaryKey, 1);
        expected = [.. expected.Where(r => r.Item1 != 1).Select(r => r.Item1 == 3 ? (3L, (string?)"v2", (int?)300) : r)];
        Assert.Equal(expected, await Rows.ReadAsync(primaryKey.NewScan()));
    }

    [Fact]
    public async Task An_update_after_beats_its_update_before_and_a_later_insert_beats_both()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.UpsertAsync(primaryKey, (1, "a", 1), (2, "b", 2));
        await Rows.CommitAsync(primaryKey, async w =>
        {
            using ColumnBatch before = Rows.Of((1, "a", 1), (2, "b", 2));
            using ColumnBatch after = Rows.Of((1, "a2", 10), (2, "b2", 20));
            await w.UpdateAsync(before, after, Ct);
            using ColumnBatch insert = Rows.Of((2, "b3", 30));
            await w.InsertAsync(insert, Ct);
        });

        Assert.Equal([(1, "a2", 10), (2, "b3", 30)], await Rows.ReadAsync(primaryKey.NewScan()));
    }

    [Fact]
    public async Task A_filter_on_a_non_key_column_does_not_resurrect_an_older_version()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.UpsertAsync(primaryKey, (1, "a", 5), (2, "b", 5), (3, "c", 1));
        await Rows.UpsertAsync(primaryKey, (1, "a2", 50));
        await Rows.DeleteAsync(primaryKey, 2);

        Assert.Equal([(3, "c", 1)], await Rows.ReadAsync(primaryKey.NewScan().Where(Expr.LessThan("value", Literal.Of(10)))));
        Assert.Equal([(1, "a2", 50)], await Rows.ReadAsync(primaryKey.NewScan().Where(Expr.GreaterThan("value", Literal.Of(10)))));
        Assert.Equal([(1, "a2", 50), (3, "c", 1)], await Rows.ReadAsync(primaryKey.NewScan().Where(Expr.In("id", Literal.Of(1L), Literal.Of(2L), Literal.Of(3L)))));
        Assert.Equal([(3, "c", 1)], await Rows.ReadAsync(primaryKey.NewScan().Where(Expr.Equal("id", Literal.Of(3L))).Where(Expr.Equal("name", Literal.Of("c")))));
    }

    [Fact]
    public async Task A_projection_returns_only_the_selected_columns_in_order()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.UpsertAsync(primaryKey, (1, "a", 1), (2, "b", 2));
        await Rows.UpsertAsync(primaryKey, (2, "b2", 20));
        var values = new List<int?>();
        await foreach (ColumnBatch batch in primaryKey.NewScan().Select("value").Where(Expr.GreaterThan("id", Literal.Of(1L))).ReadAsync(Ct))
        {
            using (batch)
            {
                Assert.Equal(["value"], batch.Fields.Select(f => f.Name));
                values.AddRange(Enumerable.Range(0, batch.RowCount).Select(r => (int?)batch.Column(0).GetValue(r)));
            }
        }

        Assert.Equal([20], values);
    }

    [Fact]
    public async Task Time_travel_reads_the_table_as_of_a_change_snapshot()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        var first = await Rows.UpsertAsync(primaryKey, (1, "a", 1), (2, "b", 2));
        var second = await Rows.DeleteAsync(primaryKey, 1);
        await Rows.UpsertAsync(primaryKey, (2, "b2", 20), (3, "c", 3));

        Assert.Equal([(1, "a", 1), (2, "b", 2)], await Rows.ReadAsync(primaryKey.NewScan().AsOfChangeSnapshot(first!.SnapshotId)));
        Assert.Equal([(2, "b", 2)], await Rows.ReadAsync(primaryKey.NewScan().AsOfChangeSnapshot(second!.SnapshotId)));
        Assert.Equal([(2, "b2", 20), (3, "c", 3)], await Rows.ReadAsync(primaryKey.NewScan()));
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => Rows.ReadAsync(primaryKey.NewScan().AsOfChangeSnapshot(12345)))).Kind);
    }

    [Fact]
    public async Task Tasks_are_per_partition_and_node_and_skip_changes_up_to_the_optimized_point()
    {
        using var table = TestTable.Create(spec: s => new PartitionSpecBuilder(s).Identity("value").Build());
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.UpsertAsync(primaryKey, [.. Enumerable.Range(0, 40).Select(i => ((long)i, (string?)"x", (int?)(i % 2)))]);
        var tasks = await primaryKey.NewScan().PlanAsync(Ct);
        Assert.Equal(8, tasks.Count);
        Assert.Equal(["value=0", "value=1"], tasks.Select(t => t.PartitionPath).Distinct());
        Assert.All(tasks, t => Assert.Equal(3, t.Node.Mask));
        Assert.All(tasks, t => Assert.Equal(0, t.OptimizedPoint));
        Assert.All(tasks, t => Assert.Equal(2, t.ChangeFiles.Count));

        var pruned = await primaryKey.NewScan().Where(Expr.Equal("value", Literal.Of(1))).PlanAsync(Ct);
        Assert.Equal(8, pruned.Count); // change files are never pruned by non-key columns
        Assert.Equal(40, (await Rows.ReadAsync(primaryKey.NewScan())).Count);
        Assert.Equal(20, (await Rows.ReadAsync(primaryKey.NewScan().Where(Expr.Equal("value", Literal.Of(1))))).Count);
    }
}
