using System.Diagnostics;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// The optimistic commit loop: apply the changes to the current metadata, swap it in through the catalog, and on a
/// commit conflict refresh, wait and try again, as <see cref="RetryPolicy"/> allows. Validation failures are not retried.
/// </summary>
public static class TableCommitter
{
    public static async Task<TableMetadata> CommitAsync(ITableOperations operations, IReadOnlyList<IMetadataChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(changes);
        var started = Stopwatch.StartNew();
        var current = operations.Current;
        var policy = RetryPolicy.From(current);
        bool committed = false;
        bool outcomeUnknown = false;
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                var updated = current;
                foreach (var change in changes)
                {
                    updated = await change.ApplyAsync(updated, cancellationToken).ConfigureAwait(false);
                }

                // Files written in the background (manifests, data files) must be on disk before metadata names them;
                // the catalog may write the new version meanwhile and swaps it in only after.
                Task filesOnDisk = Task.WhenAll(changes.Select(c => c.WhenOnDiskAsync()));
                try
                {
                    var stored = await operations.CommitAsync(current, updated, filesOnDisk, cancellationToken).ConfigureAwait(false);
                    committed = true;
                    return stored;
                }
                catch (Exception e) when (!IsConflict(e))
                {
                    // The swap may have happened (a rename that succeeded before an error): files must stay. A catalog
                    // swaps only after the files are on disk, so while they are not, the commit surely did not happen.
                    outcomeUnknown = filesOnDisk.IsCompletedSuccessfully;
                    throw;
                }
                catch (FloeException e) when (e is not ValidationException && attempt < policy.NumRetries && started.Elapsed < policy.TotalTimeout)
                {
                    await Task.Delay(policy.Delay(attempt + 1), cancellationToken).ConfigureAwait(false);
                    current = await operations.RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (!outcomeUnknown)
            {
                await CleanUpAsync(changes, committed).ConfigureAwait(false);
            }
        }
    }

    private static bool IsConflict(Exception e) => e is FloeException { Kind: FloeErrorKind.CommitConflict };

    private static async Task CleanUpAsync(IReadOnlyList<IMetadataChange> changes, bool committed)
    {
        foreach (var change in changes)
        {
            await change.CleanUpAsync(committed, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
