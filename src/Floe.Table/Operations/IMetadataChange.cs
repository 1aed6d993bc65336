using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// A change to a table that can be computed again on fresh metadata: each commit attempt calls
/// <see cref="ApplyAsync"/> with the current metadata, so a retry after a conflict re-applies (and re-validates) it.
/// </summary>
public interface IMetadataChange
{
    /// <summary>The new metadata this change makes from <paramref name="current"/>; may write files (manifests).</summary>
    Task<TableMetadata> ApplyAsync(TableMetadata current, CancellationToken cancellationToken);

    /// <summary>
    /// Completes once the files the last <see cref="ApplyAsync"/> wrote are on disk. Files may reach the disk in the
    /// background; the committer waits for every change's files before it stores metadata that names them.
    /// </summary>
    Task WhenOnDiskAsync() => Task.CompletedTask;

    /// <summary>Called once the commit is decided: <paramref name="committed"/> is true when it succeeded.
    /// Changes that wrote files delete those the committed metadata does not use.</summary>
    Task CleanUpAsync(bool committed, CancellationToken cancellationToken);
}
