using Floe.Table.Data.Columns;
using Floe.TestKit;
using System.Globalization;
using System.Text.Json;
using Floe.Common.Columnar;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.PrimaryKeys.Writing;
using Floe.Table.Scanning;

namespace Floe.Interop.Tests.PrimaryKeys;

/// <summary>
/// DuckDB reads the base and change data files of a primary-key table: the change files hold the complete ordered
/// change log in their metadata columns, and the base files minus their position deletes, overlaid with the newer
/// changes, give exactly the rows of Floe's merged view.
/// </summary>
public sealed class DuckDbReadsPrimaryKeyTableTests : IDisposable
{
    private static readonly Schema s_schema = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
    ]);

    private readonly string _directory = Directory.CreateTempSubdirectory("floe-mixed-interop-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DuckDb_reads_the_change_log_and_the_merged_rows_from_base_and_change_files()
    {
        var ct = TestContext.Current.CancellationToken;
        (TableMetadata b, TableMetadata c) = PrimaryKeyTableMetadata.Create(s_schema, null, ["id"], _directory, new Dictionary<string, string>
        {
            [PrimaryKeyProperties.BaseHashBucket.Key] = "2",
            [PrimaryKeyProperties.ChangeHashBucket.Key] = "2",
        });
        var table = new PrimaryKeyTable("db.t", new PrimaryKeyStoreOperations(b), new PrimaryKeyStoreOperations(c));
        await CommitAsync(table, (w, rows) => w.UpsertAsync(rows, ct), [.. Enumerable.Range(0, 30).Select(i => ((long)i, $"v1-{i}"))]);
        await CommitAsync(table, (w, rows) => w.DeleteAsync(rows, ct), (3, "x"), (4, "x"));
        // Fragments kept: the base files get position deletes, which DuckDB is to apply.
        var keepFragments = new OptimizeOptions { MergeFragments = false };
        await table.OptimizeAsync(keepFragments, ct);
        await CommitAsync(table, async (w, rows) =>
        {
            using ColumnBatch after = Batch((5, "v2-5"));
            await w.UpdateAsync(rows, after, ct);
        }, (5, "v1-5"));
        await CommitAsync(table, (w, rows) => w.UpsertAsync(rows, ct), (6, "v2-6"), (40, "v2-40"));
        await CommitAsync(table, (w, rows) => w.DeleteAsync(rows, ct), (7, "x"));
        await table.OptimizeAsync(keepFragments, ct);
        await CommitAsync(table, (w, rows) => w.UpsertAsync(rows, ct), (8, "v3-8"), (41, "v3-41"));
        await CommitAsync(table, (w, rows) => w.DeleteAsync(rows, ct), (9, "x"), (41, "x"));

        IReadOnlyList<FileScanTask> baseFiles = await new TableScan(table.BaseTable.Metadata, table.BaseTable.Operations.Io).PlanFilesAsync(ct);
        IReadOnlyList<FileScanTask> changeFiles = await new TableScan(table.ChangeTable.Metadata, table.ChangeTable.Operations.Io).PlanFilesAsync(ct);
        string[] deleteFiles = [.. baseFiles.SelectMany(t => t.Deletes).Select(d => d.FilePath).Distinct()];
        Assert.NotEmpty(deleteFiles);
        long optimized = OptimizedSequence.Of(table.BaseTable.Metadata, table.BaseTable.CurrentSnapshot).Of("");
        Assert.True(optimized > 0);

        // 1. The change log: every change row with its metadata columns, in (transaction, offset) order.
        string changes = List(changeFiles.Select(t => t.File.FilePath));
        string logQuery =
            $"select _change_action || '|' || _transaction_id || '|' || _file_offset || '|' || id || '|' || coalesce(name, 'null') as r from read_parquet({changes}) " +
            "order by _transaction_id, _file_offset, case when _change_action in ('D', 'UB') then 0 else 1 end";
        string[] log = await QueryAsync(changeFiles[0].File.FilePath, logQuery, ct);
        var expectedLog = new List<string>();
        await foreach (ChangeBatch batch in table.NewChangeDataScan().ReadAsync(ct))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    expectedLog.Add(string.Join('|', batch.Actions[row].Code(), batch.TransactionIds[row], batch.Offsets[row], batch.Rows.Column(0).GetValue(row), batch.Rows.Column(1).GetValue(row) ?? "null"));
                }
            }
        }

        Assert.Equal(expectedLog, log);
        Assert.Contains(log, l => l.StartsWith("UB|", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("UA|", StringComparison.Ordinal));

        // 2. The merged view: base rows not position-deleted, older than every change after the optimized point; the
        //    newest change per key wins and keeps the row only for I and UA.
        string bases = List(baseFiles.Select(t => t.File.FilePath));
        string deletes = List(deleteFiles);
        string mergeQuery = string.Create(CultureInfo.InvariantCulture, $"""
            with base_rows as (
              select b.id, b.name, -1 as tx, 0 as off, 1 as side, 'B' as action
              from read_parquet({bases}, filename = true, file_row_number = true) b
              anti join read_parquet({deletes}) d on d.file_path = b.filename and d.pos = b.file_row_number
            ), change_rows as (
              select id, name, _transaction_id as tx, _file_offset as off,
                     case when _change_action in ('D', 'UB') then 0 else 1 end as side, _change_action as action
              from read_parquet({changes}) where _transaction_id > {optimized}
            ), ranked as (
              select *, row_number() over (partition by id order by tx desc, off desc, side desc) as n
              from (select * from base_rows union all select * from change_rows)
            )
            select id || '|' || coalesce(name, 'null') as r from ranked where n = 1 and action in ('B', 'I', 'UA') order by id
            """);
        string[] merged = await QueryAsync(changeFiles[0].File.FilePath, mergeQuery, ct);

        var expected = new List<string>();
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync(ct))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    expected.Add($"{batch.Column("id").GetValue(row)}|{batch.Column("name").GetValue(row) ?? "null"}");
                }
            }
        }

        Assert.Equal([.. expected.OrderBy(e => long.Parse(e.AsSpan(0, e.IndexOf('|')), CultureInfo.InvariantCulture))], merged);
        Assert.Equal(27, merged.Length);
        Assert.Contains("5|v2-5", merged);
        Assert.Contains("8|v3-8", merged);
        Assert.DoesNotContain(merged, r => r.StartsWith("9|", StringComparison.Ordinal) || r.StartsWith("41|", StringComparison.Ordinal));
    }

    private static async Task CommitAsync(PrimaryKeyTable table, Func<ChangeWriter, ColumnBatch, ValueTask> write, params (long Id, string Name)[] rows)
    {
        await using ChangeWriter writer = table.NewChangeWriter();
        using ColumnBatch batch = Batch(rows);
        await write(writer, batch);
        await writer.CommitAsync(TestContext.Current.CancellationToken);
    }

    private static ColumnBatch Batch(params (long Id, string Name)[] rows)
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(s_schema), rows.Length);
        foreach ((long id, string name) in rows)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(id);
            ((BinaryVector)batch.Column(1)).Append(name);
        }

        return batch;
    }

    private static string List(IEnumerable<string> paths) => "[" + string.Join(", ", paths.Select(p => $"'{p.Replace("'", "''", StringComparison.Ordinal)}'")) + "]";

    private static async Task<string[]> QueryAsync(string anyFile, string query, CancellationToken ct)
    {
        string output = await NodeRunner.RunAsync("duckdb-read-parquet.mjs", [anyFile, query], ct);
        using JsonDocument result = JsonDocument.Parse(output);
        return [.. result.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("r").GetString()!)];
    }
}
