using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Makes a change commit wait until the transaction's data files are on disk before it stores metadata that names
/// them. It changes no metadata: the committer awaits it with the manifests' own flushes, so the data files reach the
/// disk while the manifests are written.
/// </summary>
internal sealed class OnDiskBarrier(Func<Task> whenOnDisk) : IMetadataChange
{
    public Task<TableMetadata> ApplyAsync(TableMetadata current, CancellationToken cancellationToken) => Task.FromResult(current);

    public Task WhenOnDiskAsync() => whenOnDisk();

    public Task CleanUpAsync(bool committed, CancellationToken cancellationToken) => Task.CompletedTask;
}
