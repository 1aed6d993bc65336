using Floe.Catalog.FileSystem;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Catalog.Tests.FileSystem;

public sealed class CommitTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _warehouse.Dispose();

    private static TableMetadata WithProperty(TableMetadata metadata, string key, string value) =>
        TableMetadataBuilder.From(metadata).SetProperties(new Dictionary<string, string> { [key] = value }).Build();

    [Fact]
    public async Task Commit_writes_the_next_version_and_logs_the_previous()
    {
        var v1 = await _warehouse.CreateEventsAsync();

        var v2 = await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "owner", "ops"), _ct);

        Assert.EndsWith("v2.metadata.json", v2.MetadataFileLocation, StringComparison.Ordinal);
        Assert.Equal("2", File.ReadAllText(Path.Combine(_warehouse.MetadataFolder(TempWarehouse.Events), "version-hint.text")));
        var loaded = (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata;
        Assert.Equal("ops", loaded.Property("owner"));
        Assert.Equal([v1.MetadataFileLocation], loaded.MetadataLog.Select(e => e.MetadataFile));
    }

    [Fact]
    public async Task Stale_base_is_commit_conflict_and_writes_nothing()
    {
        var v1 = await _warehouse.CreateEventsAsync();
        await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "a", "1"), _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "b", "2"), _ct));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.True(error.IsRetryable);
        Assert.False(File.Exists(Path.Combine(_warehouse.MetadataFolder(TempWarehouse.Events), "v3.metadata.json")));
        Assert.Null((await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata.Property("b"));
    }

    [Fact]
    public async Task Base_that_was_never_stored_is_commit_conflict()
    {
        var v1 = await _warehouse.CreateEventsAsync();
        var unsaved = WithProperty(v1, "a", "1");

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, unsaved, WithProperty(unsaved, "b", "2"), _ct));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
    }

    [Fact]
    public async Task Concurrent_commits_from_one_base_exactly_one_wins()
    {
        var v1 = await _warehouse.CreateEventsAsync();

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "writer", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), _ct);
                return true;
            }
            catch (FloeException e) when (e.Kind == FloeErrorKind.CommitConflict)
            {
                return false;
            }
        }, _ct)).ToArray();
        bool[] results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
        var current = (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata;
        Assert.EndsWith("v2.metadata.json", current.MetadataFileLocation, StringComparison.Ordinal);
        Assert.Equal(Array.IndexOf(results, true).ToString(System.Globalization.CultureInfo.InvariantCulture), current.Property("writer"));
    }

    [Fact]
    public async Task Table_operations_refresh_sees_other_writers_and_commit_moves_current()
    {
        var v1 = await _warehouse.CreateEventsAsync();
        var ops = (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Operations;
        await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "a", "1"), _ct);

        var conflict = await Assert.ThrowsAsync<FloeException>(() => ops.CommitAsync(ops.Current, WithProperty(ops.Current, "b", "2"), _ct));
        Assert.Equal(FloeErrorKind.CommitConflict, conflict.Kind);

        var fresh = await ops.RefreshAsync(_ct);
        Assert.Equal("1", fresh.Property("a"));
        var committed = await ops.CommitAsync(fresh, WithProperty(fresh, "b", "2"), _ct);
        Assert.Same(committed, ops.Current);
        Assert.EndsWith("v3.metadata.json", committed.MetadataFileLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_commit_checks_requirements_and_applies_updates()
    {
        var v1 = await _warehouse.CreateEventsAsync();

        var v2 = await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events,
            [new UpdateRequirement.AssertTableUuid(v1.TableUuid!.Value), new UpdateRequirement.AssertCurrentSchemaId(0)],
            [new MetadataUpdate.SetProperties(new Dictionary<string, string> { ["k"] = "v" })],
            _ct);
        Assert.Equal("v", v2.Property("k"));

        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events,
            [new UpdateRequirement.AssertCurrentSchemaId(5)],
            [new MetadataUpdate.SetProperties(new Dictionary<string, string> { ["k"] = "w" })],
            _ct));
        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Equal("v", (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata.Property("k"));
    }

    [Fact]
    public async Task Rest_commit_assert_create_creates_the_table()
    {
        await _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);

        var created = await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events,
            [new UpdateRequirement.AssertCreate()],
            [
                new MetadataUpdate.AssignUuid(Guid.NewGuid()),
                new MetadataUpdate.AddSchema(TempWarehouse.Schema, 2),
                new MetadataUpdate.SetCurrentSchema(TableMetadataBuilder.LastAdded),
                new MetadataUpdate.AddSpec(Floe.Core.Partitioning.PartitionSpec.Unpartitioned),
                new MetadataUpdate.SetDefaultSpec(TableMetadataBuilder.LastAdded),
                new MetadataUpdate.AddSortOrder(Floe.Core.Sorting.SortOrder.Unsorted),
                new MetadataUpdate.SetDefaultSortOrder(TableMetadataBuilder.LastAdded),
            ],
            _ct);

        Assert.EndsWith("v1.metadata.json", created.MetadataFileLocation, StringComparison.Ordinal);
        Assert.True(await _warehouse.Catalog.TableExistsAsync(TempWarehouse.Events, _ct));
        var again = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events,
            [new UpdateRequirement.AssertCreate()], [], _ct));
        Assert.Equal(FloeErrorKind.CommitConflict, again.Kind);
    }

    [Fact]
    public async Task Missing_hint_falls_back_to_listing()
    {
        var v1 = await _warehouse.CreateEventsAsync();
        await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "a", "1"), _ct);
        File.Delete(Path.Combine(_warehouse.MetadataFolder(TempWarehouse.Events), "version-hint.text"));

        var loaded = (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata;

        Assert.EndsWith("v2.metadata.json", loaded.MetadataFileLocation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("garbage")]
    [InlineData("99")]
    [InlineData("")]
    public async Task Stale_or_damaged_hint_still_finds_the_newest_version(string hint)
    {
        var v1 = await _warehouse.CreateEventsAsync();
        var v2 = await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "a", "1"), _ct);
        await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, v2, WithProperty(v2, "a", "2"), _ct);
        File.WriteAllText(Path.Combine(_warehouse.MetadataFolder(TempWarehouse.Events), "version-hint.text"), hint);

        var loaded = (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata;

        Assert.EndsWith("v3.metadata.json", loaded.MetadataFileLocation, StringComparison.Ordinal);
        Assert.Equal("2", loaded.Property("a"));
    }

    [Fact]
    public async Task Failed_version_write_leaves_the_previous_version()
    {
        var storage = new FailingStorage();
        var catalog = new FileSystemCatalog(_warehouse.Path, "faulty", storage, clock: null);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);
        var v1 = await catalog.CreateTableAsync(TempWarehouse.Events, TempWarehouse.Schema, cancellationToken: _ct);
        storage.FailAtWrite = 3; // create v1, hint, then the v2 version file

        await Assert.ThrowsAsync<IOException>(() => catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "a", "1"), _ct));

        var loaded = (await catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata;
        Assert.Equal(v1.MetadataFileLocation, loaded.MetadataFileLocation);
        Assert.Null(loaded.Property("a"));
        Assert.Equal(["v1.metadata.json", "version-hint.text"], Directory.EnumerateFiles(_warehouse.MetadataFolder(TempWarehouse.Events)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Failed_hint_write_still_commits()
    {
        var storage = new FailingStorage();
        var catalog = new FileSystemCatalog(_warehouse.Path, "faulty", storage, clock: null);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);
        var v1 = await catalog.CreateTableAsync(TempWarehouse.Events, TempWarehouse.Schema, cancellationToken: _ct);
        storage.FailAtWrite = 4; // the hint after v2

        var v2 = await catalog.CommitTableAsync(TempWarehouse.Events, v1, WithProperty(v1, "a", "1"), _ct);

        Assert.Equal("1", File.ReadAllText(Path.Combine(_warehouse.MetadataFolder(TempWarehouse.Events), "version-hint.text")));
        var loaded = (await catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata;
        Assert.Equal(v2.MetadataFileLocation, loaded.MetadataFileLocation);
        Assert.Equal("1", loaded.Property("a"));
    }

    [Fact]
    public async Task Corrupt_version_file_is_invalid_data()
    {
        await _warehouse.CreateEventsAsync();
        File.WriteAllText(Path.Combine(_warehouse.MetadataFolder(TempWarehouse.Events), "v2.metadata.json"), "{ not json");

        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct));

        Assert.Equal(FloeErrorKind.InvalidData, error.Kind);
    }
}
