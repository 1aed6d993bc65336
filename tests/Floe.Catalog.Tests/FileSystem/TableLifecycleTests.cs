using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Catalog.Tests.FileSystem;

public sealed class TableLifecycleTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public async Task Create_writes_version_one_and_the_hint()
    {
        var created = await _warehouse.CreateEventsAsync();
        string metadata = _warehouse.MetadataFolder(TempWarehouse.Events);

        Assert.Equal(Path.Combine(metadata, "v1.metadata.json"), created.MetadataFileLocation);
        Assert.Equal("1", File.ReadAllText(Path.Combine(metadata, "version-hint.text")));
        Assert.Equal(Path.GetDirectoryName(metadata), created.Location);
        Assert.Equal(["id", "data"], created.CurrentSchema.Columns.Select(c => c.Name));
        Assert.DoesNotContain(Directory.EnumerateFiles(metadata), f => Path.GetFileName(f).StartsWith('.'));

        var loaded = (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata;
        Assert.Equal(TableMetadataWriter.ToJson(created), TableMetadataWriter.ToJson(loaded));
        Assert.Equal(created.MetadataFileLocation, loaded.MetadataFileLocation);
    }

    [Fact]
    public async Task Create_twice_is_already_exists()
    {
        await _warehouse.CreateEventsAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            _warehouse.Catalog.CreateTableAsync(TempWarehouse.Events, TempWarehouse.Schema, cancellationToken: _ct));

        Assert.Equal(FloeErrorKind.AlreadyExists, error.Kind);
    }

    [Fact]
    public async Task Create_in_missing_namespace_is_not_found()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() =>
            _warehouse.Catalog.CreateTableAsync(TableIdentifier.Of("nope", "t"), TempWarehouse.Schema, cancellationToken: _ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task List_and_exists()
    {
        await _warehouse.CreateEventsAsync();
        await _warehouse.Catalog.CreateTableAsync(TableIdentifier.Of("db", "a"), TempWarehouse.Schema, cancellationToken: _ct);
        await _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("db", "sub"), _ct);

        Assert.Equal([TableIdentifier.Of("db", "a"), TempWarehouse.Events], await _warehouse.Catalog.ListTablesAsync(Namespace.Of("db"), _ct));
        Assert.True(await _warehouse.Catalog.TableExistsAsync(TempWarehouse.Events, _ct));
        Assert.False(await _warehouse.Catalog.TableExistsAsync(TableIdentifier.Of("db", "sub"), _ct));
        Assert.False(await _warehouse.Catalog.TableExistsAsync(TableIdentifier.Of("db", "missing"), _ct));
    }

    [Fact]
    public async Task Load_missing_is_not_found()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Drop_with_purge_removes_the_folder()
    {
        await _warehouse.CreateEventsAsync();
        string folder = Path.GetDirectoryName(_warehouse.MetadataFolder(TempWarehouse.Events))!;

        Assert.True(await _warehouse.Catalog.DropTableAsync(TempWarehouse.Events, purge: true, _ct));

        Assert.False(Directory.Exists(folder));
        Assert.False(await _warehouse.Catalog.TableExistsAsync(TempWarehouse.Events, _ct));
        Assert.False(await _warehouse.Catalog.DropTableAsync(TempWarehouse.Events, purge: true, _ct));
    }

    [Fact]
    public async Task Drop_without_purge_keeps_other_files()
    {
        await _warehouse.CreateEventsAsync();
        string metadata = _warehouse.MetadataFolder(TempWarehouse.Events);
        string dataFile = Path.Combine(Path.GetDirectoryName(metadata)!, "data", "part-0.parquet");
        Directory.CreateDirectory(Path.GetDirectoryName(dataFile)!);
        File.WriteAllText(dataFile, "x");
        File.WriteAllText(Path.Combine(metadata, "snap-1.avro"), "x");

        Assert.True(await _warehouse.Catalog.DropTableAsync(TempWarehouse.Events, purge: false, _ct));

        Assert.False(await _warehouse.Catalog.TableExistsAsync(TempWarehouse.Events, _ct));
        Assert.True(File.Exists(dataFile));
        Assert.True(File.Exists(Path.Combine(metadata, "snap-1.avro")));
        Assert.Empty(await _warehouse.Catalog.ListTablesAsync(Namespace.Of("db"), _ct));
    }

    [Fact]
    public async Task Rename_moves_table_without_snapshots()
    {
        await _warehouse.CreateEventsAsync();
        await _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("other"), _ct);
        var target = TableIdentifier.Of("other", "renamed");

        await _warehouse.Catalog.RenameTableAsync(TempWarehouse.Events, target, _ct);

        Assert.False(await _warehouse.Catalog.TableExistsAsync(TempWarehouse.Events, _ct));
        var moved = (await _warehouse.Catalog.LoadTableAsync(target, _ct)).Metadata;
        Assert.Equal(Path.GetDirectoryName(_warehouse.MetadataFolder(target)), moved.Location);
        Assert.EndsWith("v2.metadata.json", moved.MetadataFileLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_onto_existing_table_is_already_exists()
    {
        await _warehouse.CreateEventsAsync();
        await _warehouse.Catalog.CreateTableAsync(TableIdentifier.Of("db", "b"), TempWarehouse.Schema, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.RenameTableAsync(TempWarehouse.Events, TableIdentifier.Of("db", "b"), _ct));

        Assert.Equal(FloeErrorKind.AlreadyExists, error.Kind);
        Assert.True(await _warehouse.Catalog.TableExistsAsync(TempWarehouse.Events, _ct));
    }

    [Fact]
    public async Task Rename_with_snapshots_is_unsupported_and_leaves_the_table()
    {
        var created = await _warehouse.CreateEventsAsync();
        var withSnapshot = TableMetadataBuilder.From(created)
            .AddSnapshot(new Snapshot { SnapshotId = 7, SequenceNumber = 1, TimestampMs = 1_700_000_000_000, ManifestList = created.Location + "/metadata/snap-7.avro" })
            .SetBranchSnapshot(7)
            .Build();
        await _warehouse.Catalog.CommitTableAsync(TempWarehouse.Events, created, withSnapshot, _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.RenameTableAsync(TempWarehouse.Events, TableIdentifier.Of("db", "b"), _ct));

        Assert.Equal(FloeErrorKind.Unsupported, error.Kind);
        Assert.Equal(7, (await _warehouse.Catalog.LoadTableAsync(TempWarehouse.Events, _ct)).Metadata.CurrentSnapshotId);
    }
}
