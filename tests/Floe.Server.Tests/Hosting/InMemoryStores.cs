using System.Collections.Concurrent;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Errors;
using Floe.Server.Catalogs;
using Floe.Server.Hosting;
using Floe.Server.Security;
using Floe.Server.Store;

namespace Floe.Server.Tests.Hosting;

/// <summary>Stores kept in memory, with internal catalogs as filesystem warehouses: the host without a database.</summary>
internal sealed class InMemoryStores : IInternalCatalogStore, ITokenStore
{
    private readonly ConcurrentDictionary<string, CatalogDescriptor> _catalogs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TokenRecord> _tokens = new(StringComparer.Ordinal);

    /// <summary>Runs inside every catalog creation, before it is stored: lets a test hold a request in flight.</summary>
    public Func<Task>? BeforeCreate { get; set; }

    public ServerStores AsStores() => new(this, this, "in memory");

    /// <summary>Opens fresh, empty stores: a server started with it keeps no optimizing or maintenance state.</summary>
    public static Task<ServerStores> OpenNewAsync(Floe.Server.Configuration.ServerOptions options, CancellationToken cancellationToken) =>
        new InMemoryStores().OpenAsync(options, cancellationToken);

    public Task<ServerStores> OpenAsync(Floe.Server.Configuration.ServerOptions options, CancellationToken cancellationToken) =>
        Task.FromResult(AsStores());

    Task<IReadOnlyList<CatalogDescriptor>> IInternalCatalogStore.ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CatalogDescriptor>>([.. _catalogs.Values.OrderBy(c => c.Name, StringComparer.Ordinal)]);

    public Task<CatalogDescriptor?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_catalogs.TryGetValue(name, out var catalog) ? catalog : null);

    public async Task<CatalogDescriptor> CreateAsync(string name, string warehouse, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default)
    {
        if (BeforeCreate is not null)
        {
            await BeforeCreate().ConfigureAwait(false);
        }

        var descriptor = new CatalogDescriptor(name, CatalogKind.Internal, warehouse, properties);
        return _catalogs.TryAdd(name, descriptor)
            ? descriptor
            : throw new FloeException(FloeErrorKind.AlreadyExists, $"Catalog '{name}' already exists.");
    }

    public Task<bool> DropAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult(_catalogs.TryRemove(name, out _));

    public Task<ICatalog> OpenAsync(CatalogDescriptor catalog, CancellationToken cancellationToken = default) =>
        Task.FromResult<ICatalog>(new FileSystemCatalog(catalog.Warehouse, catalog.Name));

    public Task InsertAsync(TokenRecord token, CancellationToken cancellationToken = default) =>
        _tokens.TryAdd(token.Name, token)
            ? Task.CompletedTask
            : throw new FloeException(FloeErrorKind.AlreadyExists, $"Token '{token.Name}' already exists.");

    Task<IReadOnlyList<TokenRecord>> ITokenStore.ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TokenRecord>>([.. _tokens.Values.OrderBy(t => t.Name, StringComparer.Ordinal)]);

    public Task<TokenRecord?> FindByHashAsync(string secretHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tokens.Values.FirstOrDefault(t => t.SecretHash == secretHash));

    public Task<bool> RevokeAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!_tokens.TryGetValue(name, out var token))
        {
            return Task.FromResult(false);
        }

        _tokens[name] = token with { Revoked = true };
        return Task.FromResult(true);
    }
}
