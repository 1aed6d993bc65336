using Floe.Catalog;
using Floe.Catalog.Metastore;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.TestKit.Server;
using Floe.TestKit;

namespace Floe.Server.Tests.Rest;

/// <summary>
/// The real <see cref="FloeServer"/> on 127.0.0.1 port 0 over a metastore: the <c>default</c> internal catalog it
/// creates on first start (served without prefix) and a second internal catalog <c>lake</c>.
/// </summary>
public abstract class FloeServerBackend : RestBackend
{
    private readonly string _root = TempFolder("server");
    private RunningServer? _server;

    public override string DefaultCatalog => ServerOptions.DefaultCatalogName;

    public override string OtherCatalog => "lake";

    public override bool SupportsMultiTableCommit => true;

    public override long MaxRequestBodyBytes => 256 * 1024;

    internal FloeServer Server => _server?.Server ?? throw new InvalidOperationException("The server is not started.");

    public override Task<ICatalog> OpenCatalogAsync(string name) => Server.Catalogs.GetAsync(name, TestContext.Current.CancellationToken);

    public override async Task<string> WarehouseAsync(string name) =>
        (await Server.Catalogs.DescribeAsync(name, TestContext.Current.CancellationToken)).Warehouse;

    /// <summary>How requests authenticate; the conformance suites run without tokens.</summary>
    protected virtual AuthMode Auth => AuthMode.None;

    protected abstract Task<MetastoreOptions> MetastoreAsync(string dataDirectory);

    protected override async Task<Uri> StartAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        ServerOptions options = RunningServer.Options(_root, Auth) with
        {
            MaxRequestBodyBytes = MaxRequestBodyBytes,
            Metastore = await MetastoreAsync(_root),
            // The suites check exact snapshots; the optimizing service has its own tests.
            Optimizing = new OptimizingOptions { Enabled = false },
        };
        _server = await RunningServer.StartAsync(options);
        await Server.Catalogs.CreateInternalAsync(OtherCatalog, options.DefaultWarehouseFor(OtherCatalog), cancellationToken: ct);
        return _server.Address;
    }

    protected override async Task StopAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>The server with its embedded SQLite metastore.</summary>
public class SqliteFloeServer : FloeServerBackend
{
    protected override Task<MetastoreOptions> MetastoreAsync(string dataDirectory) =>
        Task.FromResult(new MetastoreOptions { Kind = MetastoreKind.Sqlite, SqlitePath = Path.Combine(dataDirectory, "floe.db") });
}

/// <summary>The server with a fresh database on the private PostgreSQL test server as its metastore.</summary>
public sealed class PostgresFloeServer(PostgresServer postgres) : FloeServerBackend
{
    protected override bool IsAvailable => postgres.UnavailableReason is null;

    public override void RequireAvailable() => postgres.RequireAvailable();

    protected override async Task<MetastoreOptions> MetastoreAsync(string dataDirectory) =>
        new() { Kind = MetastoreKind.Postgres, ConnectionString = await postgres.CreateDatabaseAsync(TestContext.Current.CancellationToken) };
}

/// <summary>The SQLite server with <c>auth: token</c>: every request needs a bearer token.</summary>
public sealed class TokenAuthFloeServer : SqliteFloeServer
{
    protected override AuthMode Auth => AuthMode.Token;
}
