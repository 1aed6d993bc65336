using Floe.Server.Security;

namespace Floe.Server.Hosting;

/// <summary>What the server keeps in its metastore: the internal catalogs and the tokens, and the connection behind them.</summary>
public sealed class ServerStores : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owner;

    public ServerStores(IInternalCatalogStore catalogs, ITokenStore tokens, string description, IAsyncDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(catalogs);
        ArgumentNullException.ThrowIfNull(tokens);
        Catalogs = catalogs;
        Tokens = tokens;
        Description = description;
        _owner = owner;
    }

    public IInternalCatalogStore Catalogs { get; }

    public ITokenStore Tokens { get; }

    /// <summary>Where the metastore is, for the start banner (never a password).</summary>
    public string Description { get; }

    public ValueTask DisposeAsync() => _owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
