using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Catalog.Rest;

/// <summary>
/// A table behind a REST catalog: refresh loads it, a commit sends the change from base to updated metadata as
/// requirements and updates. A lost race is a CommitConflict, so <c>TableCommitter</c> refreshes and retries.
/// </summary>
internal sealed class RestTableOperations(RestCatalog catalog, TableIdentifier identifier, TableMetadata current, IFileIO io) : ITableOperations
{
    private TableMetadata _current = current;

    public IFileIO Io => io;

    public TableMetadata Current => Volatile.Read(ref _current);

    public async Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var loaded = await catalog.LoadMetadataAsync(identifier, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, loaded);
        return loaded;
    }

    public async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        var stored = await catalog.CommitTableAsync(identifier, baseMetadata, updated, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, stored);
        return stored;
    }
}
