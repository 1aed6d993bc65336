using Floe.Catalog.Metastore;
using Floe.Catalog.Tests.Contract;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Catalog.Tests.Metastore;

/// <summary>
/// The shared catalog behaviour plus what only the metastore catalog does (parallel committers, restart, pointer
/// files, multi-table atomicity, primary-key stores, internal catalogs), run once per database engine.
/// </summary>
public abstract partial class MetastoreCatalogContractTests : CatalogContractTests
{
    private MetastoreSettings? _settings;

    /// <summary>This test's catalog: a unique name, so tests may share one database.</summary>
    protected string CatalogName { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    protected MetastoreDatabase Database { get; private set; } = null!;

    protected MetastoreCatalog Metastore => (MetastoreCatalog)Catalog;

    /// <summary>Settings of a metastore for this test; <paramref name="fresh"/> asks for a database no other test uses.</summary>
    protected abstract Task<MetastoreSettings> CreateSettingsAsync(bool fresh = false);

    protected override async Task<ICatalog> OpenCatalogAsync()
    {
        _settings = await CreateSettingsAsync();
        Database = await MetastoreDatabase.OpenAsync(_settings, cancellationToken: Ct);
        await Database.Catalogs.CreateAsync(CatalogName, TempFolder("warehouse"), new Dictionary<string, string> { ["owner"] = "tests" }, Ct);
        return await Database.OpenCatalogAsync(CatalogName, Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        Database?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>Closes the metastore and opens it again from its settings, as a restarted server would.</summary>
    protected async Task<MetastoreCatalog> ReopenAsync()
    {
        Database.Dispose();
        Database = await MetastoreDatabase.OpenAsync(_settings!, cancellationToken: Ct);
        return await Database.OpenCatalogAsync(CatalogName, Ct);
    }

    [Fact]
    public async Task Open_migrates_to_the_latest_schema_version_once()
    {
        Assert.Equal(3, Database.SchemaVersion);

        var reopened = await ReopenAsync();

        Assert.Equal(3, Database.SchemaVersion);
        Assert.Equal(CatalogName, reopened.Name);
        var versions = await Database.WithConnectionAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM schema_version";
            return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        }, Ct);
        Assert.Equal(3, versions);
    }

    [Fact]
    public async Task Open_refuses_a_database_newer_than_this_build()
    {
        var settings = await CreateSettingsAsync(fresh: true);
        using var database = await MetastoreDatabase.OpenAsync(settings, cancellationToken: Ct);
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO schema_version (version, applied_ms) VALUES (99, 0)";
            return await command.ExecuteNonQueryAsync(Ct);
        }, Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => MetastoreDatabase.OpenAsync(settings, cancellationToken: Ct));

        Assert.Equal(FloeErrorKind.Unsupported, error.Kind);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_refuses_a_database_holding_other_tables_unless_told_to_initialize_it()
    {
        var settings = await CreateSettingsAsync(fresh: true);
        if (settings.Kind == MetastoreKind.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(settings.Target)!);
        }

        await using (System.Data.Common.DbConnection connection = settings.Kind == MetastoreKind.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={settings.Target}")
            : new Npgsql.NpgsqlConnection(settings.Target))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE someone_elses (id INTEGER)";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<FloeException>(() => MetastoreDatabase.OpenAsync(settings, cancellationToken: Ct));
        Assert.Equal(FloeErrorKind.Environment, error.Kind);
        Assert.Contains("holds no Floe metastore", error.Message, StringComparison.Ordinal);
        Assert.Contains("metastore.initialize", error.Message, StringComparison.Ordinal);

        using (var initialized = await MetastoreDatabase.OpenAsync(settings, initialize: true, cancellationToken: Ct))
        {
            Assert.Equal(3, initialized.SchemaVersion);
        }

        using var reopened = await MetastoreDatabase.OpenAsync(settings, cancellationToken: Ct);
        Assert.Empty(await reopened.Catalogs.ListAsync(Ct));
    }

    [Fact]
    public async Task Open_catalog_returns_one_instance_until_the_catalog_changes()
    {
        Assert.Same(Catalog, await Database.OpenCatalogAsync(CatalogName, Ct));

        await Database.Catalogs.CreateAsync(CatalogName + "-x", TempFolder("x"), cancellationToken: Ct);
        var first = await Database.OpenCatalogAsync(CatalogName + "-x", Ct);
        await Database.Catalogs.DropAsync(CatalogName + "-x", Ct);
        string warehouse = TempFolder("y");
        await Database.Catalogs.CreateAsync(CatalogName + "-x", warehouse, cancellationToken: Ct);
        var second = await Database.OpenCatalogAsync(CatalogName + "-x", Ct);

        Assert.NotSame(first, second);
        Assert.Equal(warehouse, second.Warehouse);
    }

    [Fact]
    public async Task Restart_keeps_catalogs_namespaces_tables_and_pointers()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("db"), new Dictionary<string, string> { ["owner"] = "ops" }, Ct);
        var v1 = await CreateEventsAsync();
        var v2 = await Catalog.CommitTableAsync(Events, [], [SetProperty("a", "1")], Ct);

        var reopened = await ReopenAsync();

        Assert.Equal("tests", reopened.Record.Properties["owner"]);
        Assert.Equal("ops", (await reopened.LoadNamespacePropertiesAsync(Namespace.Of("db"), Ct))["owner"]);
        var loaded = (await reopened.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal(v2.MetadataFileLocation, loaded.MetadataFileLocation);
        Assert.Equal(v1.TableUuid, loaded.TableUuid);
        Assert.Equal("1", loaded.Property("a"));
    }

    [Fact]
    public async Task Commits_write_numbered_metadata_files_in_the_table_metadata_folder()
    {
        var v1 = await CreateEventsAsync();
        var v2 = await Catalog.CommitTableAsync(Events, v1, WithProperty(v1, "a", "1"), Ct);
        var v3 = await Catalog.CommitTableAsync(Events, [], [SetProperty("b", "2")], Ct);

        string folder = v1.Location + "/metadata/";
        Assert.Matches(@"/00000-[0-9a-f-]{36}\.metadata\.json$", v1.MetadataFileLocation);
        Assert.Matches(@"/00001-[0-9a-f-]{36}\.metadata\.json$", v2.MetadataFileLocation);
        Assert.Matches(@"/00002-[0-9a-f-]{36}\.metadata\.json$", v3.MetadataFileLocation);
        Assert.All([v1, v2, v3], m => Assert.StartsWith(folder, m.MetadataFileLocation, StringComparison.Ordinal));
        Assert.Equal(3, Directory.GetFiles(folder).Length);
        Assert.Equal([v1.MetadataFileLocation, v2.MetadataFileLocation], v3.MetadataLog.Select(e => e.MetadataFile));
    }

    [Fact]
    public async Task Lost_metadata_commit_leaves_no_file_behind()
    {
        var v1 = await CreateEventsAsync();
        await Catalog.CommitTableAsync(Events, v1, WithProperty(v1, "a", "1"), Ct);

        await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, v1, WithProperty(v1, "b", "1"), Ct));

        Assert.Equal(2, Directory.GetFiles(v1.Location + "/metadata").Length);
    }

    [Fact]
    public async Task Parallel_rest_committers_lose_no_commit()
    {
        await CreateEventsAsync();
        const int Writers = 4;
        const int CommitsEach = 5;

        // Two catalog instances, as two server processes would be: their commits race for the pointer swap.
        ICatalog[] instances = [Catalog, Database.NewCatalogInstance(Metastore.Record)];

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (int i = 0; i < CommitsEach; i++)
            {
                await instances[writer % 2].CommitTableAsync(Events, [], [SetProperty($"test-{writer}-{i}", "x")], Ct);
            }
        }, Ct)));

        var loaded = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal(Writers * CommitsEach, loaded.Properties.Keys.Count(k => k.StartsWith("test-", StringComparison.Ordinal)));
        Assert.Equal(Writers * CommitsEach, MetadataFileNamesVersion(loaded.MetadataFileLocation!));
        Assert.Equal(Writers * CommitsEach + 1, Directory.GetFiles(loaded.Location + "/metadata").Length);
    }

    [Fact]
    public async Task Parallel_table_operation_committers_with_retries_lose_no_commit()
    {
        await CreateEventsAsync();
        const int Writers = 4;
        const int CommitsEach = 4;
        int conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var operations = (await Catalog.LoadTableAsync(Events, Ct)).Operations;
            for (int i = 0; i < CommitsEach; i++)
            {
                while (true)
                {
                    var current = operations.Current;
                    try
                    {
                        await operations.CommitAsync(current, WithProperty(current, $"test-{writer}-{i}", "x"), Ct);
                        break;
                    }
                    catch (FloeException e) when (e.Kind == FloeErrorKind.CommitConflict)
                    {
                        Interlocked.Increment(ref conflicts);
                        await operations.RefreshAsync(Ct);
                    }
                }
            }
        }, Ct)));

        var loaded = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal(Writers * CommitsEach, loaded.Properties.Keys.Count(k => k.StartsWith("test-", StringComparison.Ordinal)));
        Assert.Equal(Writers * CommitsEach + 1, Directory.GetFiles(loaded.Location + "/metadata").Length);
    }

    [Fact]
    public async Task Two_catalog_instances_each_commit_on_the_others_latest_metadata()
    {
        var v1 = await CreateEventsAsync();
        var other = Database.NewCatalogInstance(Metastore.Record);
        await other.LoadTableAsync(Events, Ct);
        var byFirst = await Catalog.CommitTableAsync(Events, [], [SetProperty("first", "1")], Ct);

        // The second instance last saw v1; its REST commit re-applies on the first's commit, and a requirement that
        // holds only on the newest metadata passes.
        var bySecond = await other.CommitTableAsync(Events, [new UpdateRequirement.AssertLastAssignedFieldId(v1.LastColumnId)], [SetProperty("second", "1")], Ct);
        var stale = await Assert.ThrowsAsync<FloeException>(() => other.CommitTableAsync(Events, v1, WithProperty(v1, "x", "1"), Ct));
        var third = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, byFirst, WithProperty(byFirst, "x", "1"), Ct));

        Assert.Equal("1", bySecond.Property("first"));
        Assert.Equal(byFirst.MetadataFileLocation, bySecond.MetadataLog[^1].MetadataFile);
        Assert.Equal(FloeErrorKind.CommitConflict, stale.Kind);
        Assert.Equal(FloeErrorKind.CommitConflict, third.Kind);
        Assert.Equal(bySecond.MetadataFileLocation, (await Catalog.LoadTableAsync(Events, Ct)).Metadata.MetadataFileLocation);
    }

    [Fact]
    public async Task Transaction_with_one_failed_requirement_changes_no_table_and_leaves_no_file()
    {
        var events = await CreateEventsAsync();
        var other = TableIdentifier.Of("db", "other");
        var otherV1 = await Catalog.CreateTableAsync(other, TempWarehouse.Schema, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTransactionAsync(
        [
            new TableCommit(Events, [new UpdateRequirement.AssertTableUuid(events.TableUuid!.Value)], [SetProperty("t", "1")]),
            new TableCommit(other, [new UpdateRequirement.AssertTableUuid(Guid.NewGuid())], [SetProperty("t", "2")]),
        ], Ct));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Equal(events.MetadataFileLocation, (await Catalog.LoadTableAsync(Events, Ct)).Metadata.MetadataFileLocation);
        Assert.Equal(otherV1.MetadataFileLocation, (await Catalog.LoadTableAsync(other, Ct)).Metadata.MetadataFileLocation);
        Assert.Single(Directory.GetFiles(events.Location + "/metadata"));
    }

    [Fact]
    public async Task Transaction_naming_a_table_twice_is_invalid_argument()
    {
        await CreateEventsAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTransactionAsync(
            [new TableCommit(Events, [], [SetProperty("a", "1")]), new TableCommit(Events, [], [SetProperty("b", "1")])], Ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task Parallel_transactions_over_two_tables_keep_both_tables_in_step()
    {
        await CreateEventsAsync();
        var other = TableIdentifier.Of("db", "other");
        await Catalog.CreateTableAsync(other, TempWarehouse.Schema, cancellationToken: Ct);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                await Catalog.CommitTransactionAsync(
                    [new TableCommit(Events, [], [SetProperty($"test-{writer}-{i}", "x")]), new TableCommit(other, [], [SetProperty($"test-{writer}-{i}", "x")])], Ct);
            }
        }, Ct)));

        var a = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        var b = (await Catalog.LoadTableAsync(other, Ct)).Metadata;
        Assert.Equal(12, a.Properties.Keys.Count(k => k.StartsWith("test-", StringComparison.Ordinal)));
        Assert.Equal(a.Properties.Keys.Where(k => k.StartsWith("test-", StringComparison.Ordinal)).Order(), b.Properties.Keys.Where(k => k.StartsWith("test-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Default_location_follows_the_namespace_location_property()
    {
        string nsLocation = TempFolder("ns-location");
        await Catalog.CreateNamespaceAsync(Events.Namespace, new Dictionary<string, string> { [MetastoreCatalog.NamespaceLocationProperty] = nsLocation }, Ct);

        var created = await Catalog.CreateTableAsync(Events, TempWarehouse.Schema, cancellationToken: Ct);

        Assert.Equal(nsLocation + "/events", created.Location);
        var missing = await Assert.ThrowsAsync<FloeException>(() => Catalog.DefaultTableLocationAsync(TableIdentifier.Of("x", "t"), Ct));
        Assert.Equal(FloeErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task Default_location_is_under_the_warehouse()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("a", "b"), Ct);

        Assert.Equal(Metastore.Warehouse + "/a/b/t", await Catalog.DefaultTableLocationAsync(TableIdentifier.Of("a", "b", "t"), Ct));
    }

    [Fact]
    public async Task Concurrent_creates_of_one_namespace_one_wins_the_rest_are_already_exists()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                await Catalog.CreateNamespaceAsync(Namespace.Of("race"), Ct);
                return "created";
            }
            catch (FloeException e) when (e.Kind == FloeErrorKind.AlreadyExists)
            {
                return "exists";
            }
        }, Ct)));

        Assert.Equal(1, outcomes.Count(o => o == "created"));
        Assert.Equal(3, outcomes.Count(o => o == "exists"));
    }

    [Fact]
    public async Task Create_namespace_creates_missing_parents()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("a", "b", "c"), Ct);

        Assert.True(await Catalog.NamespaceExistsAsync(Namespace.Of("a"), Ct));
        Assert.Equal(["a.b"], (await Catalog.ListNamespacesAsync(Namespace.Of("a"), Ct)).Select(n => n.ToString()));
    }

    [Fact]
    public async Task Levels_with_dots_stay_distinct_from_deeper_namespaces()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("a.b"), Ct);
        await Catalog.CreateNamespaceAsync(Namespace.Of("a", "b"), Ct);

        Assert.Equal(2, (await Catalog.ListNamespacesAsync(Namespace.Empty, Ct)).Count);
        Assert.Equal(["a.b"], (await Catalog.ListNamespacesAsync(Namespace.Empty, Ct)).Where(n => n.Levels.Count == 1 && n.Levels[0] == "a.b").Select(n => n.Levels[0]));
    }

    [Fact]
    public async Task Rename_table_with_snapshots_across_namespaces_keeps_its_location()
    {
        var v1 = await CreateEventsAsync();
        await Catalog.CreateNamespaceAsync(Namespace.Of("other"), Ct);
        var target = TableIdentifier.Of("other", "events");

        await Catalog.RenameTableAsync(Events, target, Ct);
        var missing = await Assert.ThrowsAsync<FloeException>(() => Catalog.RenameTableAsync(target, TableIdentifier.Of("nope", "t"), Ct));
        var gone = await Assert.ThrowsAsync<FloeException>(() => Catalog.RenameTableAsync(Events, TableIdentifier.Of("other", "x"), Ct));

        Assert.Equal(v1.Location, (await Catalog.LoadTableAsync(target, Ct)).Metadata.Location);
        Assert.Equal(FloeErrorKind.NotFound, missing.Kind);
        Assert.Equal(FloeErrorKind.NotFound, gone.Kind);
    }

    [Fact]
    public async Task Drop_table_with_purge_deletes_its_metadata_files()
    {
        var v1 = await CreateEventsAsync();
        var v2 = await Catalog.CommitTableAsync(Events, v1, WithProperty(v1, "a", "1"), Ct);

        Assert.True(await Catalog.DropTableAsync(Events, purge: true, Ct));

        Assert.False(File.Exists(v1.MetadataFileLocation));
        Assert.False(File.Exists(v2.MetadataFileLocation));
    }

    [Fact]
    public async Task Drop_table_without_purge_keeps_files()
    {
        var v1 = await CreateEventsAsync();

        Assert.True(await Catalog.DropTableAsync(Events, purge: false, Ct));

        Assert.True(File.Exists(v1.MetadataFileLocation));
    }

    [Fact]
    public async Task Primary_key_table_keeps_two_pointers_and_shows_the_base_store()
    {
        await Catalog.CreateNamespaceAsync(Events.Namespace, Ct);
        string location = await Catalog.DefaultTableLocationAsync(Events, Ct);
        var baseStore = NewTable.Create(TempWarehouse.Schema, null, null, MetastoreCatalog.StoreLocation(location, TableStore.Base),
            new Dictionary<string, string> { ["mixed-format.table-store"] = "base" });
        var changeStore = NewTable.Create(TempWarehouse.Schema, null, null, MetastoreCatalog.StoreLocation(location, TableStore.Change),
            new Dictionary<string, string> { ["mixed-format.table-store"] = "change" });

        var (storedBase, storedChange) = await Metastore.CreatePrimaryKeyTableAsync(Events, location, baseStore, changeStore, Ct);
        var changeOps = await Metastore.LoadStoreOperationsAsync(Events, TableStore.Change, Ct);
        var committed = await changeOps.CommitAsync(changeOps.Current, WithProperty(changeOps.Current, "c", "1"), Ct);

        Assert.Equal(TableFormat.PrimaryKey, await Metastore.LoadTableFormatAsync(Events, Ct));
        Assert.StartsWith(location + "/change/metadata/00001-", committed.MetadataFileLocation, StringComparison.Ordinal);
        var shown = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal(storedBase.MetadataFileLocation, shown.MetadataFileLocation);
        Assert.Equal("base", shown.Property("mixed-format.table-store"));
        Assert.Equal("1", (await Metastore.LoadStoreAsync(Events, TableStore.Change, Ct)).Property("c"));
        var stale = await Assert.ThrowsAsync<FloeException>(() => Metastore.CommitStoreAsync(Events, TableStore.Change, storedChange, WithProperty(storedChange, "d", "1"), Ct));
        Assert.Equal(FloeErrorKind.CommitConflict, stale.Kind);

        var reopened = await ReopenAsync();
        Assert.Equal(committed.MetadataFileLocation, (await reopened.LoadStoreAsync(Events, TableStore.Change, Ct)).MetadataFileLocation);
        Assert.True(await reopened.DropTableAsync(Events, purge: true, Ct));
        Assert.False(File.Exists(committed.MetadataFileLocation));
        Assert.False(File.Exists(storedBase.MetadataFileLocation));
    }

    [Fact]
    public async Task Primary_key_table_stores_must_sit_under_the_table_location()
    {
        await Catalog.CreateNamespaceAsync(Events.Namespace, Ct);
        string location = await Catalog.DefaultTableLocationAsync(Events, Ct);
        var misplaced = NewTable.Create(TempWarehouse.Schema, null, null, location);
        var change = NewTable.Create(TempWarehouse.Schema, null, null, MetastoreCatalog.StoreLocation(location, TableStore.Change));

        var error = await Assert.ThrowsAsync<FloeException>(() => Metastore.CreatePrimaryKeyTableAsync(Events, location, misplaced, change, Ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.False(await Catalog.TableExistsAsync(Events, Ct));
    }

    [Fact]
    public async Task Plain_table_has_no_change_store()
    {
        await CreateEventsAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() => Metastore.LoadStoreAsync(Events, TableStore.Change, Ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(TableFormat.Iceberg, await Metastore.LoadTableFormatAsync(Events, Ct));
    }

    [Fact]
    public async Task Internal_catalogs_are_created_listed_isolated_and_dropped()
    {
        string warehouse = TempFolder("second");
        string name = CatalogName + "-second";
        await Database.Catalogs.CreateAsync(name, warehouse, cancellationToken: Ct);
        var second = await Database.OpenCatalogAsync(name, Ct);
        await second.CreateNamespaceAsync(Namespace.Of("db"), Ct);

        var names = (await Database.Catalogs.ListAsync(Ct)).Select(c => c.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal([CatalogName, name], names.Where(n => n.StartsWith(CatalogName, StringComparison.Ordinal)));
        Assert.Equal(warehouse, (await Database.Catalogs.GetAsync(name, Ct))!.Warehouse);
        Assert.False(await Catalog.NamespaceExistsAsync(Namespace.Of("db"), Ct));
        Assert.Equal(FloeErrorKind.AlreadyExists, (await Assert.ThrowsAsync<FloeException>(() => Database.Catalogs.CreateAsync(name, warehouse, cancellationToken: Ct))).Kind);
        Assert.Equal(FloeErrorKind.NotEmpty, (await Assert.ThrowsAsync<FloeException>(() => Database.Catalogs.DropAsync(name, Ct))).Kind);

        await second.DropNamespaceAsync(Namespace.Of("db"), Ct);
        Assert.True(await Database.Catalogs.DropAsync(name, Ct));
        Assert.False(await Database.Catalogs.DropAsync(name, Ct));
        Assert.Null(await Database.Catalogs.GetAsync(name, Ct));
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => Database.OpenCatalogAsync(name, Ct))).Kind);
    }

    private static int MetadataFileNamesVersion(string location) =>
        int.Parse(Path.GetFileName(location)[..5], System.Globalization.CultureInfo.InvariantCulture);
}
