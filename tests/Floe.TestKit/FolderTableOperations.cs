using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.TestKit;

/// <summary>The one current metadata version of a test table, swapped under a lock (a catalog in miniature).</summary>
public sealed class TableStore(TableMetadata initial)
{
    private readonly Lock _lock = new();
    private TableMetadata _latest = initial;

    public TableMetadata Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    public bool TrySwap(TableMetadata expected, TableMetadata updated)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_latest, expected))
            {
                return false;
            }

            _latest = updated;
            return true;
        }
    }
}

/// <summary>Table operations over a folder: files through <see cref="LocalFileIO"/>, metadata swapped in a shared <see cref="TableStore"/>.</summary>
public sealed class FolderTableOperations(TableStore store) : ITableOperations
{
    public IFileIO Io { get; } = new LocalFileIO();

    public TableMetadata Current { get; private set; } = store.Latest;

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Current = store.Latest;
        return Task.FromResult(Current);
    }

    public Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        if (!store.TrySwap(baseMetadata, updated))
        {
            throw new FloeException(FloeErrorKind.CommitConflict, "The table changed since the base metadata was read.");
        }

        Current = updated;
        return Task.FromResult(updated);
    }
}
