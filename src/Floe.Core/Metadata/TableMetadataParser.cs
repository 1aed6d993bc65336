using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Core.Metadata;

/// <summary>
/// Reads table metadata JSON (format v1 and v2). Unknown fields are ignored; missing required fields, wrong types
/// and broken references (current schema, default spec and sort order, snapshots named by refs, refs.main versus
/// current-snapshot-id, sequence numbers above last-sequence-number) raise <see cref="FloeException"/> (InvalidData)
/// naming the field. A newer format version raises Unsupported.
/// </summary>
public static class TableMetadataParser
{
    public static TableMetadata Parse(string json, string? metadataFileLocation = null) =>
        Finish(JsonIn.Parse(json, "table metadata", Read), metadataFileLocation);

    public static TableMetadata Parse(ReadOnlySpan<byte> utf8Json, string? metadataFileLocation = null) =>
        Finish(JsonIn.Parse(utf8Json, "table metadata", Read), metadataFileLocation);

    private static TableMetadata Finish(TableMetadata metadata, string? location) =>
        location is null ? metadata : metadata.WithMetadataFileLocation(location);

    private static TableMetadata Read(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "Table metadata");
        int? formatVersion = null, lastColumnId = null, currentSchemaId = null, defaultSpecId = null, lastPartitionId = null;
        int? defaultSortOrderId = null;
        long? lastSequenceNumber = null, lastUpdatedMs = null, currentSnapshotId = null;
        string? uuidText = null, location = null;
        Schema? v1Schema = null;
        List<Schema>? schemas = null;
        List<PartitionField>? v1SpecFields = null;
        List<PartitionSpec>? specs = null;
        List<SortOrder>? sortOrders = null;
        Dictionary<string, string>? properties = null;
        Dictionary<string, SnapshotRef>? refs = null;
        List<Snapshot>? snapshots = null;
        List<StatisticsFile>? statistics = null;
        List<PartitionStatisticsFile>? partitionStatistics = null;
        List<SnapshotLogEntry>? snapshotLog = null;
        List<MetadataLogEntry>? metadataLog = null;

        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "format-version": formatVersion = JsonIn.Int(ref reader, name); break;
                case "table-uuid": uuidText = JsonIn.NullableString(ref reader, name); break;
                case "location": location = JsonIn.String(ref reader, name); break;
                case "last-sequence-number": lastSequenceNumber = JsonIn.Long(ref reader, name); break;
                case "last-updated-ms": lastUpdatedMs = JsonIn.Long(ref reader, name); break;
                case "last-column-id": lastColumnId = JsonIn.Int(ref reader, name); break;
                case "schema": v1Schema = SchemaJson.Read(ref reader); break;
                case "schemas": schemas = ReadList(ref reader, name, SchemaJson.Read); break;
                case "current-schema-id": currentSchemaId = JsonIn.Int(ref reader, name); break;
                case "partition-spec": v1SpecFields = PartitionSpecJson.ReadFields(ref reader, PartitionSpec.FirstFieldId); break;
                case "partition-specs": specs = ReadList(ref reader, name, PartitionSpecJson.Read); break;
                case "default-spec-id": defaultSpecId = JsonIn.Int(ref reader, name); break;
                case "last-partition-id": lastPartitionId = JsonIn.Int(ref reader, name); break;
                case "sort-orders": sortOrders = ReadList(ref reader, name, SortOrderJson.Read); break;
                case "default-sort-order-id": defaultSortOrderId = JsonIn.Int(ref reader, name); break;
                case "properties": properties = JsonIn.StringMap(ref reader, name); break;
                case "current-snapshot-id": currentSnapshotId = JsonIn.NullableLong(ref reader, name); break;
                case "refs": refs = ReadRefs(ref reader); break;
                case "snapshots": snapshots = ReadList(ref reader, name, SnapshotJson.ReadSnapshot); break;
                case "statistics": statistics = ReadList(ref reader, name, SnapshotJson.ReadStatistics); break;
                case "partition-statistics": partitionStatistics = ReadList(ref reader, name, SnapshotJson.ReadPartitionStatistics); break;
                case "snapshot-log": snapshotLog = ReadList(ref reader, name, ReadSnapshotLogEntry); break;
                case "metadata-log": metadataLog = ReadList(ref reader, name, ReadMetadataLogEntry); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        int version = formatVersion ?? throw JsonIn.Missing("format-version", "table metadata");
        if (version > TableMetadata.SupportedFormatVersion)
        {
            throw new FloeException(FloeErrorKind.Unsupported,
                $"Unsupported table metadata: format-version {version} is newer than the supported version {TableMetadata.SupportedFormatVersion}.");
        }

        bool v2 = version >= 2;
        const string What = "table metadata";
        if (v2)
        {
            _ = uuidText ?? throw JsonIn.Missing("table-uuid", What);
            _ = lastSequenceNumber ?? throw JsonIn.Missing("last-sequence-number", What);
            _ = schemas ?? throw JsonIn.Missing("schemas", What);
            _ = currentSchemaId ?? throw JsonIn.Missing("current-schema-id", What);
            _ = specs ?? throw JsonIn.Missing("partition-specs", What);
            _ = defaultSpecId ?? throw JsonIn.Missing("default-spec-id", What);
            _ = lastPartitionId ?? throw JsonIn.Missing("last-partition-id", What);
            _ = sortOrders ?? throw JsonIn.Missing("sort-orders", What);
            _ = defaultSortOrderId ?? throw JsonIn.Missing("default-sort-order-id", What);
        }

        Guid? uuid = null;
        if (uuidText is not null)
        {
            uuid = Guid.TryParse(uuidText, out var parsed)
                ? parsed
                : throw new FloeException(FloeErrorKind.InvalidData, $"Invalid table metadata: table-uuid '{uuidText}' is not a UUID.");
        }

        // v1 fallbacks: a single schema and spec, and an implicit unsorted order.
        if (schemas is null)
        {
            var schema = v1Schema ?? throw JsonIn.Missing("schemas", What);
            schemas = [schema];
            currentSchemaId ??= schema.SchemaId;
        }
        else if (currentSchemaId is null)
        {
            currentSchemaId = v1Schema?.SchemaId ?? throw JsonIn.Missing("current-schema-id", What);
        }

        if (specs is null)
        {
            specs = [new PartitionSpec(0, v1SpecFields ?? throw JsonIn.Missing("partition-specs", What))];
            defaultSpecId ??= 0;
        }

        sortOrders ??= [SortOrder.Unsorted];
        defaultSortOrderId ??= sortOrders.Count == 1 ? sortOrders[0].OrderId : 0;

        foreach (var snapshot in snapshots ?? [])
        {
            // v1 snapshots may list manifests inline; v2 snapshots always point at a manifest list.
            if (snapshot.ManifestList is null && (v2 || snapshot.Manifests is null))
            {
                throw JsonIn.Missing("manifest-list", $"snapshot {snapshot.SnapshotId}");
            }
        }

        if (currentSnapshotId == -1)
        {
            currentSnapshotId = null;
        }

        // A table always has a main branch at its current snapshot, even when refs are absent.
        refs ??= [];
        if (currentSnapshotId is long current && !refs.ContainsKey(SnapshotRef.MainBranch))
        {
            refs[SnapshotRef.MainBranch] = SnapshotRef.Branch(current);
        }

        var metadata = new TableMetadata
        {
            FormatVersion = version,
            TableUuid = uuid,
            Location = location ?? throw JsonIn.Missing("location", What),
            LastSequenceNumber = lastSequenceNumber ?? 0,
            LastUpdatedMs = lastUpdatedMs ?? throw JsonIn.Missing("last-updated-ms", What),
            LastColumnId = lastColumnId ?? throw JsonIn.Missing("last-column-id", What),
            Schemas = schemas,
            CurrentSchemaId = currentSchemaId.Value,
            Specs = specs,
            DefaultSpecId = defaultSpecId ?? throw JsonIn.Missing("default-spec-id", What),
            LastPartitionId = lastPartitionId ?? specs.Max(s => s.LastAssignedFieldId),
            SortOrders = sortOrders,
            DefaultSortOrderId = defaultSortOrderId.Value,
            Properties = properties ?? [],
            CurrentSnapshotId = currentSnapshotId,
            Refs = refs,
            Snapshots = snapshots ?? [],
            Statistics = statistics ?? [],
            PartitionStatistics = partitionStatistics ?? [],
            SnapshotLog = snapshotLog ?? [],
            MetadataLog = metadataLog ?? [],
        };
        metadata.Validate(FloeErrorKind.InvalidData);
        return metadata;
    }

    private static Dictionary<string, SnapshotRef> ReadRefs(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "'refs'");
        var refs = new Dictionary<string, SnapshotRef>(StringComparer.Ordinal);
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            refs[name] = SnapshotJson.ReadRef(ref reader, name);
        }

        return refs;
    }

    private static SnapshotLogEntry ReadSnapshotLogEntry(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A snapshot-log entry");
        long? timestamp = null, snapshotId = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "timestamp-ms": timestamp = JsonIn.Long(ref reader, name); break;
                case "snapshot-id": snapshotId = JsonIn.Long(ref reader, name); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        return new SnapshotLogEntry(
            timestamp ?? throw JsonIn.Missing("timestamp-ms", "snapshot-log entry"),
            snapshotId ?? throw JsonIn.Missing("snapshot-id", "snapshot-log entry"));
    }

    private static MetadataLogEntry ReadMetadataLogEntry(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A metadata-log entry");
        long? timestamp = null;
        string? file = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "timestamp-ms": timestamp = JsonIn.Long(ref reader, name); break;
                case "metadata-file": file = JsonIn.String(ref reader, name); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        return new MetadataLogEntry(
            timestamp ?? throw JsonIn.Missing("timestamp-ms", "metadata-log entry"),
            file ?? throw JsonIn.Missing("metadata-file", "metadata-log entry"));
    }

    private static List<T> ReadList<T>(ref Utf8JsonReader reader, string name, JsonValueReader<T> read)
    {
        JsonIn.ExpectStartArray(ref reader, $"'{name}'");
        var list = new List<T>();
        while (JsonIn.NextElement(ref reader))
        {
            list.Add(read(ref reader));
        }

        return list;
    }
}
