using Floe.Core.IO;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// A table whose files are read, written and deleted only under <paramref name="root"/> (its location): metadata
/// that names a file elsewhere makes the operation fail instead of touching another table's files.
/// </summary>
public sealed class ConfinedTableOperations(ITableOperations inner, string root) : ITableOperations
{
    public IFileIO Io { get; } = ConfinedFileIO.To(inner.Io, root);

    public ITableOperations Inner => inner;

    public TableMetadata Current => inner.Current;

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

    public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default) =>
        inner.CommitAsync(baseMetadata, updated, cancellationToken);

    public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, Task filesOnDisk, CancellationToken cancellationToken = default) =>
        inner.CommitAsync(baseMetadata, updated, filesOnDisk, cancellationToken);
}
