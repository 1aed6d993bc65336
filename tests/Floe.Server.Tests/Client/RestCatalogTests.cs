using Floe.Catalog;
using Floe.Catalog.Rest;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Server.Tests.Rest;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.Table.Scanning;

namespace Floe.Server.Tests.Client;

/// <summary><see cref="RestCatalog"/> against the real Floe server: every operation, and tables written through it.</summary>
public sealed class RestCatalogTests(SqliteFloeServer backend) : IClassFixture<SqliteFloeServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Schema TableSchema => SchemaJson.Parse(ConformanceBase<SqliteFloeServer>.SchemaJson);

    private Task<RestCatalog> OpenAsync(string? warehouse = null, int? pageSize = null) => RestCatalog.OpenAsync(
        new RestCatalogOptions { Uri = RestUri, Warehouse = warehouse, PageSize = pageSize }, Ct);

    private Uri RestUri => new(backend.Server.Address, "/api/iceberg/rest");

    private static Namespace UniqueNamespace() => Namespace.Of($"n{Guid.NewGuid():N}"[..12]);

    [Fact]
    public async Task Config_negotiates_the_prefix_of_a_warehouse()
    {
        using var lake = await OpenAsync(backend.OtherCatalog);
        Assert.Equal(backend.OtherCatalog, lake.Prefix);
        using var root = await OpenAsync();
        Assert.Null(root.Prefix);
        Assert.True(root.SupportsMultiTableCommit);

        var ns = UniqueNamespace();
        await lake.CreateNamespaceAsync(ns, Ct);
        Assert.True(await (await backend.OpenCatalogAsync(backend.OtherCatalog)).NamespaceExistsAsync(ns, Ct));
        Assert.False(await root.NamespaceExistsAsync(ns, Ct));
        var error = await Assert.ThrowsAsync<FloeException>(() => OpenAsync("nowhere"));
        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Namespaces_round_trip_with_properties_nesting_and_paging()
    {
        using var catalog = await OpenAsync(pageSize: 2);
        var ns = UniqueNamespace();
        await catalog.CreateNamespaceAsync(ns, new Dictionary<string, string> { ["owner"] = "ada", ["gone"] = "x" }, Ct);
        for (int i = 0; i < 5; i++)
        {
            await catalog.CreateNamespaceAsync(ns.Child($"c{i}"), Ct);
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => ns.Child($"c{i}")), await catalog.ListNamespacesAsync(ns, Ct));
        Assert.Contains(ns, await catalog.ListNamespacesAsync(Namespace.Empty, Ct));
        Assert.Equal("ada", (await catalog.LoadNamespacePropertiesAsync(ns, Ct))["owner"]);
        var change = await catalog.UpdateNamespacePropertiesAsync(ns, ["gone", "never"], new Dictionary<string, string> { ["owner"] = "bob" }, Ct);
        Assert.Equal(["owner"], change.Updated);
        Assert.Equal(["gone"], change.Removed);
        Assert.Equal(["never"], change.Missing);
        Assert.False((await catalog.LoadNamespacePropertiesAsync(ns, Ct)).ContainsKey("gone"));

        Assert.Equal(FloeErrorKind.NotEmpty, (await Assert.ThrowsAsync<FloeException>(() => catalog.DropNamespaceAsync(ns, Ct))).Kind);
        Assert.True(await catalog.DropNamespaceAsync(ns.Child("c0"), Ct));
        Assert.False(await catalog.DropNamespaceAsync(ns.Child("c0"), Ct));
        Assert.False(await catalog.NamespaceExistsAsync(ns.Child("c0"), Ct));
        Assert.Equal(FloeErrorKind.AlreadyExists, (await Assert.ThrowsAsync<FloeException>(() => catalog.CreateNamespaceAsync(ns, Ct))).Kind);
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => catalog.LoadNamespacePropertiesAsync(UniqueNamespace(), Ct))).Kind);
    }

    [Fact]
    public async Task Tables_round_trip_create_list_rename_register_and_drop()
    {
        using var catalog = await OpenAsync(pageSize: 2);
        var ns = UniqueNamespace();
        await catalog.CreateNamespaceAsync(ns, Ct);
        var names = new[] { "a", "b", "c" };
        foreach (string name in names)
        {
            await catalog.CreateTableAsync(new TableIdentifier(ns, name), TableSchema, properties: new Dictionary<string, string> { ["k"] = name }, cancellationToken: Ct);
        }

        Assert.Equal(names.Select(n => new TableIdentifier(ns, n)), await catalog.ListTablesAsync(ns, Ct));
        var a = new TableIdentifier(ns, "a");
        var loaded = (await catalog.LoadTableAsync(a, Ct)).Metadata;
        Assert.Equal("a", loaded.Property("k"));
        Assert.NotNull(loaded.MetadataFileLocation);
        Assert.True(await catalog.TableExistsAsync(a, Ct));
        Assert.Equal(FloeErrorKind.AlreadyExists, (await Assert.ThrowsAsync<FloeException>(() => catalog.CreateTableAsync(a, TableSchema, cancellationToken: Ct))).Kind);

        var renamed = new TableIdentifier(ns, "renamed");
        await catalog.RenameTableAsync(a, renamed, Ct);
        Assert.False(await catalog.TableExistsAsync(a, Ct));
        Assert.Equal(loaded.TableUuid, (await catalog.LoadTableAsync(renamed, Ct)).Metadata.TableUuid);

        Assert.True(await catalog.DropTableAsync(renamed, purge: false, Ct));
        var registered = await catalog.RegisterTableAsync(renamed, loaded.MetadataFileLocation!, cancellationToken: Ct);
        Assert.Equal(loaded.TableUuid, registered.TableUuid);

        var b = new TableIdentifier(ns, "b");
        string bMetadata = (await catalog.LoadTableAsync(b, Ct)).Metadata.MetadataFileLocation!;
        Assert.True(File.Exists(bMetadata));
        Assert.True(await catalog.DropTableAsync(b, purge: true, Ct));
        Assert.False(File.Exists(bMetadata));
        Assert.False(await catalog.DropTableAsync(b, purge: false, Ct));
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => catalog.LoadTableAsync(b, Ct))).Kind);
        Assert.Equal(FloeErrorKind.InvalidArgument,
            (await Assert.ThrowsAsync<FloeException>(() => catalog.RegisterTableAsync(new TableIdentifier(ns, "x"), "/etc/passwd", cancellationToken: Ct))).Kind);
    }

    [Fact]
    public async Task Rest_commits_and_transactions_apply_and_a_failed_requirement_is_a_conflict()
    {
        using var catalog = await OpenAsync();
        var ns = UniqueNamespace();
        await catalog.CreateNamespaceAsync(ns, Ct);
        var t = new TableIdentifier(ns, "t");
        var u = new TableIdentifier(ns, "u");
        var created = await catalog.CreateTableAsync(t, TableSchema, cancellationToken: Ct);
        await catalog.CreateTableAsync(u, TableSchema, cancellationToken: Ct);

        var set = new MetadataUpdate.SetProperties(new Dictionary<string, string> { ["p"] = "1" });
        var after = await catalog.CommitTableAsync(t, [new UpdateRequirement.AssertTableUuid(created.TableUuid!.Value)], [set], Ct);
        Assert.Equal("1", after.Property("p"));
        var conflict = await Assert.ThrowsAsync<FloeException>(() =>
            catalog.CommitTableAsync(t, [new UpdateRequirement.AssertTableUuid(Guid.NewGuid())], [set], Ct));
        Assert.Equal(FloeErrorKind.CommitConflict, conflict.Kind);
        Assert.True(conflict.IsRetryable);

        var results = await catalog.CommitTransactionAsync([new TableCommit(t, [], [set]), new TableCommit(u, [], [set])], Ct);
        Assert.All(results, m => Assert.Equal("1", m.Property("p")));
        var direct = await backend.OpenCatalogAsync(backend.DefaultCatalog);
        Assert.Equal("1", (await direct.LoadTableAsync(u, Ct)).Metadata.Property("p"));
    }

    [Fact]
    public async Task An_iceberg_table_appends_deletes_and_scans_through_rest_as_the_server_sees_it()
    {
        using var catalog = await OpenAsync();
        var ns = UniqueNamespace();
        await catalog.CreateNamespaceAsync(ns, Ct);
        var id = new TableIdentifier(ns, "t");
        await catalog.CreateTableAsync(id, TableSchema, cancellationToken: Ct);
        var table = await catalog.LoadTableAsync(id, Ct);
        var first = await AppendRowsAsync(table, (1, "a", 1.5), (2, "b", 2.5));
        await AppendRowsAsync(table, (3, "c", 3.5));
        await table.NewDelete().DeleteFile(first).CommitAsync(Ct);

        var direct = await (await backend.OpenCatalogAsync(backend.DefaultCatalog)).LoadTableAsync(id, Ct);
        Assert.Equal(table.CurrentSnapshot!.SnapshotId, direct.CurrentSnapshot!.SnapshotId);
        Assert.Equal(3, direct.Metadata.Snapshots.Count);
        Assert.Equal([3L], await ReadIdsAsync(direct));
        Assert.Equal([3L], await ReadIdsAsync(await catalog.LoadTableAsync(id, Ct)));
    }

    [Fact]
    public async Task Concurrent_clients_both_land_after_a_conflict()
    {
        using var one = await OpenAsync();
        using var two = await OpenAsync();
        var ns = UniqueNamespace();
        await one.CreateNamespaceAsync(ns, Ct);
        var id = new TableIdentifier(ns, "t");
        await one.CreateTableAsync(id, TableSchema, cancellationToken: Ct);
        var a = await one.LoadTableAsync(id, Ct);
        var b = await two.LoadTableAsync(id, Ct);

        // b commits on the base a already replaced: its first attempt gets 409 and the committer retries.
        await AppendRowsAsync(a, (1, "a", 1.0));
        await AppendRowsAsync(b, (2, "b", 2.0));
        var direct = await (await backend.OpenCatalogAsync(backend.DefaultCatalog)).LoadTableAsync(id, Ct);
        Assert.Equal(2, direct.Metadata.Snapshots.Count);
        Assert.Equal([1L, 2L], await ReadIdsAsync(direct));
    }

    [Fact]
    public async Task A_stale_base_commit_is_a_conflict_not_a_silent_overwrite()
    {
        using var catalog = await OpenAsync();
        var ns = UniqueNamespace();
        await catalog.CreateNamespaceAsync(ns, Ct);
        var id = new TableIdentifier(ns, "t");
        var created = await catalog.CreateTableAsync(id, TableSchema, cancellationToken: Ct);
        var table = await catalog.LoadTableAsync(id, Ct);
        await AppendRowsAsync(table, (1, "a", 1.0));
        var ops = (await catalog.LoadTableAsync(id, Ct)).Operations;
        var error = await Assert.ThrowsAsync<FloeException>(() => ops.CommitAsync(created, WithRef(created, table.Metadata), Ct));
        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Equal("y", (await catalog.CommitTableAsync(id, table.Metadata, TableMetadataBuilder.From(table.Metadata).SetProperties(new Dictionary<string, string> { ["x"] = "y" }).Build(), Ct)).Property("x"));
    }

    // The snapshot the other writer added, put on the stale base: committing it asserts main is still unset.
    private static TableMetadata WithRef(TableMetadata stale, TableMetadata current) =>
        TableMetadataBuilder.From(stale).AddSnapshot(current.CurrentSnapshot!).SetBranchSnapshot(current.CurrentSnapshot!.SnapshotId).Build();

    internal static async Task<List<long>> ReadIdsAsync(IcebergTable table)
    {
        var ids = new List<long>();
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync(Ct))
        {
            using (batch)
            {
                for (int r = 0; r < batch.RowCount; r++)
                {
                    ids.Add((long)batch.Column(0).GetValue(r)!);
                }
            }
        }

        ids.Sort();
        return ids;
    }

    internal static async Task<DataFile> AppendRowsAsync(IcebergTable table, params (long Id, string Category, double Value)[] rows)
    {
        var schema = table.Schema;
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(schema), rows.Length);
        foreach (var (id, category, value) in rows)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(id);
            ((BinaryVector)batch.Column(1)).Append(category);
            ((PrimitiveVector<double>)batch.Column(2)).Append(value);
        }

        DataFile file;
        using (batch)
        {
            string filePath = Path.Combine(table.Metadata.Location, "data", $"{Guid.NewGuid():N}.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
            var writer = new DataFileWriter(File.Create(filePath), filePath, new DataWriterConfig { Schema = schema, Spec = table.Spec }, PartitionData.Empty);
            await using (writer)
            {
                await writer.WriteAsync(batch, Ct);
                file = await writer.CloseAsync(Ct);
            }
        }

        await table.NewFastAppend().AppendFile(file).CommitAsync(Ct);
        return file;
    }

    [Fact]
    public async Task One_string_opens_the_catalog_and_primary_key_tables_use_both_stores()
    {
        using var catalog = Assert.IsType<RestCatalog>(await CatalogUri.OpenAsync($"{RestUri}?warehouse={backend.DefaultCatalog}", cancellationToken: Ct));
        Assert.Equal(backend.DefaultCatalog, catalog.Prefix);
        var ns = UniqueNamespace();
        await catalog.CreateNamespaceAsync(ns, Ct);
        var users = new TableIdentifier(ns, "users");
        var events = new TableIdentifier(ns, "events");
        await catalog.CreateTableAsync(events, TableSchema, cancellationToken: Ct);

        var created = await catalog.CreatePrimaryKeyTableAsync(users, TableSchema, ["id"], cancellationToken: Ct);
        Assert.Equal(["id"], created.PrimaryKey.Names);
        Assert.True(await catalog.IsPrimaryKeyTableAsync(users, Ct));
        Assert.False(await catalog.IsPrimaryKeyTableAsync(events, Ct));
        Assert.Equal([events, users], await catalog.ListTablesAsync(ns, Ct));

        var loaded = await catalog.LoadPrimaryKeyTableAsync(users, Ct);
        await loaded.ChangeTable.UpdateProperties().Set("through", "client").CommitAsync(Ct);
        var seen = await (await backend.OpenCatalogAsync(backend.DefaultCatalog)).LoadPrimaryKeyTableAsync(users, Ct);
        Assert.Equal(created.ChangeTable.Metadata.TableUuid, seen.ChangeTable.Metadata.TableUuid);
        Assert.Equal("client", seen.ChangeTable.Metadata.Property("through"));
        Assert.Null(seen.BaseTable.Metadata.Property("through"));

        Assert.Equal(FloeErrorKind.InvalidArgument, (await Assert.ThrowsAsync<FloeException>(() => catalog.LoadPrimaryKeyTableAsync(events, Ct))).Kind);
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => catalog.LoadPrimaryKeyTableAsync(new TableIdentifier(ns, "none"), Ct))).Kind);
        Assert.True(await catalog.DropTableAsync(users, purge: true, Ct));
        Assert.False(await catalog.IsPrimaryKeyTableAsync(users, Ct));
    }
}
