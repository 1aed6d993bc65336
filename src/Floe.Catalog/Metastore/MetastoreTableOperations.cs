using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Catalog.Metastore;

/// <summary>One store of a metastore table as transactions see it: current metadata, refresh, and the pointer swap.</summary>
internal sealed class MetastoreTableOperations(MetastoreCatalog catalog, TableIdentifier identifier, TableStore store, TableMetadata current, IFileIO io)
    : ITableOperations
{
    private TableMetadata _current = current;

    public IFileIO Io => io;

    public TableMetadata Current => Volatile.Read(ref _current);

    public async Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var loaded = await catalog.LoadStoreAsync(identifier, store, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, loaded);
        return loaded;
    }

    public async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        var stored = await catalog.CommitStoreAsync(identifier, store, baseMetadata, updated, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, stored);
        return stored;
    }
}
