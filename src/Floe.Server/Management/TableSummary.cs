using System.Globalization;
using System.Text.Json;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Server.Management;

/// <summary>
/// What the management API shows of a table at a glance, read from its current metadata: the format, the current
/// snapshot with its totals and the time of the last commit.
/// </summary>
internal sealed record TableSummary(
    string Format,
    string Location,
    string? MetadataLocation,
    int FormatVersion,
    long? CurrentSnapshotId,
    int SnapshotCount,
    long? TotalRecords,
    long? TotalDataFiles,
    long? TotalDeleteFiles,
    long? TotalFilesSizeBytes,
    long LastCommitMs)
{
    /// <summary>The summary of <paramref name="metadata"/>; <paramref name="format"/> when the catalog records it, else from the properties.</summary>
    public static TableSummary Of(TableMetadata metadata, string? format = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        Snapshot? current = metadata.CurrentSnapshotId is long id ? metadata.Snapshots.FirstOrDefault(s => s.SnapshotId == id) : null;
        format ??= metadata.Settings.IsSet(PrimaryKeyProperties.PrimaryKeyFields) ? "mixed" : "iceberg";
        return new TableSummary(
            format,
            metadata.Location,
            metadata.MetadataFileLocation,
            metadata.FormatVersion,
            current?.SnapshotId,
            metadata.Snapshots.Count,
            Total(current, "total-records"),
            Total(current, "total-data-files"),
            Total(current, "total-delete-files"),
            Total(current, "total-files-size"),
            current?.TimestampMs ?? metadata.LastUpdatedMs);
    }

    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteString("format", Format);
        writer.WriteString("location", Location);
        writer.WriteString("metadata-location", MetadataLocation);
        writer.WriteNumber("format-version", FormatVersion);
        writer.WriteStartObject("summary");
        WriteNumber(writer, "current-snapshot-id", CurrentSnapshotId);
        writer.WriteNumber("snapshot-count", SnapshotCount);
        WriteNumber(writer, "total-records", TotalRecords);
        WriteNumber(writer, "total-data-files", TotalDataFiles);
        WriteNumber(writer, "total-delete-files", TotalDeleteFiles);
        WriteNumber(writer, "total-files-size-bytes", TotalFilesSizeBytes);
        writer.WriteNumber("last-commit-ms", LastCommitMs);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is long number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static long? Total(Snapshot? snapshot, string key) =>
        snapshot is not null && snapshot.Summary.TryGetValue(key, out string? text)
        && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : null;
}
