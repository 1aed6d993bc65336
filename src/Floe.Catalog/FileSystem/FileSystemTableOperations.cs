using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Catalog.FileSystem;

/// <summary>One table of a filesystem warehouse as seen by transactions: current metadata, refresh and atomic commit.</summary>
internal sealed class FileSystemTableOperations(
    MetadataCommitter committer, TableFolder folder, TableIdentifier identifier, TableMetadata current, IFileIO io, Action<TableIdentifier> committed)
    : ITableOperations
{
    private TableMetadata _current = current;

    public IFileIO Io => io;

    public TableMetadata Current => Volatile.Read(ref _current);

    public async Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var loaded = await committer.TryLoadAsync(folder, cancellationToken).ConfigureAwait(false)
            ?? throw new FloeException(FloeErrorKind.NotFound, $"Table {identifier} does not exist.");
        Volatile.Write(ref _current, loaded);
        return loaded;
    }

    public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default) =>
        CommitAsync(baseMetadata, updated, Task.CompletedTask, cancellationToken);

    /// <summary>Writes and flushes the new version file while <paramref name="filesOnDisk"/> completes, then links it in place.</summary>
    public async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, Task filesOnDisk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseMetadata);
        var stored = await committer.CommitAsync(folder, identifier.ToString(), baseMetadata, updated, filesOnDisk, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, stored);
        committed(identifier);
        return stored;
    }
}
