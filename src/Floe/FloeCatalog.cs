using Floe.Arrow;
using Floe.Catalog;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Sql;
using ArrowSchema = Apache.Arrow.Schema;

namespace Floe;

/// <summary>
/// The entry point of Floe for applications: a catalog opened from one string (a warehouse folder,
/// <c>sqlite:PATH[#CATALOG]</c>, <c>postgres:CONNECTION[#CATALOG]</c> or an <c>http(s)://</c> Iceberg REST URI with
/// <c>?warehouse=NAME</c>), its namespaces, and its tables as <see cref="FloeTable"/>s. Names are dotted:
/// <c>db</c>, <c>db.events</c>. Dispose it to close the catalog's connections.
/// </summary>
public sealed class FloeCatalog : IAsyncDisposable
{
    private FloeCatalog(ICatalog catalog) => Catalog = catalog;

    /// <summary>The catalog underneath, for what this type does not cover (commits of metadata, renames, properties).</summary>
    public ICatalog Catalog { get; }

    public string Name => Catalog.Name;

    /// <summary>Opens the catalog <paramref name="catalog"/> names (see the type's summary for the forms).</summary>
    public static async Task<FloeCatalog> OpenAsync(string catalog, FloeCatalogOptions? options = null, CancellationToken cancellationToken = default)
    {
        var connect = new CatalogConnectOptions { Token = options?.Token, FileIO = options?.FileIO };
        return new FloeCatalog(await CatalogUri.OpenAsync(catalog, connect, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Wraps a catalog opened some other way; disposing the result disposes it.</summary>
    public static FloeCatalog Wrap(ICatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FloeCatalog(catalog);
    }

    /// <summary>The namespaces directly below <paramref name="parent"/> (the root when null), dotted and sorted.</summary>
    public async Task<IReadOnlyList<string>> ListNamespacesAsync(string? parent = null, CancellationToken cancellationToken = default)
    {
        Namespace under = parent is null ? Namespace.Empty : Namespace.Parse(parent);
        IReadOnlyList<Namespace> found = await Catalog.ListNamespacesAsync(under, cancellationToken).ConfigureAwait(false);
        return [.. found.Select(n => n.ToString())];
    }

    /// <summary>Creates a namespace such as <c>db</c> or <c>sales.eu</c>; AlreadyExists when it does.</summary>
    public Task CreateNamespaceAsync(string name, CancellationToken cancellationToken = default) =>
        Catalog.CreateNamespaceAsync(Namespace.Parse(name), cancellationToken);

    public Task<bool> NamespaceExistsAsync(string name, CancellationToken cancellationToken = default) =>
        Catalog.NamespaceExistsAsync(Namespace.Parse(name), cancellationToken);

    /// <summary>The tables of a namespace, as dotted names (<c>db.events</c>), sorted.</summary>
    public async Task<IReadOnlyList<string>> ListTablesAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<TableIdentifier> tables = await Catalog.ListTablesAsync(Namespace.Parse(@namespace), cancellationToken).ConfigureAwait(false);
        return [.. tables.Select(t => t.ToString())];
    }

    public Task<bool> TableExistsAsync(string name, CancellationToken cancellationToken = default) =>
        Catalog.TableExistsAsync(TableIdentifier.Parse(name), cancellationToken);

    /// <summary>
    /// Creates a plain Iceberg table (its namespace must exist) of the columns of an Arrow schema and loads it. Field ids
    /// come from each field's <c>PARQUET:field_id</c> metadata where present and are assigned fresh otherwise; a field
    /// that is not nullable is a required column. A record batch's own schema will do.
    /// </summary>
    public async Task<FloeTable> CreateTableAsync(string name, ArrowSchema schema, FloeTableOptions? options = null, CancellationToken cancellationToken = default)
    {
        Schema columns = ToIceberg(schema);
        TableIdentifier identifier = TableIdentifier.Parse(name);
        await Catalog.CreateTableAsync(identifier, columns, SpecOf(columns, options), null, options?.Properties, cancellationToken).ConfigureAwait(false);
        return await LoadTableAsync(name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a primary-key table keyed by <paramref name="primaryKey"/> (fields of <paramref name="schema"/> that are not
    /// nullable): writes are upserts and deletes by key, reads see the newest version of each key. Field ids as
    /// <see cref="CreateTableAsync"/> takes them.
    /// </summary>
    public async Task<FloeTable> CreatePrimaryKeyTableAsync(
        string name, ArrowSchema schema, IReadOnlyList<string> primaryKey, FloeTableOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        Schema columns = ToIceberg(schema);
        TableIdentifier identifier = TableIdentifier.Parse(name);
        var created = await Catalog.CreatePrimaryKeyTableAsync(identifier, columns, primaryKey, SpecOf(columns, options), options?.Properties, cancellationToken).ConfigureAwait(false);
        return new FloeTable(identifier.ToString(), created);
    }

    /// <summary>Loads a table of either kind; NotFound when it does not exist.</summary>
    public async Task<FloeTable> LoadTableAsync(string name, CancellationToken cancellationToken = default)
    {
        TableIdentifier identifier = TableIdentifier.Parse(name);
        if (await Catalog.IsPrimaryKeyTableAsync(identifier, cancellationToken).ConfigureAwait(false))
        {
            return new FloeTable(identifier.ToString(), await Catalog.LoadPrimaryKeyTableAsync(identifier, cancellationToken).ConfigureAwait(false));
        }

        return new FloeTable(identifier.ToString(), await Catalog.LoadTableAsync(identifier, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Drops a table; with <paramref name="purge"/> its files are deleted too. False when it did not exist.</summary>
    public Task<bool> DropTableAsync(string name, bool purge = false, CancellationToken cancellationToken = default) =>
        Catalog.DropTableAsync(TableIdentifier.Parse(name), purge, cancellationToken);

    public ValueTask DisposeAsync()
    {
        switch (Catalog)
        {
            case IAsyncDisposable asyncDisposable:
                return asyncDisposable.DisposeAsync();
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        return ValueTask.CompletedTask;
    }

    public override string ToString() => Name;

    private static Schema ToIceberg(ArrowSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return ArrowSchemas.ToIcebergSchema(schema);
    }

    private static PartitionSpec? SpecOf(Schema schema, FloeTableOptions? options) =>
        options?.PartitionBy is { } text ? SqlPartition.Parse(text, schema, subject: "PartitionBy") : null;
}
