using Floe.Catalog;

namespace Floe.Server.Tests.Rest;

/// <summary>
/// A running server that serves the REST catalog, and library access to the same catalogs. The conformance suites
/// run unchanged against every backend.
/// </summary>
public abstract class RestBackend : IAsyncLifetime
{
    private RestTestClient? _client;

    internal RestTestClient Client => _client ?? throw new InvalidOperationException("The backend is not started.");

    /// <summary>The catalog served without a prefix.</summary>
    public abstract string DefaultCatalog { get; }

    /// <summary>A second catalog, reached only through its prefix.</summary>
    public abstract string OtherCatalog { get; }

    /// <summary>True when the catalog commits several tables atomically.</summary>
    public abstract bool SupportsMultiTableCommit { get; }

    /// <summary>The largest request body the server accepts.</summary>
    public abstract long MaxRequestBodyBytes { get; }

    /// <summary>The catalog as the library sees it (same storage as the server).</summary>
    public abstract Task<ICatalog> OpenCatalogAsync(string name);

    /// <summary>The warehouse folder of a catalog.</summary>
    public abstract Task<string> WarehouseAsync(string name);

    /// <summary>False when the backend's dependencies are missing (no PostgreSQL server); its tests are then skipped.</summary>
    protected virtual bool IsAvailable => true;

    /// <summary>Skips the calling test when the backend could not start (or fails it where it must run).</summary>
    public virtual void RequireAvailable()
    {
    }

    public async ValueTask InitializeAsync()
    {
        if (!IsAvailable)
        {
            return;
        }

        Uri address = await StartAsync();
        _client = new RestTestClient(new HttpClient(), new Uri(address, "/api/iceberg/rest/"));
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Http.Dispose();
        await StopAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the server and returns its root address.</summary>
    protected abstract Task<Uri> StartAsync();

    protected abstract Task StopAsync();

    /// <summary>A fresh temporary folder under the system temp folder.</summary>
    protected static string TempFolder(string kind)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"floe-rest-{kind}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
