using System.Globalization;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.PrimaryKeys.Optimizing;

/// <summary>
/// Stops an optimize commit when the base store is no longer at the snapshot the run planned on: the carried-forward
/// optimized points and the replaced files would be stale, so the run plans again instead.
/// </summary>
public sealed class BaseUnchangedGuard(long? plannedSnapshotId) : IMetadataChange
{
    public Task<TableMetadata> ApplyAsync(TableMetadata current, CancellationToken cancellationToken)
    {
        if (current.CurrentSnapshotId != plannedSnapshotId)
        {
            throw new ValidationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The base store moved from snapshot {plannedSnapshotId?.ToString(CultureInfo.InvariantCulture) ?? "none"} to {current.CurrentSnapshotId?.ToString(CultureInfo.InvariantCulture) ?? "none"} while optimizing."));
        }

        return Task.FromResult(current);
    }

    public Task CleanUpAsync(bool committed, CancellationToken cancellationToken) => Task.CompletedTask;
}
