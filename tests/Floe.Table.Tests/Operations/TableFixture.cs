using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

/// <summary>A filesystem warehouse in a temporary folder with one table, <c>db.events</c>; deleted on dispose.</summary>
internal sealed class TableFixture : IDisposable
{
    public TableFixture()
    {
        Warehouse = Path.Combine(Path.GetTempPath(), "floe-ops-" + Guid.NewGuid().ToString("N"));
        Catalog = new FileSystemCatalog(Warehouse);
    }

    public static TableIdentifier Events { get; } = TableIdentifier.Of("db", "events");

    public static Schema Schema { get; } = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "data", PrimitiveType.String),
    ]);

    public string Warehouse { get; }

    public FileSystemCatalog Catalog { get; }

    public async Task<IcebergTable> CreateAsync(IReadOnlyDictionary<string, string>? properties = null)
    {
        var ct = TestContext.Current.CancellationToken;
        await Catalog.CreateNamespaceAsync(Events.Namespace, ct);
        await Catalog.CreateTableAsync(Events, Schema, properties: properties ?? FastRetries, cancellationToken: ct);
        return await Catalog.LoadTableAsync(Events, ct);
    }

    public Task<IcebergTable> OpenAsync() => Catalog.LoadTableAsync(Events, TestContext.Current.CancellationToken);

    public async Task<TableMetadata> LoadAsync() => (await Catalog.LoadTableAsync(Events, TestContext.Current.CancellationToken)).Metadata;

    /// <summary>Retries with short waits so conflict tests stay fast.</summary>
    public static Dictionary<string, string> FastRetries { get; } = new()
    {
        [CommitRetryProperties.NumRetries.Key] = "50",
        [CommitRetryProperties.MinWaitMs.Key] = "1",
        [CommitRetryProperties.MaxWaitMs.Key] = "20",
    };

    public void Dispose()
    {
        if (Directory.Exists(Warehouse))
        {
            Directory.Delete(Warehouse, recursive: true);
        }
    }
}
