using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Catalog.Tests.Contract;

/// <summary>
/// The behaviour every <see cref="ICatalog"/> shares, written once and run against each implementation by a subclass
/// that says how to open a fresh catalog over a fresh temporary warehouse.
/// </summary>
public abstract partial class CatalogContractTests : IAsyncLifetime
{
    protected static readonly TableIdentifier Events = TempWarehouse.Events;
    private readonly List<string> _folders = [];

    protected CancellationToken Ct { get; } = TestContext.Current.CancellationToken;

    protected ICatalog Catalog { get; private set; } = null!;

    /// <summary>A fresh temporary folder, deleted after the test.</summary>
    protected string TempFolder(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), $"floe-{name}-{Guid.NewGuid():N}");
        _folders.Add(path);
        return path;
    }

    /// <summary>Opens the catalog under test over an empty warehouse.</summary>
    protected abstract Task<ICatalog> OpenCatalogAsync();

    public virtual async ValueTask InitializeAsync() => Catalog = await OpenCatalogAsync();

    public virtual ValueTask DisposeAsync()
    {
        (Catalog as IDisposable)?.Dispose();
        foreach (string folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected async Task<TableMetadata> CreateEventsAsync(IReadOnlyDictionary<string, string>? properties = null)
    {
        if (!await Catalog.NamespaceExistsAsync(Events.Namespace, Ct))
        {
            await Catalog.CreateNamespaceAsync(Events.Namespace, Ct);
        }

        return await Catalog.CreateTableAsync(Events, TempWarehouse.Schema, properties: properties, cancellationToken: Ct);
    }

    protected static TableMetadata WithProperty(TableMetadata metadata, string key, string value) =>
        TableMetadataBuilder.From(metadata).SetProperties(new Dictionary<string, string> { [key] = value }).Build();

    protected static MetadataUpdate SetProperty(string key, string value) =>
        new MetadataUpdate.SetProperties(new Dictionary<string, string> { [key] = value });

    [Fact]
    public async Task Namespaces_are_created_listed_and_dropped()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("b"), Ct);
        await Catalog.CreateNamespaceAsync(Namespace.Of("a"), Ct);
        await Catalog.CreateNamespaceAsync(Namespace.Of("a", "inner"), Ct);

        Assert.Equal(["a", "b"], (await Catalog.ListNamespacesAsync(Namespace.Empty, Ct)).Select(n => n.ToString()));
        Assert.Equal(["a.inner"], (await Catalog.ListNamespacesAsync(Namespace.Of("a"), Ct)).Select(n => n.ToString()));
        Assert.True(await Catalog.NamespaceExistsAsync(Namespace.Of("a", "inner"), Ct));
        Assert.True(await Catalog.DropNamespaceAsync(Namespace.Of("b"), Ct));
        Assert.False(await Catalog.DropNamespaceAsync(Namespace.Of("b"), Ct));
        Assert.False(await Catalog.NamespaceExistsAsync(Namespace.Of("b"), Ct));
    }

    [Fact]
    public async Task Duplicate_namespace_is_already_exists()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct));

        Assert.Equal(FloeErrorKind.AlreadyExists, error.Kind);
    }

    [Fact]
    public async Task Namespace_properties_are_stored_loaded_and_updated()
    {
        var ns = Namespace.Of("db");
        await Catalog.CreateNamespaceAsync(ns, new Dictionary<string, string> { ["owner"] = "ops", ["tier"] = "gold" }, Ct);

        Assert.Equal("ops", (await Catalog.LoadNamespacePropertiesAsync(ns, Ct))["owner"]);
        var change = await Catalog.UpdateNamespacePropertiesAsync(ns, ["tier", "absent"], new Dictionary<string, string> { ["owner"] = "data", ["new"] = "1" }, Ct);

        Assert.Equal(["new", "owner"], change.Updated);
        Assert.Equal(["tier"], change.Removed);
        Assert.Equal(["absent"], change.Missing);
        var loaded = await Catalog.LoadNamespacePropertiesAsync(ns, Ct);
        Assert.Equal(new Dictionary<string, string> { ["owner"] = "data", ["new"] = "1" }, loaded.ToDictionary());
    }

    [Fact]
    public async Task Namespace_without_properties_has_none()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);

        Assert.Empty(await Catalog.LoadNamespacePropertiesAsync(Namespace.Of("db"), Ct));
    }

    [Fact]
    public async Task Namespace_properties_key_both_removed_and_updated_is_invalid_argument_and_changes_nothing()
    {
        var ns = Namespace.Of("db");
        await Catalog.CreateNamespaceAsync(ns, new Dictionary<string, string> { ["owner"] = "ops" }, Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.UpdateNamespacePropertiesAsync(ns, ["owner"], new Dictionary<string, string> { ["owner"] = "x" }, Ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("ops", (await Catalog.LoadNamespacePropertiesAsync(ns, Ct))["owner"]);
    }

    [Fact]
    public async Task Namespace_properties_of_a_missing_namespace_are_not_found()
    {
        var load = await Assert.ThrowsAsync<FloeException>(() => Catalog.LoadNamespacePropertiesAsync(Namespace.Of("nope"), Ct));
        var update = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.UpdateNamespacePropertiesAsync(Namespace.Of("nope"), [], new Dictionary<string, string> { ["a"] = "b" }, Ct));

        Assert.Equal(FloeErrorKind.NotFound, load.Kind);
        Assert.Equal(FloeErrorKind.NotFound, update.Kind);
    }

    [Fact]
    public async Task Drop_namespace_with_a_table_is_not_empty_and_keeps_the_table()
    {
        await CreateEventsAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.DropNamespaceAsync(Events.Namespace, Ct));

        Assert.Equal(FloeErrorKind.NotEmpty, error.Kind);
        Assert.True(await Catalog.TableExistsAsync(Events, Ct));
    }

    [Fact]
    public async Task Drop_namespace_with_a_child_namespace_is_not_empty()
    {
        await Catalog.CreateNamespaceAsync(Namespace.Of("a"), Ct);
        await Catalog.CreateNamespaceAsync(Namespace.Of("a", "b"), Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.DropNamespaceAsync(Namespace.Of("a"), Ct));

        Assert.Equal(FloeErrorKind.NotEmpty, error.Kind);
    }

    [Fact]
    public async Task Tables_are_created_listed_loaded_and_dropped()
    {
        var created = await CreateEventsAsync(new Dictionary<string, string> { ["owner"] = "ops" });
        await Catalog.CreateTableAsync(TableIdentifier.Of("db", "alpha"), TempWarehouse.Schema, cancellationToken: Ct);

        Assert.Equal(["alpha", "events"], (await Catalog.ListTablesAsync(Events.Namespace, Ct)).Select(t => t.Name));
        var loaded = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal(created.TableUuid, loaded.TableUuid);
        Assert.Equal(created.MetadataFileLocation, loaded.MetadataFileLocation);
        Assert.Equal("ops", loaded.Property("owner"));
        Assert.True(File.Exists(loaded.MetadataFileLocation));
        Assert.True(await Catalog.DropTableAsync(Events, purge: false, Ct));
        Assert.False(await Catalog.DropTableAsync(Events, purge: false, Ct));
        Assert.False(await Catalog.TableExistsAsync(Events, Ct));
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => Catalog.LoadTableAsync(Events, Ct))).Kind);
    }

    [Fact]
    public async Task Duplicate_table_is_already_exists()
    {
        await CreateEventsAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CreateTableAsync(Events, TempWarehouse.Schema, cancellationToken: Ct));

        Assert.Equal(FloeErrorKind.AlreadyExists, error.Kind);
    }

    [Fact]
    public async Task Table_in_a_missing_namespace_is_not_found()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.CreateTableAsync(TableIdentifier.Of("nope", "t"), TempWarehouse.Schema, cancellationToken: Ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Create_table_at_an_explicit_location_uses_it()
    {
        await Catalog.CreateNamespaceAsync(Events.Namespace, Ct);
        string location = TempFolder("location");

        var created = await Catalog.CreateTableAsync(Events, TempWarehouse.Schema, null, null, null, location, Ct);

        Assert.Equal(location, created.Location);
        Assert.Equal(location, (await Catalog.LoadTableAsync(Events, Ct)).Metadata.Location);
    }

    [Fact]
    public async Task Create_table_without_location_uses_the_default_location()
    {
        await Catalog.CreateNamespaceAsync(Events.Namespace, Ct);
        string expected = await Catalog.DefaultTableLocationAsync(Events, Ct);

        var created = await Catalog.CreateTableAsync(Events, TempWarehouse.Schema, cancellationToken: Ct);

        Assert.Equal(expected, created.Location);
        Assert.EndsWith("events", expected, StringComparison.Ordinal);
        Assert.NotEqual(expected, await Catalog.DefaultTableLocationAsync(TableIdentifier.Of("db", "other"), Ct));
    }

    [Fact]
    public async Task Default_location_in_a_missing_namespace_is_not_found()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.DefaultTableLocationAsync(TableIdentifier.Of("nope", "t"), Ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Metadata_commit_swaps_and_a_stale_base_is_commit_conflict()
    {
        var v1 = await CreateEventsAsync();

        var v2 = await Catalog.CommitTableAsync(Events, v1, WithProperty(v1, "a", "1"), Ct);
        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, v1, WithProperty(v1, "b", "2"), Ct));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        var loaded = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal(v2.MetadataFileLocation, loaded.MetadataFileLocation);
        Assert.Equal("1", loaded.Property("a"));
        Assert.Null(loaded.Property("b"));
        Assert.Equal([v1.MetadataFileLocation], loaded.MetadataLog.Select(e => e.MetadataFile));
    }

    [Fact]
    public async Task Rest_commit_applies_updates_and_a_failed_requirement_is_commit_conflict()
    {
        var v1 = await CreateEventsAsync();

        var v2 = await Catalog.CommitTableAsync(Events, [new UpdateRequirement.AssertTableUuid(v1.TableUuid!.Value)], [SetProperty("a", "1")], Ct);
        var error = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.CommitTableAsync(Events, [new UpdateRequirement.AssertTableUuid(Guid.NewGuid())], [SetProperty("b", "2")], Ct));

        Assert.Equal("1", v2.Property("a"));
        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Null((await Catalog.LoadTableAsync(Events, Ct)).Metadata.Property("b"));
    }

    [Fact]
    public async Task Rest_commit_with_assert_create_creates_the_table()
    {
        await Catalog.CreateNamespaceAsync(Events.Namespace, Ct);
        var schema = TempWarehouse.Schema;
        MetadataUpdate[] updates =
        [
            new MetadataUpdate.AssignUuid(Guid.NewGuid()),
            new MetadataUpdate.UpgradeFormatVersion(2),
            new MetadataUpdate.AddSchema(schema, 2),
            new MetadataUpdate.SetCurrentSchema(-1),
            new MetadataUpdate.AddSpec(Floe.Core.Partitioning.PartitionSpec.Unpartitioned),
            new MetadataUpdate.SetDefaultSpec(-1),
            new MetadataUpdate.AddSortOrder(Floe.Core.Sorting.SortOrder.Unsorted),
            new MetadataUpdate.SetDefaultSortOrder(-1),
            SetProperty("created-by", "rest"),
        ];

        var created = await Catalog.CommitTableAsync(Events, [new UpdateRequirement.AssertCreate()], updates, Ct);
        var again = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, [new UpdateRequirement.AssertCreate()], updates, Ct));

        Assert.Equal("rest", (await Catalog.LoadTableAsync(Events, Ct)).Metadata.Property("created-by"));
        Assert.Equal(created.TableUuid, (await Catalog.LoadTableAsync(Events, Ct)).Metadata.TableUuid);
        Assert.Equal(FloeErrorKind.CommitConflict, again.Kind);
    }

    [Fact]
    public async Task Rest_commit_to_a_missing_table_is_not_found()
    {
        await Catalog.CreateNamespaceAsync(Events.Namespace, Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, [], [SetProperty("a", "1")], Ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Table_operations_commit_through_the_catalog()
    {
        await CreateEventsAsync();
        var operations = (await Catalog.LoadTableAsync(Events, Ct)).Operations;

        var stored = await operations.CommitAsync(operations.Current, WithProperty(operations.Current, "k", "v"), Ct);

        Assert.Equal(stored.MetadataFileLocation, operations.Current.MetadataFileLocation);
        Assert.Equal("v", (await Catalog.LoadTableAsync(Events, Ct)).Metadata.Property("k"));
        Assert.Equal(stored.MetadataFileLocation, (await operations.RefreshAsync(Ct)).MetadataFileLocation);
    }

    [Fact]
    public async Task Register_table_points_a_new_name_at_an_existing_metadata_file()
    {
        var v1 = await CreateEventsAsync(new Dictionary<string, string> { ["owner"] = "ops" });
        var copy = TableIdentifier.Of("db", "copy");
        // Two live tables may not share a location, so the file moves to its new name once the old one is dropped.
        var shared = await Assert.ThrowsAsync<FloeException>(() => Catalog.RegisterTableAsync(copy, v1.MetadataFileLocation!, cancellationToken: Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, shared.Kind);
        string kept = Path.Combine(TempFolder("kept"), "v1.metadata.json");
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        File.Copy(v1.MetadataFileLocation!, kept);
        await Catalog.DropTableAsync(Events, purge: false, Ct);

        var registered = await Catalog.RegisterTableAsync(copy, kept, cancellationToken: Ct);

        Assert.Equal(v1.TableUuid, registered.TableUuid);
        Assert.Equal("ops", (await Catalog.LoadTableAsync(copy, Ct)).Metadata.Property("owner"));
        Assert.Contains(copy, await Catalog.ListTablesAsync(copy.Namespace, Ct));
    }

    [Fact]
    public async Task Register_table_over_an_existing_table_needs_overwrite()
    {
        var v1 = await CreateEventsAsync();
        var v2 = await Catalog.CommitTableAsync(Events, v1, WithProperty(v1, "a", "1"), Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.RegisterTableAsync(Events, v1.MetadataFileLocation!, cancellationToken: Ct));
        Assert.Equal(FloeErrorKind.AlreadyExists, error.Kind);
        Assert.Equal("1", (await Catalog.LoadTableAsync(Events, Ct)).Metadata.Property("a"));

        await Catalog.RegisterTableAsync(Events, v1.MetadataFileLocation!, overwrite: true, Ct);

        Assert.Null((await Catalog.LoadTableAsync(Events, Ct)).Metadata.Property("a"));
        Assert.NotNull(v2.MetadataFileLocation);
    }

    [Fact]
    public async Task Register_table_from_a_missing_file_is_not_found()
    {
        await Catalog.CreateNamespaceAsync(Events.Namespace, Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.RegisterTableAsync(Events, Path.Combine(TempFolder("missing"), "v1.metadata.json"), cancellationToken: Ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
        Assert.False(await Catalog.TableExistsAsync(Events, Ct));
    }

    [Fact]
    public async Task Transaction_of_one_table_commits()
    {
        var v1 = await CreateEventsAsync();

        var results = await Catalog.CommitTransactionAsync(
            [new TableCommit(Events, [new UpdateRequirement.AssertTableUuid(v1.TableUuid!.Value)], [SetProperty("t", "1")])], Ct);

        Assert.Equal("1", Assert.Single(results).Property("t"));
        Assert.Equal("1", (await Catalog.LoadTableAsync(Events, Ct)).Metadata.Property("t"));
    }

    [Fact]
    public async Task Transaction_of_two_tables_commits_both_or_is_unsupported()
    {
        await CreateEventsAsync();
        var other = TableIdentifier.Of("db", "other");
        await Catalog.CreateTableAsync(other, TempWarehouse.Schema, cancellationToken: Ct);
        TableCommit[] commits = [new(Events, [], [SetProperty("t", "1")]), new(other, [], [SetProperty("t", "2")])];

        if (!Catalog.SupportsMultiTableCommit)
        {
            var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTransactionAsync(commits, Ct));
            Assert.Equal(FloeErrorKind.Unsupported, error.Kind);
            Assert.Null((await Catalog.LoadTableAsync(Events, Ct)).Metadata.Property("t"));
            return;
        }

        var results = await Catalog.CommitTransactionAsync(commits, Ct);

        Assert.Equal(["1", "2"], results.Select(r => r.Property("t")));
        Assert.Equal("1", (await Catalog.LoadTableAsync(Events, Ct)).Metadata.Property("t"));
        Assert.Equal("2", (await Catalog.LoadTableAsync(other, Ct)).Metadata.Property("t"));
    }

    [Fact]
    public async Task Rename_table_moves_a_fresh_table()
    {
        var v1 = await CreateEventsAsync();
        var renamed = TableIdentifier.Of("db", "renamed");

        await Catalog.RenameTableAsync(Events, renamed, Ct);

        Assert.False(await Catalog.TableExistsAsync(Events, Ct));
        Assert.Equal(v1.TableUuid, (await Catalog.LoadTableAsync(renamed, Ct)).Metadata.TableUuid);
    }

    [Fact]
    public async Task Rename_table_onto_an_existing_table_is_already_exists()
    {
        await CreateEventsAsync();
        var other = TableIdentifier.Of("db", "other");
        await Catalog.CreateTableAsync(other, TempWarehouse.Schema, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.RenameTableAsync(Events, other, Ct));

        Assert.Equal(FloeErrorKind.AlreadyExists, error.Kind);
        Assert.True(await Catalog.TableExistsAsync(Events, Ct));
    }
}
