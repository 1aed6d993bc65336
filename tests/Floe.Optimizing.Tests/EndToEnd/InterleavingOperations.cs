using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Optimizing.Tests.EndToEnd;

/// <summary>Runs another writer's commit just before this handle's first swap, so that swap loses and must be retried.</summary>
internal sealed class InterleavingOperations(ITableOperations inner, Func<Task> interleave) : ITableOperations
{
    private bool _done;

    public int Commits { get; private set; }

    public IFileIO Io => inner.Io;

    public TableMetadata Current => inner.Current;

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

    public async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        Commits++;
        if (!_done)
        {
            _done = true;
            await interleave();
        }

        return await inner.CommitAsync(baseMetadata, updated, cancellationToken);
    }
}
