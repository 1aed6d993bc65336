using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Arrow;
using Floe.Common.Errors;
using Floe.Sql;

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
        Assert.Null(keyed.CurrentSnapshotId);
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => Catalog.LoadTableAsync("db.missing", Ct))).Kind);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_table_schema_is_the_arrow_schema_it_was_created_from_with_field_ids(bool primaryKey)
    {
        FloeTable table = await CreateAsync(primaryKey);
        Apache.Arrow.Schema schema = (await Catalog.LoadTableAsync(table.Name, Ct)).Schema;
        Assert.Equal(["id", "name", "value", "ts"], schema.FieldsList.Select(f => f.Name));
        Assert.Equal([false, true, true, true], schema.FieldsList.Select(f => f.IsNullable));
        Assert.Equal([ArrowTypeId.Int64, ArrowTypeId.String, ArrowTypeId.Int32, ArrowTypeId.Timestamp], schema.FieldsList.Select(f => f.DataType.TypeId));
        var ts = (TimestampType)schema.GetFieldByName("ts").DataType;
        Assert.Equal((TimeUnit.Microsecond, "UTC"), (ts.Unit, ts.Timezone));
        Assert.All(schema.FieldsList, f => Assert.NotNull(ArrowSchemas.FieldId(f)));
        Assert.Equal(4, schema.FieldsList.Select(ArrowSchemas.FieldId).Distinct().Count());
    }

    [Fact]
    public async Task A_schema_with_parquet_field_ids_creates_the_table_and_its_batches_write_by_name()
    {
        var schema = new Apache.Arrow.Schema.Builder()
            .Field(f => f.Name("a").DataType(Int64Type.Default).Nullable(false).Metadata(ArrowSchemas.FieldIdKey, "7"))
            .Field(f => f.Name("b").DataType(StringType.Default).Metadata(ArrowSchemas.FieldIdKey, "9"))
            .Build();
        FloeTable table = await Catalog.CreateTableAsync("db.ids", schema, cancellationToken: Ct);

        // The catalog numbers a new table's columns afresh, as Iceberg does; the table's schema says which ids it chose.
        Assert.Equal(["a", "b"], table.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(2, table.Schema.FieldsList.Select(ArrowSchemas.FieldId).Distinct().Count());
        using RecordBatch rows = new RecordBatch(schema, [new Int64Array.Builder().Append(5).Build(), new StringArray.Builder().Append("x").Build()], 1);
        await table.AppendAsync(rows, Ct);
        Assert.Equal(["5|x"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Append_then_scan_with_filter_projection_and_snapshot(bool primaryKey)
    {
        FloeTable table = await CreateAsync(primaryKey);
        using RecordBatch firstRows = TestRows.Of((1, "a", 10), (2, null, null));
        WriteResult first = await table.AppendAsync(firstRows, Ct);
        Assert.Equal(2, first.Rows);
        Assert.Equal(table.CurrentSnapshotId, first.SnapshotId);
        Assert.Equal(2, firstRows.Length);
        WriteResult second = await table.AppendAsync(Batches(TestRows.Of((3, "c", 30)), TestRows.Of((4, "d", 40))), Ct);
        Assert.Equal(2, second.Rows);
        Assert.NotEqual(first.SnapshotId, second.SnapshotId);

        Assert.Equal(["1|a|10|00:01", "2|null|null|00:02", "3|c|30|00:03", "4|d|40|00:04"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
        var options = new FloeScanOptions { Filter = "id > 1 and name is not null", Columns = ["name", "ts"] };
        Assert.Equal(["name", "ts"], table.ProjectionOf(options).FieldsList.Select(f => f.Name));
        Assert.Equal(["c|00:03", "d|00:04"], await TestRows.ReadAsync(table.ScanAsync(options, Ct)));
        Assert.Equal(["3|c|30|00:03"], await TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { Filter = "ts >= '2026-01-02T00:03:00Z' and ts < '2026-01-02T00:04:00Z'" }, Ct)));
        Assert.Equal(["1|a|10|00:01", "2|null|null|00:02"], await TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { SnapshotId = first.SnapshotId }, Ct)));

        var missing = await Assert.ThrowsAsync<FloeException>(() => TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { SnapshotId = 42 }, Ct)));
        Assert.Equal(FloeErrorKind.NotFound, missing.Kind);
        Assert.Contains("snapshot 42", missing.Message, StringComparison.Ordinal);
        Assert.False((await table.AppendAsync(AsyncEnumerable.Empty<RecordBatch>(), Ct)).Committed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_scan_filter_with_arithmetic_is_checked_row_by_row_even_on_unselected_columns(bool primaryKey)
    {
        FloeTable table = await CreateAsync(primaryKey);
        await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20), (3, "c", null), (4, "d", 40)), Ct);
        Assert.Equal(["2|b|20|00:02", "4|d|40|00:04"], await TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { Filter = "value * 2 + id > 40" }, Ct)));
        var narrow = new FloeScanOptions { Filter = "value * 2 + id > 40", Columns = ["name"] };
        Assert.Equal(["name"], table.ProjectionOf(narrow).FieldsList.Select(f => f.Name));
        Assert.Equal(["b", "d"], await TestRows.ReadAsync(table.ScanAsync(narrow, Ct)));
        Assert.Empty(await TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { Filter = "value - 100 > 0" }, Ct)));
    }

    [Fact]
    public async Task A_bad_filter_fails_with_the_position_of_the_offending_token_before_anything_is_read_or_written()
    {
        FloeTable table = await CreateAsync(primaryKey: false);
        await table.AppendAsync(TestRows.Of((1, "a", 10)), Ct);
        long? before = table.CurrentSnapshotId;

        var scan = await Assert.ThrowsAsync<SqlTextException>(() => TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { Filter = "id > > 1" }, Ct)));
        Assert.Equal(FloeErrorKind.InvalidArgument, scan.Kind);
        Assert.Equal(6, scan.Column);
        Assert.StartsWith("Invalid filter at position 6:", scan.Message, StringComparison.Ordinal);

        var delete = await Assert.ThrowsAsync<SqlTextException>(() => table.DeleteAsync("id = 1 and", Ct));
        Assert.Equal(11, delete.Column);
        var missing = await Assert.ThrowsAsync<SqlTextException>(() => table.DeleteAsync("colour = 'red'", Ct));
        Assert.Equal(1, missing.Column);
        Assert.Contains("unknown column 'colour'", missing.Message, StringComparison.Ordinal);
        var overwrite = await Assert.ThrowsAsync<FloeException>(() => table.OverwriteAsync("value * 2 > 3", TestRows.Of((2, "b", 20)), Ct));
        Assert.Contains("arithmetic", overwrite.Message, StringComparison.Ordinal);

        await table.RefreshAsync(Ct);
        Assert.Equal(before, table.CurrentSnapshotId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delete_by_filter_removes_the_matching_rows(bool primaryKey)
    {
        FloeTable table = await CreateAsync(primaryKey);
        await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20), (3, "c", 30)), Ct);
        WriteResult deleted = await table.DeleteAsync("value / 10 + id >= 4", Ct);
        Assert.Equal(2, deleted.Rows);
        Assert.True(deleted.Committed);
        Assert.Equal(["1|a|10|00:01"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
        Assert.False((await table.DeleteAsync("id > 5", Ct)).Committed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Overwrite_replaces_the_rows_of_the_filter(bool primaryKey)
    {
        FloeTable table = await CreateAsync(primaryKey, partitionBy: "value, day(ts)");
        await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20), (3, "c", 20)), Ct);
        WriteResult replaced = await table.OverwriteAsync("value = 20", TestRows.Of((4, "d", 20)), Ct);
        Assert.Equal(1, replaced.Rows);
        Assert.Equal(["1|a|10|00:01", "4|d|20|00:04"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
    }

    [Fact]
    public async Task Overwrite_of_a_file_only_partly_matching_names_the_file_and_commits_nothing()
    {
        FloeTable table = await CreateAsync(primaryKey: false);
        await table.AppendAsync(TestRows.Of((1, "a", 10), (2, "b", 20)), Ct);
        long? before = table.CurrentSnapshotId;
        var error = await Assert.ThrowsAsync<FloeException>(() => table.OverwriteAsync("value = 20", TestRows.Of((4, "d", 20)), Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(".parquet", error.Message, StringComparison.Ordinal);
        await table.RefreshAsync(Ct);
        Assert.Equal(before, table.CurrentSnapshotId);
        Assert.Equal(["1|a|10|00:01", "2|b|20|00:02"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
    }

    [Fact]
    public async Task A_bad_partition_spec_fails_with_its_position()
    {
        var error = await Assert.ThrowsAsync<SqlTextException>(() => CreateAsync(primaryKey: false, partitionBy: "day(ts), bucket(16 id)"));
        Assert.Equal("PartitionBy", error.Subject);
        Assert.False(await Catalog.TableExistsAsync("db.plain", Ct));
    }

    [Fact]
    public async Task Upsert_and_delete_by_keys_change_a_primary_key_table()
    {
        FloeTable table = await CreateAsync(primaryKey: true);
        await table.UpsertAsync(TestRows.Of((1, "a", 10), (2, "b", 20)), Ct);
        WriteResult upserted = await table.UpsertAsync(TestRows.Of((2, "B", null), (3, "c", 30)), Ct);
        Assert.Equal(2, upserted.Rows);
        Assert.Equal(["1|a|10|00:01", "2|B|null|00:02", "3|c|30|00:03"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));

        using RecordBatch keys = new RecordBatch.Builder().Append("id", false, c => c.Int64(a => a.Append(1))).Build();
        WriteResult deleted = await table.DeleteKeysAsync(keys, Ct);
        Assert.Equal(1, deleted.Rows);
        Assert.Equal(["2|B|null|00:02", "3|c|30|00:03"], await TestRows.ReadAsync(table.ScanAsync(cancellationToken: Ct)));
        Assert.Equal(["2|B|null|00:02", "3|c|30|00:03"], await TestRows.ReadAsync(table.ScanAsync(new FloeScanOptions { AsOf = DateTimeOffset.UtcNow.AddMinutes(1) }, Ct)));
    }

    [Fact]
    public async Task A_batch_missing_a_required_column_is_refused_naming_it()
    {
        FloeTable table = await CreateAsync(primaryKey: false);
        using RecordBatch noId = new RecordBatch.Builder().Append("name", true, c => c.String(a => a.Append("x"))).Build();
        var error = await Assert.ThrowsAsync<FloeException>(() => table.AppendAsync(noId, Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
        Assert.Null(table.CurrentSnapshotId);
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
    public async Task Change_reads_are_record_batches_with_the_change_type_and_resume_from_a_stored_position()
    {
        FloeTable table = await CreateAsync(primaryKey: true);
        await table.UpsertAsync(TestRows.Of((1, "a", 10)), Ct);
        string? position = null;
        var first = new List<string>();
        await foreach (FloeChangeBatch batch in table.ReadChangesAsync(position, Ct))
        {
            using (batch)
            {
                Assert.Equal(["id", "name", "value", "ts", FloeChangeBatch.ChangeTypeColumn], batch.Batch.Schema.FieldsList.Select(f => f.Name));
                first.AddRange(TestRows.Rows(batch.Batch));
                position = batch.Position;
            }
        }

        // An upsert of a key writes its delete (the key alone) and its insert.
        Assert.Equal(["1|a|10|00:01|INSERT", "1|null|null|null|DELETE"], first.Order(StringComparer.Ordinal));
        Assert.NotNull(position);
        await table.DeleteKeysAsync(TestRows.Of((1, "a", 10)), Ct);
        await table.UpsertAsync(TestRows.Of((2, null, 20)), Ct);

        var resumed = new List<string>();
        await foreach (FloeChangeBatch batch in table.ReadChangesAsync(position, Ct))
        {
            using (batch)
            {
                resumed.AddRange(TestRows.Rows(batch.Batch).Select(row => row.Split('|')[^1] + ":" + row.Split('|')[0]));
            }
        }

        Assert.Equal(["DELETE:1", "DELETE:2", "INSERT:2"], resumed);
    }

    private static async IAsyncEnumerable<RecordBatch> Batches(params RecordBatch[] batches)
    {
        foreach (RecordBatch batch in batches)
        {
            await Task.Yield();
            yield return batch;
        }
    }
}
