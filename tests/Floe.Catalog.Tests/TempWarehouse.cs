using Floe.Catalog.FileSystem;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Catalog.Tests;

/// <summary>A warehouse in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempWarehouse : IDisposable
{
    public TempWarehouse()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "floe-catalog-" + Guid.NewGuid().ToString("N"));
        Catalog = new FileSystemCatalog(Path);
    }

    public string Path { get; }

    public FileSystemCatalog Catalog { get; }

    public static Schema Schema { get; } = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "data", PrimitiveType.String),
    ]);

    public static TableIdentifier Events { get; } = TableIdentifier.Of("db", "events");

    public string MetadataFolder(TableIdentifier id) => System.IO.Path.Combine([Path, .. id.Namespace.Levels, id.Name, "metadata"]);

    public async Task<Floe.Core.Metadata.TableMetadata> CreateEventsAsync()
    {
        await Catalog.CreateNamespaceAsync(Events.Namespace, TestContext.Current.CancellationToken);
        return await Catalog.CreateTableAsync(Events, Schema, cancellationToken: TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
