using Floe.Catalog;
using Floe.Common.Errors;
using Floe.Server.Catalogs;
using Floe.Server.Rest;
using Floe.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Tests.Rest;

/// <summary>
/// The REST route group alone on a bare Kestrel application over two catalogs (<c>main</c>, served without prefix,
/// and <c>lake</c>), every request anonymous unless the test header <c>X-Test-Catalogs</c> restricts it, and a
/// recording metrics sink. Subclasses choose the kind of catalog.
/// </summary>
public abstract class BareHostBackend : RestBackend
{
    public const string RestrictHeader = "X-Test-Catalogs";

    /// <summary>A request with this header carries no principal, as if authentication never ran.</summary>
    public const string UnauthenticatedHeader = "X-Test-Unauthenticated";

    /// <summary>A catalog name the registry fails to open with an I/O error.</summary>
    public const string BrokenCatalog = "broken";

    private readonly Dictionary<string, (ICatalog Catalog, string Warehouse)> _catalogs = new(StringComparer.Ordinal);
    private WebApplication? _app;

    protected string Root { get; } = TempFolder("host");

    public override string DefaultCatalog => "main";

    public override string OtherCatalog => "lake";

    public override long MaxRequestBodyBytes => 256 * 1024;

    public RecordingMetricsSink Metrics { get; } = new();

    public override Task<ICatalog> OpenCatalogAsync(string name) => Task.FromResult(_catalogs[name].Catalog);

    public override Task<string> WarehouseAsync(string name) => Task.FromResult(_catalogs[name].Warehouse);

    /// <summary>Opens a catalog of this backend's kind with its warehouse at <paramref name="warehouse"/>.</summary>
    protected abstract Task<ICatalog> CreateCatalogAsync(string name, string warehouse);

    protected virtual Task CloseCatalogsAsync() => Task.CompletedTask;

    protected override async Task<Uri> StartAsync()
    {
        foreach (string name in new[] { DefaultCatalog, OtherCatalog })
        {
            string warehouse = Path.Combine(Root, "warehouse", name);
            _catalogs[name] = (await CreateCatalogAsync(name, warehouse), warehouse);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddSingleton<ICatalogRegistry>(new Registry(_catalogs, DefaultCatalog));
        builder.Services.AddSingleton<IIcebergMetricsSink>(Metrics);
        builder.Services.AddSingleton(new IcebergRestOptions { MaxRequestBodyBytes = MaxRequestBodyBytes, DefaultPageSize = 2, MaxPageSize = 50 });
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            string? restricted = context.Request.Headers[RestrictHeader];
            if (context.Request.Headers.ContainsKey(UnauthenticatedHeader))
            {
                return next(context);
            }

            RequestAccess.SetPrincipal(context, restricted is null
                ? FloePrincipal.Anonymous
                : new FloePrincipal("restricted", IsAdmin: false, restricted.Split(',').ToHashSet(StringComparer.Ordinal)));
            return next(context);
        });
        _app.MapIcebergRestCatalog();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    protected override async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await CloseCatalogsAsync();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private sealed class Registry(Dictionary<string, (ICatalog Catalog, string Warehouse)> catalogs, string defaultName) : ICatalogRegistry
    {
        public string DefaultCatalogName => defaultName;

        public Task<ICatalog> GetAsync(string name, CancellationToken cancellationToken = default) =>
            catalogs.TryGetValue(name, out var catalog)
                ? Task.FromResult(catalog.Catalog)
                : name == BrokenCatalog
                    ? throw new IOException("The catalog's disk is gone.")
                    : throw new FloeException(FloeErrorKind.NotFound, $"Catalog {name} does not exist.");

        public Task<IReadOnlyList<CatalogDescriptor>> ListAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CatalogDescriptor>>([.. catalogs
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new CatalogDescriptor(c.Key, CatalogKind.Internal, c.Value.Warehouse, new Dictionary<string, string>()))]);
    }
}
