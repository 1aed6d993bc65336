using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

/// <summary>Table operations keeping the current metadata in memory; files go through <see cref="LocalFileIO"/>.</summary>
internal sealed class MemoryTableOperations(TableMetadata initial) : ITableOperations
{
    public IFileIO Io { get; } = new LocalFileIO();

    public TableMetadata Current { get; private set; } = initial;

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => Task.FromResult(Current);

    public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        if (!ReferenceEquals(baseMetadata, Current))
        {
            throw new FloeException(FloeErrorKind.CommitConflict, "The table changed.");
        }

        Current = updated;
        return Task.FromResult(updated);
    }
}
