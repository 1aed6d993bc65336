using System.Globalization;
using Floe.Contracts.Management;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Server.Management;

/// <summary>
/// What the management API shows of a table at a glance, read from its current metadata: the format, the current
/// snapshot with its totals and the time of the last commit.
/// </summary>
internal sealed record TableSummary(string Format, string Location, string? MetadataLocation, int FormatVersion, TableTotals Totals)
{
    /// <summary>The summary of <paramref name="metadata"/>; <paramref name="format"/> when the catalog records it, else from the properties.</summary>
    public static TableSummary Of(TableMetadata metadata, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Snapshot? current = metadata.CurrentSnapshotId is long id ? metadata.Snapshots.FirstOrDefault(s => s.SnapshotId == id) : null;
        format ??= metadata.Settings.IsSet(PrimaryKeyProperties.PrimaryKeyFields) ? "mixed" : "iceberg";
        return new TableSummary(format, metadata.Location, metadata.MetadataFileLocation, metadata.FormatVersion, new TableTotals
        {
            CurrentSnapshotId = current?.SnapshotId,
            SnapshotCount = metadata.Snapshots.Count,
            TotalRecords = Total(current, "total-records"),
            TotalDataFiles = Total(current, "total-data-files"),
            TotalDeleteFiles = Total(current, "total-delete-files"),
            TotalFilesSizeBytes = Total(current, "total-files-size"),
            LastCommitMs = current?.TimestampMs ?? metadata.LastUpdatedMs,
        });
    }

    private static long? Total(Snapshot? snapshot, string key) =>
        snapshot is not null && snapshot.Summary.TryGetValue(key, out string? text)
        && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : null;
}
