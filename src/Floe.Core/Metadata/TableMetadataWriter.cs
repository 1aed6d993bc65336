using System.Text.Json;
using Floe.Core.Json;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Core.Metadata;

/// <summary>
/// Writes table metadata JSON with every key Java writes, in Java's order, always emitting the lists (possibly empty)
/// and -1 for "no current snapshot", so that strict and old readers accept the file. v1 metadata also carries the
/// deprecated <c>schema</c> and <c>partition-spec</c> keys.
/// </summary>
public static class TableMetadataWriter
{
    public static string ToJson(TableMetadata metadata, bool indented = true) =>
        JsonOut.ToString(w => Write(w, metadata), indented);

    public static byte[] ToUtf8(TableMetadata metadata, bool indented = true) =>
        JsonOut.ToUtf8(w => Write(w, metadata), indented);

    public static void Write(Utf8JsonWriter writer, TableMetadata metadata)
    {
        bool v1 = metadata.FormatVersion == 1;
        writer.WriteStartObject();
        writer.WriteNumber("format-version", metadata.FormatVersion);
        if (metadata.TableUuid is Guid uuid)
        {
            writer.WriteString("table-uuid", uuid.ToString("D"));
        }

        writer.WriteString("location", metadata.Location);
        if (!v1)
        {
            writer.WriteNumber("last-sequence-number", metadata.LastSequenceNumber);
        }

        writer.WriteNumber("last-updated-ms", metadata.LastUpdatedMs);
        writer.WriteNumber("last-column-id", metadata.LastColumnId);
        if (v1)
        {
            writer.WritePropertyName("schema");
            SchemaJson.Write(writer, metadata.CurrentSchema);
        }

        writer.WriteNumber("current-schema-id", metadata.CurrentSchemaId);
        writer.WriteStartArray("schemas");
        foreach (var schema in metadata.Schemas)
        {
            SchemaJson.Write(writer, schema);
        }

        writer.WriteEndArray();
        if (v1)
        {
            writer.WritePropertyName("partition-spec");
            PartitionSpecJson.WriteFields(writer, metadata.DefaultSpec);
        }

        writer.WriteNumber("default-spec-id", metadata.DefaultSpecId);
        writer.WriteStartArray("partition-specs");
        foreach (var spec in metadata.Specs)
        {
            PartitionSpecJson.Write(writer, spec);
        }

        writer.WriteEndArray();
        writer.WriteNumber("last-partition-id", metadata.LastPartitionId);
        writer.WriteNumber("default-sort-order-id", metadata.DefaultSortOrderId);
        writer.WriteStartArray("sort-orders");
        foreach (var order in metadata.SortOrders)
        {
            SortOrderJson.Write(writer, order);
        }

        writer.WriteEndArray();
        JsonOut.WriteStringMap(writer, "properties", metadata.Properties);
        writer.WriteNumber("current-snapshot-id", metadata.CurrentSnapshotId ?? -1);
        writer.WriteStartObject("refs");
        foreach (var (name, reference) in metadata.Refs)
        {
            writer.WritePropertyName(name);
            SnapshotJson.WriteRef(writer, reference);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("snapshots");
        foreach (var snapshot in metadata.Snapshots)
        {
            SnapshotJson.Write(writer, snapshot);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("statistics");
        foreach (var file in metadata.Statistics)
        {
            SnapshotJson.WriteStatistics(writer, file);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("partition-statistics");
        foreach (var file in metadata.PartitionStatistics)
        {
            SnapshotJson.WritePartitionStatistics(writer, file);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("snapshot-log");
        foreach (var entry in metadata.SnapshotLog)
        {
            writer.WriteStartObject();
            writer.WriteNumber("timestamp-ms", entry.TimestampMs);
            writer.WriteNumber("snapshot-id", entry.SnapshotId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("metadata-log");
        foreach (var entry in metadata.MetadataLog)
        {
            writer.WriteStartObject();
            writer.WriteNumber("timestamp-ms", entry.TimestampMs);
            writer.WriteString("metadata-file", entry.MetadataFile);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
