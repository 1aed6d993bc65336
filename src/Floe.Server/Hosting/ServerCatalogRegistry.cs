using System.Collections.Concurrent;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Errors;
using Floe.Server.Catalogs;
using Floe.Server.Configuration;
using Floe.Server.Store;

namespace Floe.Server.Hosting;

/// <summary>
/// The server's catalogs: internal ones from the metastore (looked up on each miss, so catalogs created by
/// <c>floe catalog create</c> while the server runs appear) and external filesystem warehouses from the configuration.
/// </summary>
public sealed class ServerCatalogRegistry : ICatalogRegistry
{
    private readonly IInternalCatalogStore _store;
    private readonly Dictionary<string, (CatalogDescriptor Descriptor, ICatalog Catalog)> _external;
    private readonly ConcurrentDictionary<string, ICatalog> _opened = new(StringComparer.Ordinal);

    public ServerCatalogRegistry(IInternalCatalogStore store, IReadOnlyList<ExternalCatalogOptions> external, string defaultCatalogName)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(external);
        ArgumentException.ThrowIfNullOrEmpty(defaultCatalogName);
        _store = store;
        DefaultCatalogName = defaultCatalogName;
        _external = new Dictionary<string, (CatalogDescriptor, ICatalog)>(StringComparer.Ordinal);
        foreach (ExternalCatalogOptions catalog in external)
        {
            var descriptor = new CatalogDescriptor(catalog.Name, CatalogKind.FileSystem, catalog.Warehouse, new Dictionary<string, string>());
            var opened = new FileSystemCatalog(catalog.Warehouse, catalog.Name);
            Observe(opened);
            _external[catalog.Name] = (descriptor, opened);
        }
    }

    public string DefaultCatalogName { get; }

    /// <summary>
    /// Raised after a commit through any catalog of this registry (REST commits and transactions, and tables the
    /// server itself writes) changed a table; handlers must be quick and must not throw.
    /// </summary>
    public event Action<TableKey>? TableCommitted;

    public async Task<ICatalog> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_external.TryGetValue(name, out var external))
        {
            return external.Catalog;
        }

        if (_opened.TryGetValue(name, out ICatalog? opened))
        {
            return opened;
        }

        CatalogDescriptor descriptor = await _store.FindAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"Catalog '{name}' does not exist.");
        ICatalog catalog = await _store.OpenAsync(descriptor, cancellationToken).ConfigureAwait(false);
        ICatalog kept = _opened.GetOrAdd(name, catalog);
        if (ReferenceEquals(kept, catalog))
        {
            Observe(catalog);
        }

        return kept;
    }

    private void Observe(ICatalog catalog)
    {
        if (catalog is ICommitObservable observable)
        {
            string name = catalog.Name;
            observable.TableCommitted += table => TableCommitted?.Invoke(new TableKey(name, table.Namespace.ToString(), table.Name));
        }
    }

    /// <summary>The descriptor of the catalog of that name; NotFound when there is none.</summary>
    public async Task<CatalogDescriptor> DescribeAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _external.TryGetValue(name, out var external)
            ? external.Descriptor
            : await _store.FindAsync(name, cancellationToken).ConfigureAwait(false)
              ?? throw new FloeException(FloeErrorKind.NotFound, $"Catalog '{name}' does not exist.");
    }

    public async Task<IReadOnlyList<CatalogDescriptor>> ListAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<CatalogDescriptor> internals = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. internals.Concat(_external.Values.Select(e => e.Descriptor)).OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Creates an internal catalog with its warehouse at <paramref name="warehouse"/>; AlreadyExists when any catalog,
    /// internal or external, has that name.
    /// </summary>
    public Task<CatalogDescriptor> CreateInternalAsync(string name, string warehouse, IReadOnlyDictionary<string, string>? properties = null, CancellationToken cancellationToken = default)
    {
        CatalogNameRules.Check(name);
        ArgumentException.ThrowIfNullOrEmpty(warehouse);
        if (_external.ContainsKey(name))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Catalog '{name}' already exists (an external catalog from the configuration).");
        }

        return _store.CreateAsync(name, Path.GetFullPath(warehouse), properties ?? new Dictionary<string, string>(), cancellationToken);
    }

    /// <summary>Drops an internal catalog; NotFound when there is none, Unsupported for an external one.</summary>
    public async Task DropInternalAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_external.ContainsKey(name))
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Catalog '{name}' comes from the configuration file; remove it there.");
        }

        if (!await _store.DropAsync(name, cancellationToken).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Catalog '{name}' does not exist.");
        }

        _opened.TryRemove(name, out _);
    }

    /// <summary>Creates the default internal catalog when it does not exist yet (first start).</summary>
    public async Task<bool> EnsureDefaultAsync(string warehouse, CancellationToken cancellationToken = default)
    {
        if (_external.ContainsKey(DefaultCatalogName)
            || await _store.FindAsync(DefaultCatalogName, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        try
        {
            await CreateInternalAsync(DefaultCatalogName, warehouse, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.AlreadyExists)
        {
            // Another process created it first; that is the same outcome.
            return false;
        }
    }
}
