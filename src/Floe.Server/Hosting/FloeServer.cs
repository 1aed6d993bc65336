using System.Net;
using Floe.Server.Catalogs;
using Floe.Server.Configuration;
using Floe.Server.Management;
using Floe.Server.Maintenance;
using Floe.Server.Optimizing;
using Floe.Server.Optimizing.Api;
using Floe.Server.Rest;
using Floe.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Hosting;

/// <summary>
/// The Floe management server: a Kestrel application serving the Iceberg REST catalog under
/// <c>/api/iceberg/rest</c> and the management API under <c>/api/floe/v1</c> over the catalogs in its metastore and
/// the external catalogs of its configuration, the optimizer protocol under <c>/api/optimizer/v1</c> and the optimizing
/// service behind it. <c>StartAsync</c>
/// returns once it listens; <see cref="StopAsync"/> stops taking connections and lets requests in flight finish.
/// </summary>
public sealed class FloeServer : IAsyncDisposable
{
    /// <summary>How long a stop waits for requests in flight before it cuts them off.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    private readonly WebApplication _app;
    private readonly ServerStores _stores;
    private int _stopped;

    private FloeServer(WebApplication app, ServerStores stores, ServerOptions options, Uri address)
    {
        _app = app;
        _stores = stores;
        Options = options;
        Address = address;
        Catalogs = app.Services.GetRequiredService<ServerCatalogRegistry>();
        Tokens = app.Services.GetRequiredService<TokenService>();
        Optimizing = app.Services.GetService<OptimizingService>();
        Maintenance = app.Services.GetService<MaintenanceScheduler>();
    }

    public ServerOptions Options { get; }

    /// <summary>The address the server listens on, with the real port when the configuration asked for port 0.</summary>
    public Uri Address { get; }

    public ServerCatalogRegistry Catalogs { get; }

    public TokenService Tokens { get; }

    /// <summary>The bearer secret of the server's own clients (its embedded optimizers): an admin, valid until the server stops.</summary>
    internal string InternalSecret { get; private init; } = "";

    /// <summary>The optimizing service; null when the stores keep no optimizing state.</summary>
    public OptimizingService? Optimizing { get; }

    /// <summary>The maintenance scheduler; null when the stores keep no maintenance history.</summary>
    public MaintenanceScheduler? Maintenance { get; }

    /// <summary>The optimizers this server runs itself (groups with local threads); null without the optimizing service.</summary>
    public LocalOptimizers? LocalOptimizers { get; private set; }

    private async Task StartLocalOptimizersAsync(OptimizingService optimizing, CancellationToken cancellationToken)
    {
        if (!optimizing.Options.Enabled)
        {
            return;
        }

        ILogger log = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Floe.Optimizing");
        var local = new LocalOptimizers(Address, InternalSecret, TimeSpan.FromMilliseconds(optimizing.Options.HeartbeatIntervalMs), log);
        LocalOptimizers = local;
        optimizing.GroupChanged += group => _ = ApplyLaterAsync(local, group, log);
        foreach (var group in await optimizing.GroupsAsync(cancellationToken).ConfigureAwait(false))
        {
            await local.ApplyAsync(group, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ApplyLaterAsync(LocalOptimizers local, Store.OptimizerGroupRecord group, ILogger log)
    {
        try
        {
            await local.ApplyAsync(group, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.LogError(e, "Resizing the local optimizer of group {Group} failed", group.Name);
        }
    }

    /// <summary>Completes when the server has stopped (after <see cref="StopAsync"/>).</summary>
    public Task Completion => _app.WaitForShutdownAsync();

    /// <summary>Opens the configured metastore (running its migrations), then starts the server.</summary>
    public static Task<FloeServer> StartAsync(ServerOptions options, TextWriter? console = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, MetastoreStores.OpenAsync, console, cancellationToken);

    /// <summary>Starts the server over stores opened by <paramref name="openStores"/>.</summary>
    public static async Task<FloeServer> StartAsync(
        ServerOptions options,
        Func<ServerOptions, CancellationToken, Task<ServerStores>> openStores,
        TextWriter? console = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(openStores);
        Directory.CreateDirectory(options.DataDirectory);
        ConfiguredCaches.Apply(options.CacheMegabytes);
        ServerStores stores = await openStores(options, cancellationToken).ConfigureAwait(false);
        WebApplication? app = null;
        try
        {
            var registry = new ServerCatalogRegistry(stores.Catalogs, options.Catalogs, options.DefaultCatalog);
            bool createdDefault = await registry.EnsureDefaultAsync(options.DefaultWarehouseFor(options.DefaultCatalog), cancellationToken).ConfigureAwait(false);
            string internalSecret = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            app = Build(options, stores, registry, internalSecret);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var server = new FloeServer(app, stores, options, BoundAddress(app)) { InternalSecret = internalSecret };
            if (server.Optimizing is { } optimizing)
            {
                registry.TableCommitted += optimizing.TableChanged;
                await optimizing.StartAsync(cancellationToken).ConfigureAwait(false);
                await server.StartLocalOptimizersAsync(optimizing, cancellationToken).ConfigureAwait(false);
            }

            if (server.Maintenance is { } maintenance)
            {
                await maintenance.StartAsync(cancellationToken).ConfigureAwait(false);
            }

            if (console is not null)
            {
                await server.WriteBannerAsync(console, createdDefault, cancellationToken).ConfigureAwait(false);
            }

            return server;
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            await stores.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops taking new connections and waits for requests in flight to finish (at most <see cref="ShutdownTimeout"/>,
    /// or until <paramref name="cancellationToken"/> fires), then closes the metastore.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            await Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ShutdownTimeout);
        if (LocalOptimizers is not null)
        {
            await LocalOptimizers.DisposeAsync().ConfigureAwait(false);
        }

        if (Maintenance is not null)
        {
            await Maintenance.DisposeAsync().ConfigureAwait(false);
        }

        if (Optimizing is not null)
        {
            await Optimizing.DisposeAsync().ConfigureAwait(false);
        }

        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _stores.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static WebApplication Build(ServerOptions options, ServerStores stores, ServerCatalogRegistry registry, string internalSecret)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = options.DataDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        // The command line owns Ctrl+C and SIGTERM and calls StopAsync; several servers may share one process in tests.
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestLineSize = UrlLimit.KestrelMaxRequestLineBytes;
            if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(options.Port, listen => listen.Use(RejectionBodies.Connection));
            }
            else
            {
                kestrel.Listen(ParseHost(options.Host), options.Port, listen => listen.Use(RejectionBodies.Connection));
            }
        });

        var tokens = new TokenService(stores.Tokens, options.Clock);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<ICatalogRegistry>(registry);
        builder.Services.AddSingleton(tokens);
        builder.Services.AddSingleton(new ServerStatus(options.Clock));
        builder.Services.AddSingleton(new IcebergRestOptions { MaxRequestBodyBytes = options.MaxRequestBodyBytes });

        if (stores.Optimizing is { } optimizingStore)
        {
            builder.Services.AddSingleton(services => new OptimizingService(
                optimizingStore,
                new CatalogTableSource(registry),
                options.Optimizing,
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Floe.Optimizing"),
                options.Clock));
        }

        if (stores.Maintenance is { } maintenanceStore)
        {
            // Shares the optimizing service's table guards, so a run never overlaps an optimizing commit of its table.
            builder.Services.AddSingleton(services => services.GetService<OptimizingService>() is { } optimizing
                ? new MaintenanceScheduler(maintenanceStore, new CatalogMaintenanceTables(registry), options.Maintenance, optimizing.Guards,
                    optimizing.PlannedSnapshots, services.GetRequiredService<ILoggerFactory>().CreateLogger("Floe.Maintenance"), options.Clock)
                : new MaintenanceScheduler(maintenanceStore, new CatalogMaintenanceTables(registry), options.Maintenance, new TableGuards(),
                    _ => new HashSet<long>(), services.GetRequiredService<ILoggerFactory>().CreateLogger("Floe.Maintenance"), options.Clock));
        }

        WebApplication app = builder.Build();
        app.Use(RejectionBodies.CountAsync);
        app.Use(ErrorResponses.InvokeAsync);
        app.Use(UrlLimit.InvokeAsync);
        var authentication = new BearerAuthentication(
            options.Auth, tokens, path => path.Equals(ManagementApi.HealthPath, StringComparison.OrdinalIgnoreCase), internalSecret);
        app.Use(authentication.InvokeAsync);
        app.MapIcebergRestCatalog(IcebergRestCatalogEndpoints.DefaultBasePath);
        app.MapFloeManagementApi();
        app.MapOptimizerApi();
        app.MapFallback(context => IcebergErrors.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            ErrorDialect.NotFoundType,
            $"There is no route {context.Request.Method} {context.Request.Path}."));
        return app;
    }

    private static IPAddress ParseHost(string host) =>
        IPAddress.TryParse(host, out IPAddress? address)
            ? address
            : throw new Common.Errors.FloeException(
                Common.Errors.FloeErrorKind.InvalidArgument,
                $"Configuration key 'server.host': '{host}' is not an IP address or 'localhost'.");

    private static Uri BoundAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        string first = addresses?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(first.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal));
    }

    /// <summary>The URL <c>floe table ... --catalog</c> (or any REST client) reaches the default catalog with.</summary>
    public Uri RestCatalogUri => new($"{new Uri(Address, IcebergRestCatalogEndpoints.DefaultBasePath)}?warehouse={Uri.EscapeDataString(Catalogs.DefaultCatalogName)}");

    private string RestCatalogLine() =>
        $"  REST catalog:         {RestCatalogUri}  (floe table ... --catalog <that URL>{(Options.Auth == AuthMode.None ? "" : " --token SECRET")})";

    private async Task WriteBannerAsync(TextWriter console, bool createdDefault, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"Floe server listening on {Address}");
        text.AppendLine($"  Iceberg REST catalog: {new Uri(Address, IcebergRestCatalogEndpoints.DefaultBasePath)}  (GET .../v1/config)");
        text.AppendLine(RestCatalogLine());
        text.AppendLine($"  Management API:       {new Uri(Address, ManagementApi.BasePath)}");
        text.AppendLine($"  Data directory:       {Options.DataDirectory}");
        text.AppendLine($"  Metastore:            {_stores.Description}");
        foreach (CatalogDescriptor catalog in await Catalogs.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            string marker = catalog.Name == Catalogs.DefaultCatalogName ? (createdDefault ? " (default, created now)" : " (default)") : string.Empty;
            text.AppendLine($"  Catalog {catalog.Name}{marker}: {(catalog.Kind == CatalogKind.Internal ? "internal" : "filesystem")}, warehouse {catalog.Warehouse}");
        }

        if (Optimizing is null || !Options.Optimizing.Enabled)
        {
            text.AppendLine("  Self-optimizing:      off");
        }
        else
        {
            string local = LocalOptimizers is { } optimizers && optimizers.Threads.Count > 0
                ? string.Join(", ", optimizers.Threads.Select(t => $"{t.Value} local thread(s) in group {t.Key}"))
                : "no local optimizer (start one with 'floe optimizer --server URL')";
            text.AppendLine($"  Self-optimizing:      on, {local}");
        }

        if (Options.Auth == AuthMode.None)
        {
            text.AppendLine("WARNING: auth is 'none': every request is served as an admin without a token. Use 'auth: token' anywhere but on your own machine.");
        }
        else
        {
            text.AppendLine("  Auth:                 bearer tokens (create one with 'floe token create --name NAME --admin')");
        }

        text.Append("Press Ctrl+C to stop.");
        await console.WriteLineAsync(text.ToString()).ConfigureAwait(false);
        await console.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
