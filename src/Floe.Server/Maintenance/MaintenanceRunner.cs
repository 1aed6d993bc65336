using Floe.PrimaryKeys.Maintenance;
using Floe.Table.Maintenance;

namespace Floe.Server.Maintenance;

/// <summary>Runs one action on one loaded table through the library calls, on the scheduler's clock.</summary>
internal static class MaintenanceRunner
{
    /// <summary>
    /// Runs <paramref name="action"/>; <paramref name="protectedSnapshots"/> (those running optimizing processes
    /// planned from) are never expired. Auto tags are an Iceberg table's only, as in Amoro: a primary-key table gets
    /// null.
    /// </summary>
    public static async Task<MaintenanceOutcome?> RunAsync(
        MaintainedTable table, MaintenanceAction action, DateTimeOffset now, IReadOnlySet<long> protectedSnapshots, CancellationToken cancellationToken)
    {
        if (table.PrimaryKey is { } primaryKey)
        {
            return action switch
            {
                MaintenanceAction.ExpireSnapshots => MaintenanceOutcome.Of(await primaryKey.ExpireSnapshotsAsync(
                    new ExpireSnapshotsOptions { Now = now, Protected = protectedSnapshots }, cancellationToken).ConfigureAwait(false)),
                MaintenanceAction.CleanOrphanFiles => MaintenanceOutcome.Of(await primaryKey.CleanOrphanFilesAsync(
                    new OrphanFilesOptions { Now = now }, cancellationToken).ConfigureAwait(false)),
                MaintenanceAction.CleanDanglingDeleteFiles => MaintenanceOutcome.Of(await primaryKey.CleanDanglingDeletesAsync(cancellationToken).ConfigureAwait(false)),
                MaintenanceAction.ExpireData => MaintenanceOutcome.Of(await primaryKey.ExpireDataAsync(now, cancellationToken).ConfigureAwait(false)),
                _ => null,
            };
        }

        var iceberg = table.Iceberg!;
        return action switch
        {
            MaintenanceAction.ExpireSnapshots => MaintenanceOutcome.Of(await iceberg.ExpireSnapshotsAsync(
                new ExpireSnapshotsOptions { Now = now, Protected = protectedSnapshots }, cancellationToken).ConfigureAwait(false)),
            MaintenanceAction.CleanOrphanFiles => MaintenanceOutcome.Of(await iceberg.CleanOrphanFilesAsync(
                new OrphanFilesOptions { Now = now }, cancellationToken).ConfigureAwait(false)),
            MaintenanceAction.CleanDanglingDeleteFiles => MaintenanceOutcome.Of(await iceberg.CleanDanglingDeletesAsync(cancellationToken).ConfigureAwait(false)),
            MaintenanceAction.ExpireData => MaintenanceOutcome.Of(await iceberg.ExpireDataAsync(now, cancellationToken).ConfigureAwait(false)),
            _ => MaintenanceOutcome.Of(await iceberg.CreateAutoTagAsync(now, cancellationToken).ConfigureAwait(false)),
        };
    }
}
