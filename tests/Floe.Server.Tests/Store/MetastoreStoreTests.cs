using Floe.Catalog.Metastore;

namespace Floe.Server.Tests.Store;

/// <summary>A metastore a store test opens, and reopens as a restarted server would; the engine comes from the subclass.</summary>
public abstract class MetastoreStoreTests : IAsyncLifetime
{
    private MetastoreSettings? _settings;
    private MetastoreDatabase? _database;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<MetastoreSettings> CreateSettingsAsync();

    /// <summary>Builds the stores under test over a newly opened metastore.</summary>
    protected abstract void Opened(MetastoreDatabase database);

    public virtual async ValueTask InitializeAsync()
    {
        _settings = await CreateSettingsAsync();
        await ReopenAsync();
    }

    public ValueTask DisposeAsync()
    {
        _database?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the metastore and opens it again, as a restarted server would.</summary>
    protected async Task ReopenAsync()
    {
        _database?.Dispose();
        _database = await MetastoreDatabase.OpenAsync(_settings!, cancellationToken: Ct);
        Opened(_database);
    }
}
