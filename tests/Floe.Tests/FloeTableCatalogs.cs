using Floe.Catalog.Metastore;
using Floe.Server.Configuration;
using Floe.TestKit.Server;

namespace Floe.Tests;

/// <summary>A temporary folder per test class, deleted afterwards.</summary>
public abstract class TempFolderContract : FloeTableContract
{
    protected string Root { get; } = Path.Combine(Path.GetTempPath(), "floe-front-door", Guid.NewGuid().ToString("N"));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The verbs over a filesystem warehouse (the catalog string is a folder).</summary>
public sealed class FileSystemFloeTableTests : TempFolderContract
{
    protected override Task<string> CatalogStringAsync() => Task.FromResult(Path.Combine(Root, "warehouse"));
}

/// <summary>The verbs over a SQLite metastore (<c>sqlite:PATH</c>).</summary>
public sealed class SqliteFloeTableTests : TempFolderContract
{
    protected override async Task<string> CatalogStringAsync()
    {
        Directory.CreateDirectory(Root);
        string path = Path.Combine(Root, "floe.db");
        using var database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(path), cancellationToken: Ct);
        await database.Catalogs.CreateAsync("default", Path.Combine(Root, "default"), cancellationToken: Ct);
        return $"sqlite:{path}";
    }
}

/// <summary>The verbs through a running <c>floe server</c> (its Iceberg REST URL as the server prints it), with token auth off.</summary>
public sealed class RestFloeTableTests : TempFolderContract
{
    private RunningServer? _server;

    protected override async Task<string> CatalogStringAsync()
    {
        Directory.CreateDirectory(Root);
        _server = await RunningServer.StartAsync(RunningServer.Options(Root) with { Optimizing = new OptimizingOptions { Enabled = false } });
        return _server.Server.RestCatalogUri.ToString();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
