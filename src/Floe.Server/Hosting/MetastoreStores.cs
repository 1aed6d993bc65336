using Floe.Catalog;
using Floe.Catalog.Metastore;
using Floe.Server.Catalogs;
using Floe.Server.Configuration;
using Floe.Server.Security;
using Floe.Server.Store;

namespace Floe.Server.Hosting;

/// <summary>The server's stores in its metastore database: internal catalogs, tokens, the optimizing state and the maintenance history.</summary>
public sealed class MetastoreStores : IInternalCatalogStore, ITokenStore, IAsyncDisposable
{
    private readonly MetastoreDatabase _database;
    private readonly TokenStore _tokens;

    public MetastoreStores(MetastoreDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _tokens = new TokenStore(database);
        Optimizing = new OptimizingStore(database);
        Maintenance = new MaintenanceStore(database);
    }

    /// <summary>The maintenance history.</summary>
    public MaintenanceStore Maintenance { get; }

    /// <summary>Optimizer groups, tables' optimizing state, processes and tasks.</summary>
    public OptimizingStore Optimizing { get; }

    /// <summary>Opens the configured metastore, applying its pending migrations.</summary>
    public static async Task<ServerStores> OpenAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        MetastoreDatabase database = await MetastoreDatabase.OpenAsync(options.Metastore.ToSettings(), initialize: options.Metastore.Initialize, cancellationToken: cancellationToken).ConfigureAwait(false);
        var stores = new MetastoreStores(database);
        return new ServerStores(stores, stores, $"{database.Settings} (schema version {database.SchemaVersion})", stores, stores.Optimizing, stores.Maintenance);
    }

    async Task<IReadOnlyList<CatalogDescriptor>> IInternalCatalogStore.ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<CatalogRecord> records = await _database.Catalogs.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(Describe)];
    }

    public async Task<CatalogDescriptor?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        CatalogRecord? record = await _database.Catalogs.GetAsync(name, cancellationToken).ConfigureAwait(false);
        return record is null ? null : Describe(record);
    }

    public async Task<CatalogDescriptor> CreateAsync(string name, string warehouse, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default) =>
        Describe(await _database.Catalogs.CreateAsync(name, warehouse, properties, cancellationToken).ConfigureAwait(false));

    public Task<bool> DropAsync(string name, CancellationToken cancellationToken = default) => _database.Catalogs.DropAsync(name, cancellationToken);

    public async Task<ICatalog> OpenAsync(CatalogDescriptor catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return await _database.OpenCatalogAsync(catalog.Name, cancellationToken).ConfigureAwait(false);
    }

    public Task InsertAsync(TokenRecord token, CancellationToken cancellationToken = default) => _tokens.CreateAsync(token, cancellationToken);

    Task<IReadOnlyList<TokenRecord>> ITokenStore.ListAsync(CancellationToken cancellationToken) => _tokens.ListAsync(cancellationToken);

    public Task<TokenRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        _tokens.FindByHashAsync(secretHash, cancellationToken);

    public Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default) => _tokens.RevokeAsync(name, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        return ValueTask.CompletedTask;
    }

    private static CatalogDescriptor Describe(CatalogRecord record) =>
        new(record.Name, CatalogKind.Internal, record.Warehouse, record.Properties);
}
