using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Interop.Tests.PrimaryKeys;

/// <summary>One store of a primary-key table kept in memory (its files on local disk).</summary>
internal sealed class PrimaryKeyStoreOperations(TableMetadata initial) : ITableOperations
{
    private readonly Lock _lock = new();

    public IFileIO Io { get; } = new LocalFileIO();

    public TableMetadata Current { get; private set; } = initial;

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => Task.FromResult(Current);

    public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(baseMetadata, Current))
            {
                throw new FloeException(FloeErrorKind.CommitConflict, "the store changed");
            }

            Current = updated;
            return Task.FromResult(updated);
        }
    }
}
