using Floe.Catalog;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.PrimaryKeys;
using Floe.Server.Catalogs;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.Table.Operations;

namespace Floe.Server.Tests.Optimizing;

/// <summary>
/// Holds the server's loads of one table while armed: the optimizing service loads a table to plan it and again to
/// commit a process, so arming the gate at the right moment blocks either, until <see cref="Release"/>.
/// Wrap the metastore's stores with <see cref="OpenAsync"/>; every internal catalog then loads through the gate.
/// </summary>
internal sealed class TableLoadGate
{
    private readonly object _lock = new();
    private TableIdentifier? _armed;
    private TaskCompletionSource _entered = NewSource();
    private TaskCompletionSource _released = NewSource();

    /// <summary>Blocks every later load of <paramref name="table"/> until <see cref="Release"/>.</summary>
    public void Arm(TableIdentifier table)
    {
        lock (_lock)
        {
            _armed = table;
            _entered = NewSource();
            _released = NewSource();
        }
    }

    /// <summary>Waits until a load of the armed table is held at the gate.</summary>
    public Task WaitEnteredAsync()
    {
        lock (_lock)
        {
            return _entered.Task.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Lets the held loads through and disarms the gate.</summary>
    public void Release()
    {
        lock (_lock)
        {
            _armed = null;
            _released.TrySetResult();
        }
    }

    public async Task<ServerStores> OpenAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        ServerStores stores = await MetastoreStores.OpenAsync(options, cancellationToken);
        return new ServerStores(new GatedStore(stores.Catalogs, this), stores.Tokens, stores.Description, stores, stores.Optimizing, stores.Maintenance);
    }

    private Task PassAsync(TableIdentifier table, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!table.Equals(_armed))
            {
                return Task.CompletedTask;
            }

            _entered.TrySetResult();
            return _released.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class GatedStore(IInternalCatalogStore inner, TableLoadGate gate) : IInternalCatalogStore
    {
        public Task<IReadOnlyList<CatalogDescriptor>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public Task<CatalogDescriptor?> FindAsync(string name, CancellationToken cancellationToken = default) => inner.FindAsync(name, cancellationToken);

        public Task<CatalogDescriptor> CreateAsync(string name, string warehouse, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default) =>
            inner.CreateAsync(name, warehouse, properties, cancellationToken);

        public Task<bool> DropAsync(string name, CancellationToken cancellationToken = default) => inner.DropAsync(name, cancellationToken);

        public async Task<ICatalog> OpenAsync(CatalogDescriptor catalog, CancellationToken cancellationToken = default) =>
            new GatedCatalog(await inner.OpenAsync(catalog, cancellationToken), gate);
    }

    /// <summary>The catalog as it is, except that loading a table passes the gate first.</summary>
    private sealed class GatedCatalog(ICatalog inner, TableLoadGate gate) : ICatalog
    {
        public string Name => inner.Name;

        public bool SupportsMultiTableCommit => inner.SupportsMultiTableCommit;

        public async Task<IcebergTable> LoadTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
        {
            await gate.PassAsync(identifier, cancellationToken);
            return await inner.LoadTableAsync(identifier, cancellationToken);
        }

        public Task CreateNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default) => inner.CreateNamespaceAsync(@namespace, cancellationToken);

        public Task CreateNamespaceAsync(Namespace @namespace, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default) =>
            inner.CreateNamespaceAsync(@namespace, properties, cancellationToken);

        public Task<IReadOnlyDictionary<string, string>> LoadNamespacePropertiesAsync(Namespace @namespace, CancellationToken cancellationToken = default) =>
            inner.LoadNamespacePropertiesAsync(@namespace, cancellationToken);

        public Task<NamespacePropertiesChange> UpdateNamespacePropertiesAsync(
            Namespace @namespace, IReadOnlyCollection<string> removals, IReadOnlyDictionary<string, string> updates, CancellationToken cancellationToken = default) =>
            inner.UpdateNamespacePropertiesAsync(@namespace, removals, updates, cancellationToken);

        public Task<bool> NamespaceExistsAsync(Namespace @namespace, CancellationToken cancellationToken = default) => inner.NamespaceExistsAsync(@namespace, cancellationToken);

        public Task<IReadOnlyList<Namespace>> ListNamespacesAsync(Namespace parent, CancellationToken cancellationToken = default) => inner.ListNamespacesAsync(parent, cancellationToken);

        public Task<bool> DropNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default) => inner.DropNamespaceAsync(@namespace, cancellationToken);

        public Task<IReadOnlyList<TableIdentifier>> ListTablesAsync(Namespace @namespace, CancellationToken cancellationToken = default) => inner.ListTablesAsync(@namespace, cancellationToken);

        public Task<bool> TableExistsAsync(TableIdentifier identifier, CancellationToken cancellationToken = default) => inner.TableExistsAsync(identifier, cancellationToken);

        public Task<TableMetadata> CreateTableAsync(
            TableIdentifier identifier, Schema schema, PartitionSpec? spec = null, SortOrder? sortOrder = null, IReadOnlyDictionary<string, string>? properties = null,
            CancellationToken cancellationToken = default) =>
            inner.CreateTableAsync(identifier, schema, spec, sortOrder, properties, cancellationToken);

        public Task<TableMetadata> CreateTableAsync(
            TableIdentifier identifier, Schema schema, PartitionSpec? spec, SortOrder? sortOrder, IReadOnlyDictionary<string, string>? properties, string? location,
            CancellationToken cancellationToken = default) =>
            inner.CreateTableAsync(identifier, schema, spec, sortOrder, properties, location, cancellationToken);

        public Task<string> DefaultTableLocationAsync(TableIdentifier identifier, CancellationToken cancellationToken = default) =>
            inner.DefaultTableLocationAsync(identifier, cancellationToken);

        public Task<TableMetadata> RegisterTableAsync(TableIdentifier identifier, string metadataFileLocation, bool overwrite = false, CancellationToken cancellationToken = default) =>
            inner.RegisterTableAsync(identifier, metadataFileLocation, overwrite, cancellationToken);


        public Task<TableMetadata> CommitTableAsync(TableIdentifier identifier, TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default) =>
            inner.CommitTableAsync(identifier, baseMetadata, updated, cancellationToken);

        public Task<TableMetadata> CommitTableAsync(
            TableIdentifier identifier, IReadOnlyList<UpdateRequirement> requirements, IReadOnlyList<MetadataUpdate> updates, CancellationToken cancellationToken = default) =>
            inner.CommitTableAsync(identifier, requirements, updates, cancellationToken);

        public Task<IReadOnlyList<TableMetadata>> CommitTransactionAsync(IReadOnlyList<TableCommit> commits, CancellationToken cancellationToken = default) =>
            inner.CommitTransactionAsync(commits, cancellationToken);

        public Task<bool> DropTableAsync(TableIdentifier identifier, bool purge, CancellationToken cancellationToken = default) => inner.DropTableAsync(identifier, purge, cancellationToken);

        public Task RenameTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken = default) => inner.RenameTableAsync(from, to, cancellationToken);

        public Task<PrimaryKeyTable> CreatePrimaryKeyTableAsync(
            TableIdentifier identifier, Schema schema, IReadOnlyList<string> primaryKey, PartitionSpec? spec = null, IReadOnlyDictionary<string, string>? properties = null,
            CancellationToken cancellationToken = default) =>
            inner.CreatePrimaryKeyTableAsync(identifier, schema, primaryKey, spec, properties, cancellationToken);

        public Task<bool> IsPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default) => inner.IsPrimaryKeyTableAsync(identifier, cancellationToken);

        public Task<PrimaryKeyTable> LoadPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default) =>
            inner.LoadPrimaryKeyTableAsync(identifier, cancellationToken);
    }
}
