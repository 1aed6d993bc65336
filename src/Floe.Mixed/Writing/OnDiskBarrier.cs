using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Mixed.Writing;

/// <summary>
/// The last change of a change commit: waits until the transaction's data files are on disk, so the metadata that
/// names them is stored only after them. Placed after the append, the manifests are written while the disk catches up.
/// </summary>
internal sealed class OnDiskBarrier(Func<Task> whenOnDisk) : IMetadataChange
{
    public async Task<TableMetadata> ApplyAsync(TableMetadata current, CancellationToken cancellationToken)
    {
        await whenOnDisk().WaitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    public Task CleanUpAsync(bool committed, CancellationToken cancellationToken) => Task.CompletedTask;
}
