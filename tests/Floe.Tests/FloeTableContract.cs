using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Values;
using Floe.Table.RowLevel;

namespace Floe.Tests;

/// <summary>
/// Every <see cref="FloeTable"/> verb on both kinds of table, run against each kind of catalog by the classes below
/// (a filesystem warehouse, a SQLite metastore, a running <c>floe server</c>).
/// </summary>
public abstract class FloeTableContract : IAsyncLifetime
{
    private FloeCatalog? _catalog;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected FloeCatalog Catalog => _catalog!;

    /// <summary>The catalog string <see cref="FloeCatalog.OpenAsync"/> is given.</summary>
    protected abstract Task<string> CatalogStringAsync();

    protected virtual FloeCatalogOptions? Options => null;

    public virtual async ValueTask InitializeAsync()
    {
        _catalog = await FloeCatalog.OpenAsync(await CatalogStringAsync(), Options, Ct);
        await _catalog.CreateNamespaceAsync("db", Ct);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }
    }

    private static RowPredicate IdAbove(long id) =>
        RowPredicate.Compare(ComparisonOperator.GreaterThan, ValueExpression.Column("id"), ValueExpression.Constant(Literal.Of(id)));

    private Task<FloeTable> CreateAsync(bool primaryKey, string? partitionBy = null) => primaryKey
        ? Catalog.CreatePrimaryKeyTableAsync("db.keyed", TestRows.Schema, ["id"], new FloeTableOptions { PartitionBy = partitionBy }, Ct)
        : Catalog.CreateTableAsync("db.plain", TestRows.Schema, new FloeTableOptions { PartitionBy = partitionBy }, Ct);

    [Fact]
    public async Task Namespaces_and_tables_of_both_kinds_are_listed_and_load_as_their_kind()
    {
        await CreateAsync(primaryKey: false);
        await CreateAsync(primaryKey: true);
        Assert.Contains("db", await Catalog.ListNamespacesAsync(cancellationToken: Ct));
        Assert.True(await Catalog.NamespaceExistsAsync("db", Ct));
        Assert.Equal(["db.keyed", "db.plain"], await Catalog.ListTablesAsync("db", Ct));

        FloeTable plain = await Catalog.LoadTableAsync("db.plain", Ct);
        FloeTable keyed = await Catalog.LoadTableAsync("db.keyed", Ct);
        Assert.False(plain.IsPrimaryKey);
        Assert.NotNull(plain.Iceberg);
        Assert.Null(plain.PrimaryKeyTable);
        Assert.Empty(plain.PrimaryKey);
        Assert.True(keyed.IsPrimaryKey);
        Assert.NotNull(keyed.PrimaryKeyTable);
        Assert.Equal(["id"], keyed.PrimaryKey);
        Assert.Equal("db.keyed", keyed.Name);
        Assert.Equal(["id", "name", "value"], keyed.Schema.Columns.Select(c => c.Name));
        Assert.Null(keyed.CurrentSnapshotId);
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => Catalog.LoadTableAsync("db.missing", Ct))).Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Append_then_scan_with_filter_projection_and_snapshot(bool primaryKey)
    {
        FloeTable table = await CreateAsync(primaryKey);
        WriteResult first = await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20)), Ct);
        Assert.Equal(2, first.Rows);
        Assert.Equal(table.CurrentSnapshotId, first.SnapshotId);
        WriteResult second = await table.AppendAsync(TestRows.Of((3, "c", 30)), Ct);
        Assert.NotEqual(first.SnapshotId, second.SnapshotId);

        Assert.Equal(["1|a|10", "2|b|20", "3|c|30"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
        var options = new FloeScanOptions { Filter = Expr.GreaterThan("id", Literal.Of(1L)), Columns = ["name"] };
        Assert.Equal(["name"], table.ProjectionOf(options).Columns.Select(c => c.Name));
        Assert.Equal(["b", "c"], await TestRows.ReadAsync(table.ScanAsync(options, Ct)));
        Assert.Equal(["1|a|10", "2|b|20"], await TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { SnapshotId = first.SnapshotId }, Ct)));

        var missing = await Assert.ThrowsAsync<FloeException>(() => TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { SnapshotId = 42 }, Ct)));
        Assert.Equal(FloeErrorKind.NotFound, missing.Kind);
        Assert.Contains("snapshot 42", missing.Message, StringComparison.Ordinal);
        Assert.False((await table.AppendAsync(AsyncEnumerable.Empty<Common.Columnar.ColumnBatch>(), Ct)).Committed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delete_by_filter_removes_the_matching_rows(bool primaryKey)
    {
        FloeTable table = await CreateAsync(primaryKey);
        await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20), (3, "c", 30)), Ct);
        WriteResult deleted = await table.DeleteAsync(IdAbove(1), Ct);
        Assert.Equal(2, deleted.Rows);
        Assert.True(deleted.Committed);
        Assert.Equal(["1|a|10"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
        Assert.False((await table.DeleteAsync(IdAbove(5), Ct)).Committed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Overwrite_replaces_the_rows_of_the_filter(bool primaryKey)
    {
        FloeTable table = await CreateAsync(primaryKey, partitionBy: "value");
        await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20), (3, "c", 20)), Ct);
        WriteResult replaced = await table.OverwriteAsync(Expr.Equal("value", Literal.Of(20)), TestRows.Of((4, "d", 20)), Ct);
        Assert.Equal(1, replaced.Rows);
        Assert.Equal(["1|a|10", "4|d|20"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
    }

    [Fact]
    public async Task Overwrite_of_a_file_only_partly_matching_names_the_file_and_commits_nothing()
    {
        FloeTable table = await CreateAsync(primaryKey: false);
        await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20)), Ct);
        long? before = table.CurrentSnapshotId;
        var error = await Assert.ThrowsAsync<FloeException>(() => table.OverwriteAsync(Expr.Equal("value", Literal.Of(20)), TestRows.Of((4, "d", 20)), Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(".parquet", error.Message, StringComparison.Ordinal);
        await table.RefreshAsync(Ct);
        Assert.Equal(before, table.CurrentSnapshotId);
        Assert.Equal(["1|a|10", "2|b|20"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
    }

    [Fact]
    public async Task Upsert_and_delete_by_keys_change_a_primary_key_table()
    {
        FloeTable table = await CreateAsync(primaryKey: true);
        await table.UpsertAsync(TestRows.Of((1, "a", 10), (2, "b", 20)), Ct);
        WriteResult upserted = await table.UpsertAsync(TestRows.Of((2, "B", 21), (3, "c", 30)), Ct);
        Assert.Equal(2, upserted.Rows);
        Assert.Equal(["1|a|10", "2|B|21", "3|c|30"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));

        WriteResult deleted = await table.DeleteKeysAsync(TestRows.Of((1, "ignored", 0)), Ct);
        Assert.Equal(1, deleted.Rows);
        Assert.Equal(["2|B|21", "3|c|30"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
        Assert.Equal(["2|B|21", "3|c|30"], await TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { AsOf = DateTimeOffset.UtcNow.AddMinutes(1) }, Ct)));
    }

    [Fact]
    public async Task Verbs_of_primary_key_tables_on_a_plain_table_say_what_to_use_instead()
    {
        FloeTable table = await CreateAsync(primaryKey: false);
        var upsert = await Assert.ThrowsAsync<FloeException>(() => table.UpsertAsync(TestRows.Of((1, "a", 10)), Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, upsert.Kind);
        Assert.Contains("use AppendAsync", upsert.Message, StringComparison.Ordinal);
        var keys = await Assert.ThrowsAsync<FloeException>(() => table.DeleteKeysAsync(TestRows.Of((1, "a", 10)), Ct));
        Assert.Contains("use DeleteAsync", keys.Message, StringComparison.Ordinal);
        var changes = await Assert.ThrowsAsync<FloeException>(async () => await table.ReadChangesAsync(cancellationToken: Ct).ToListAsync(Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, changes.Kind);
        Assert.Contains("ScanAsync", changes.Message, StringComparison.Ordinal);
        Assert.Null(table.CurrentSnapshotId);
    }

    [Fact]
    public async Task Change_reads_resume_from_a_stored_position()
    {
        FloeTable table = await CreateAsync(primaryKey: true);
        await table.UpsertAsync(TestRows.Of((1, "a", 10)), Ct);
        string? position = null;
        var actions = new List<string>();
        await foreach (FloeChangeBatch batch in table.ReadChangesAsync(position, Ct))
        {
            using (batch)
            {
                foreach (var action in batch.Actions)
                {
                    actions.Add(action.ToString());
                }

                position = batch.Position;
            }
        }

        Assert.NotEmpty(actions);
        Assert.NotNull(position);
        await table.DeleteKeysAsync(TestRows.Of((1, "a", 10)), Ct);
        await table.UpsertAsync(TestRows.Of((2, "b", 20)), Ct);

        var resumed = new List<string>();
        await foreach (FloeChangeBatch batch in table.ReadChangesAsync(position, Ct))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    resumed.Add($"{batch.Actions[row]}:{batch.Rows.Column("id").GetValue(row)}");
                }
            }
        }

        Assert.Equal(["Delete:1", "Delete:2", "Insert:2"], resumed);
    }
}
