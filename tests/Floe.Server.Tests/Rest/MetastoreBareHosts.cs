using Floe.Catalog;
using Floe.Catalog.Metastore;
using Floe.Catalog.Tests.Metastore;

namespace Floe.Server.Tests.Rest;

/// <summary>The bare host over internal catalogs of a metastore.</summary>
public abstract class MetastoreBareHost : BareHostBackend
{
    private MetastoreDatabase? _database;

    public override bool SupportsMultiTableCommit => true;

    protected abstract Task<MetastoreSettings> SettingsAsync();

    protected override async Task<ICatalog> CreateCatalogAsync(string name, string warehouse)
    {
        var ct = TestContext.Current.CancellationToken;
        _database ??= await MetastoreDatabase.OpenAsync(await SettingsAsync(), cancellationToken: ct);
        await _database.Catalogs.CreateAsync(name, warehouse, cancellationToken: ct);
        return await _database.OpenCatalogAsync(name, ct);
    }

    protected override Task CloseCatalogsAsync()
    {
        _database?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Internal catalogs in a SQLite metastore file.</summary>
public sealed class SqliteBareHost : MetastoreBareHost
{
    protected override Task<MetastoreSettings> SettingsAsync() =>
        Task.FromResult(MetastoreSettings.Sqlite(Path.Combine(Root, "floe.db")));
}

/// <summary>Internal catalogs in a fresh database on the private PostgreSQL test server.</summary>
public sealed class PostgresBareHost(PostgresServer server) : MetastoreBareHost
{
    protected override bool IsAvailable => server.UnavailableReason is null;

    public override void RequireAvailable() => server.RequireAvailable();

    protected override async Task<MetastoreSettings> SettingsAsync()
    {
        return MetastoreSettings.Postgres(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
    }
}
