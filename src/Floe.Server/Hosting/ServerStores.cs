using Floe.Server.Security;
using Floe.Server.Store;

namespace Floe.Server.Hosting;

/// <summary>What the server keeps in its metastore: the internal catalogs, the tokens, the optimizing state, the maintenance history, and the connection behind them.</summary>
public sealed class ServerStores : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owner;

    public ServerStores(IInternalCatalogStore catalogs, ITokenStore tokens, string description, IAsyncDisposable? owner = null, OptimizingStore? optimizing = null,
        MaintenanceStore? maintenance = null)
    {
        ArgumentNullException.ThrowIfNull(catalogs);
        ArgumentNullException.ThrowIfNull(tokens);
        Catalogs = catalogs;
        Tokens = tokens;
        Description = description;
        _owner = owner;
        Optimizing = optimizing;
        Maintenance = maintenance;
    }

    /// <summary>The maintenance history; null runs the server without the maintenance scheduler.</summary>
    public MaintenanceStore? Maintenance { get; }

    /// <summary>The optimizing service's state; null runs the server without the service.</summary>
    public OptimizingStore? Optimizing { get; }

    public IInternalCatalogStore Catalogs { get; }

    public ITokenStore Tokens { get; }

    /// <summary>Where the metastore is, for the start banner (never a password).</summary>
    public string Description { get; }

    public ValueTask DisposeAsync() => _owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
