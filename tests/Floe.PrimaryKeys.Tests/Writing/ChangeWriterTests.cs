using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.PrimaryKeys.Model;
using Floe.Table.Data.Columns;
using Floe.Table.Scanning;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Writing;

public sealed class ChangeWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_upsert_writes_a_delete_and_an_insert_per_row_with_the_transaction_and_offsets()
    {
        using var table = TestTable.Create(properties: new Dictionary<string, string> { [PrimaryKeyProperties.ChangeHashBucket.Key] = "1" });
        PrimaryKeyTable primaryKey = table.Open();
        var commit = await Rows.UpsertAsync(primaryKey, (1, "a", 10), (2, "b", 20));
        Assert.NotNull(commit);
        Assert.Equal(1, commit.TransactionId);
        Assert.Equal(4, commit.RowCount);
        Assert.Equal(2, commit.FileCount);
        Assert.Equal(1, primaryKey.ChangeTable.CurrentSnapshot!.SequenceNumber);
        Assert.Equal(commit.SnapshotId, primaryKey.ChangeTable.CurrentSnapshot.SnapshotId);

        List<(long Id, long Tx, long Offset, string Action)> changes = await ChangeRowsAsync(primaryKey);
        Assert.Equal([(1, 1, 0, "D"), (1, 1, 1, "I"), (2, 1, 2, "D"), (2, 1, 3, "I")], changes.OrderBy(c => c.Offset));

        string[] names = [.. table.DataFiles("change").Select(Path.GetFileName).Order()!];
        Assert.Equal(2, names.Length);
        Assert.StartsWith("1-ED-1-00000-0-", names[0], StringComparison.Ordinal);
        Assert.StartsWith("1-I-1-00000-0-", names[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upsert_delete_is_a_tombstone_with_the_key_required_and_partition_source_columns()
    {
        var schema = new Schema(
        [
            NestedField.Required(1, "id", PrimitiveType.Long),
            NestedField.Required(2, "name", PrimitiveType.String),
            NestedField.Optional(3, "value", PrimitiveType.Int),
            NestedField.Optional(4, "note", PrimitiveType.String),
        ]);
        using var table = TestTable.Create(schema, s => new PartitionSpecBuilder(s).Identity("value").Build());
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.CommitAsync(primaryKey, async w =>
        {
            using var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(schema));
            ((PrimitiveVector<long>)batch.Column(0)).Append(7);
            ((BinaryVector)batch.Column(1)).Append("seven");
            ((PrimitiveVector<int>)batch.Column(2)).Append(3);
            ((BinaryVector)batch.Column(3)).Append("only in the insert");
            await w.UpsertAsync(batch, Ct);
        });

        var rows = new List<(string Action, long Id, string? Name, int? Value, string? Note)>();
        await foreach (ColumnBatch batch in new TableScan(primaryKey.ChangeTable.Metadata, primaryKey.ChangeTable.Operations.Io).ReadAsync(Ct))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    rows.Add(((string)batch.Column("_change_action").GetValue(row)!, (long)batch.Column("id").GetValue(row)!,
                        (string?)batch.Column("name").GetValue(row), (int?)batch.Column("value").GetValue(row), (string?)batch.Column("note").GetValue(row)));
                }
            }
        }

        // The key, the required column and the partition source stay; the other column is null in the delete.
        Assert.Equal([("D", 7L, "seven", 3, null), ("I", 7L, "seven", 3, "only in the insert")], rows.OrderBy(r => r.Action == "I"));
        Assert.All(table.DataFiles("change"), file => Assert.Contains("/value=3/", file, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_fan_out_per_partition_and_node_of_their_key_hash()
    {
        using var table = TestTable.Create(spec: s => new PartitionSpecBuilder(s).Identity("value").Build());
        PrimaryKeyTable primaryKey = table.Open();
        (long, string?, int?)[] rows = [.. Enumerable.Range(0, 200).Select(i => ((long)i, (string?)$"n{i}", (int?)(i % 3)))];
        await Rows.CommitAsync(primaryKey, async w =>
        {
            using ColumnBatch batch = Rows.Of(rows);
            await w.InsertAsync(batch, Ct);
        });

        var files = table.DataFiles("change");
        Assert.Equal(12, files.Length); // 3 partitions x 4 nodes, inserts only
        foreach (string file in files)
        {
            PrimaryKeyFileName name = PrimaryKeyFileName.TryParse(file)!;
            Assert.Equal(PrimaryKeyFileKind.Insert, name.Kind);
            Assert.Equal(3, name.Node.Mask);
            Assert.Contains("/value=", file, StringComparison.Ordinal);
        }

        foreach ((long id, long tx, long offset, string action) in await ChangeRowsAsync(primaryKey))
        {
            Assert.Equal(id, offset);
            Assert.Equal("I", action);
        }

        // Every row sits in the file of its key's node.
        var scanTasks = await new TableScan(primaryKey.ChangeTable.Metadata, primaryKey.ChangeTable.Operations.Io).PlanFilesAsync(Ct);
        var reader = new FileScanTaskReader(primaryKey.ChangeTable.Operations.Io);
        int seen = 0;
        foreach (FileScanTask task in scanTasks)
        {
            DataTreeNode node = PrimaryKeyFileName.TryParse(task.File.FilePath)!.Node;
            await foreach (ColumnBatch batch in reader.ReadAsync(task, Ct))
            {
                using (batch)
                {
                    var ids = (PrimitiveVector<long>)batch.Column("id");
                    for (int row = 0; row < batch.RowCount; row++)
                    {
                        Assert.Equal(node, DataTreeNode.ForHash(Murmur3.HashLong(ids[row]), 4));
                        seen++;
                    }
                }
            }
        }

        Assert.Equal(200, seen);
    }

    [Fact]
    public async Task An_update_writes_before_and_after_rows_at_the_same_offset()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.CommitAsync(primaryKey, async w =>
        {
            using ColumnBatch before = Rows.Of((1, "a", 1), (2, "b", 2));
            using ColumnBatch after = Rows.Of((1, "a2", 10), (2, "b2", 20));
            await w.UpdateAsync(before, after, Ct);
            using ColumnBatch deleted = Rows.Of((3, null, null));
            await w.DeleteAsync(deleted, Ct);
        });

        var changes = (await ChangeRowsAsync(primaryKey)).OrderBy(c => c.Offset).ThenBy(c => c.Action).ToList();
        Assert.Equal([(1, 1, 0, "UA"), (1, 1, 0, "UB"), (2, 1, 1, "UA"), (2, 1, 1, "UB"), (3, 1, 2, "D")], changes);
    }

    [Fact]
    public async Task Empty_writes_commit_nothing()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        Assert.Null(await Rows.CommitAsync(primaryKey, async w =>
        {
            using ColumnBatch batch = Rows.Of();
            await w.UpsertAsync(batch, Ct);
        }));
        Assert.Null(primaryKey.ChangeTable.CurrentSnapshot);
        Assert.Equal(0, table.Change.Commits);
    }

    [Fact]
    public async Task Bad_input_is_refused_and_nothing_is_committed_or_left_behind()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();

        // Null key.
        var nullKey = ColumnBatch.Create([new ColumnField("id", ColumnType.Int64, FieldId: 1), Rows.Fields[1], Rows.Fields[2]]);
        ((PrimitiveVector<long>)nullKey.Column(0)).Append(1);
        nullKey.Column(0).AppendNull();
        ((BinaryVector)nullKey.Column(1)).Append("a");
        nullKey.Column(1).AppendNull();
        nullKey.Column(2).AppendNull();
        nullKey.Column(2).AppendNull();
        Assert.Contains("null primary key value in column 'id'", (await RefusedAsync(primaryKey, nullKey)).Message, StringComparison.Ordinal);

        // Key column missing.
        var noKey = ColumnBatch.Create([Rows.Fields[1]]);
        ((BinaryVector)noKey.Column(0)).Append("a");
        Assert.Contains("lacks primary key column 'id'", (await RefusedAsync(primaryKey, noKey)).Message, StringComparison.Ordinal);

        // Type mismatch.
        var wrongType = ColumnBatch.Create([new ColumnField("id", ColumnType.Int32), Rows.Fields[1]]);
        ((PrimitiveVector<int>)wrongType.Column(0)).Append(1);
        ((BinaryVector)wrongType.Column(1)).Append("a");
        Assert.Contains("'id' has type int32", (await RefusedAsync(primaryKey, wrongType)).Message, StringComparison.Ordinal);

        // Unknown column.
        var extra = ColumnBatch.Create([Rows.Fields[0], new ColumnField("other", ColumnType.Int32)]);
        ((PrimitiveVector<long>)extra.Column(0)).Append(1);
        ((PrimitiveVector<int>)extra.Column(1)).Append(1);
        Assert.Contains("'other' is not a column", (await RefusedAsync(primaryKey, extra)).Message, StringComparison.Ordinal);

        Assert.Null(primaryKey.ChangeTable.CurrentSnapshot);
        Assert.Equal(0, table.Change.Commits);
        Assert.Empty(table.DataFiles("change"));
    }

    [Fact]
    public async Task A_missing_nullable_column_is_written_as_nulls()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        await Rows.CommitAsync(primaryKey, async w =>
        {
            using var batch = ColumnBatch.Create([Rows.Fields[0]]);
            ((PrimitiveVector<long>)batch.Column(0)).Append(5);
            await w.InsertAsync(batch, Ct);
        });

        Assert.Equal([(5L, (string?)null, (int?)null)], await Rows.ReadAsync(primaryKey.NewScan()));
    }

    [Fact]
    public async Task A_writer_that_is_disposed_without_commit_deletes_its_files()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable primaryKey = table.Open();
        await using (var writer = primaryKey.NewChangeWriter())
        {
            using ColumnBatch batch = Rows.Of((1, "a", 1));
            await writer.UpsertAsync(batch, Ct);
        }

        Assert.Empty(table.DataFiles("change"));
        Assert.Null(primaryKey.ChangeTable.CurrentSnapshot);
    }

    [Fact]
    public async Task Writers_racing_on_the_same_keys_end_in_commit_order()
    {
        using var table = TestTable.Create();
        PrimaryKeyTable first = table.Open();
        PrimaryKeyTable second = table.Open();
        await using var a = first.NewChangeWriter();
        await using var b = second.NewChangeWriter();
        Assert.Equal(1, a.TransactionId);
        Assert.Equal(1, b.TransactionId);
        using (ColumnBatch rows = Rows.Of((1, "from-a", 1), (2, "from-a", 1)))
        {
            await a.UpsertAsync(rows, Ct);
        }

        using (ColumnBatch rows = Rows.Of((1, "from-b", 2), (3, "from-b", 2)))
        {
            await b.UpsertAsync(rows, Ct);
        }

        // b commits first: it keeps transaction 1; a finds the sequence moved and rewrites its rows as transaction 2.
        Assert.Equal(1, (await b.CommitAsync(Ct))!.TransactionId);
        Assert.Equal(2, (await a.CommitAsync(Ct))!.TransactionId);
        Assert.Equal(2, a.TransactionId);

        PrimaryKeyTable reader = table.Open();
        Assert.Equal([(1, "from-a", 1), (2, "from-a", 1), (3, "from-b", 2)], await Rows.ReadAsync(reader.NewScan()));
        var changes = await ChangeRowsAsync(reader);
        Assert.All(changes.Where(c => c.Id == 2), c => Assert.Equal(2, c.Tx));
        Assert.All(changes.Where(c => c.Id == 3), c => Assert.Equal(1, c.Tx));
        // The files written with the predicted id were replaced: every file on disk is committed and named by its transaction.
        var committed = await new TableScan(reader.ChangeTable.Metadata, reader.ChangeTable.Operations.Io).PlanFilesAsync(Ct);
        Assert.Equal(committed.Select(t => t.File.FilePath).Order(), table.DataFiles("change").Order());
        Assert.Contains(committed, t => PrimaryKeyFileName.TryParse(t.File.FilePath)!.TransactionId == 2);
        Assert.Contains(committed, t => PrimaryKeyFileName.TryParse(t.File.FilePath)!.TransactionId == 1);
    }

    [Fact]
    public async Task Many_concurrent_writers_get_distinct_transactions_in_commit_order()
    {
        using var table = TestTable.Create();
        const int writers = 6;
        var commits = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
            (i, await Rows.UpsertAsync(table.Open(), (1, $"w{i}", i), (100 + i, "own", i))), Ct)));
        long[] transactions = [.. commits.Select(c => c.Item2!.TransactionId).Order()];
        Assert.Equal([.. Enumerable.Range(1, writers).Select(i => (long)i)], transactions);

        int last = commits.MaxBy(c => c.Item2!.TransactionId).i;
        var rows = await Rows.ReadAsync(table.Open().NewScan());
        Assert.Equal((1L, (string?)$"w{last}", (int?)last), rows[0]);
        Assert.Equal(writers + 1, rows.Count);
    }

    internal static async Task<List<(long Id, long Tx, long Offset, string Action)>> ChangeRowsAsync(PrimaryKeyTable table)
    {
        var result = new List<(long, long, long, string)>();
        await foreach (ColumnBatch batch in new TableScan(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io).ReadAsync(Ct))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    result.Add(((long)batch.Column("id").GetValue(row)!, (long)batch.Column("_transaction_id").GetValue(row)!,
                        (long)batch.Column("_file_offset").GetValue(row)!, (string)batch.Column("_change_action").GetValue(row)!));
                }
            }
        }

        return result;
    }

    private static async Task<FloeException> RefusedAsync(PrimaryKeyTable table, ColumnBatch batch)
    {
        using (batch)
        {
            await using var writer = table.NewChangeWriter();
            using (ColumnBatch good = Rows.Of((9, "ok", 9)))
            {
                await writer.UpsertAsync(good, Ct);
            }

            var error = await Assert.ThrowsAsync<FloeException>(async () => await writer.UpsertAsync(batch, Ct));
            Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
            return error;
        }
    }
}
