using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Core.Metadata;

/// <summary>
/// JSON of REST commit updates (<c>{"action": "add-snapshot", "snapshot": {...}}</c>) and requirements
/// (<c>{"type": "assert-ref-snapshot-id", "ref": "main", "snapshot-id": null}</c>). Unknown actions and types are
/// invalid data (HTTP 400).
/// </summary>
public static class MetadataUpdateJson
{
    // Partition fields sent without ids get placeholder ids below this; AddSpec re-assigns them.
    private const int PlaceholderBase = 0;

    public static string ToJson(MetadataUpdate update) => JsonOut.ToString(w => Write(w, update), indented: false);

    public static string ToJson(UpdateRequirement requirement) => JsonOut.ToString(w => Write(w, requirement), indented: false);

    public static MetadataUpdate ParseUpdate(string json) => JsonIn.Parse(json, "table update", ReadUpdate);

    public static UpdateRequirement ParseRequirement(string json) => JsonIn.Parse(json, "table requirement", ReadRequirement);

    public static IReadOnlyList<MetadataUpdate> ParseUpdates(string json) =>
        JsonIn.Parse(json, "table updates", (ref Utf8JsonReader r) => ReadArray(ref r, "updates", ReadUpdate));

    public static IReadOnlyList<UpdateRequirement> ParseRequirements(string json) =>
        JsonIn.Parse(json, "table requirements", (ref Utf8JsonReader r) => ReadArray(ref r, "requirements", ReadRequirement));

    public static void Write(Utf8JsonWriter writer, MetadataUpdate update)
    {
        writer.WriteStartObject();
        writer.WriteString("action", update.Action);
        switch (update)
        {
            case MetadataUpdate.AssignUuid u:
                writer.WriteString("uuid", u.Uuid.ToString("D"));
                break;
            case MetadataUpdate.UpgradeFormatVersion u:
                writer.WriteNumber("format-version", u.FormatVersion);
                break;
            case MetadataUpdate.AddSchema u:
                writer.WritePropertyName("schema");
                SchemaJson.Write(writer, u.Schema);
                if (u.LastColumnId is int last)
                {
                    writer.WriteNumber("last-column-id", last);
                }

                break;
            case MetadataUpdate.SetCurrentSchema u:
                writer.WriteNumber("schema-id", u.SchemaId);
                break;
            case MetadataUpdate.AddSpec u:
                writer.WritePropertyName("spec");
                PartitionSpecJson.Write(writer, u.Spec);
                break;
            case MetadataUpdate.SetDefaultSpec u:
                writer.WriteNumber("spec-id", u.SpecId);
                break;
            case MetadataUpdate.AddSortOrder u:
                writer.WritePropertyName("sort-order");
                SortOrderJson.Write(writer, u.SortOrder);
                break;
            case MetadataUpdate.SetDefaultSortOrder u:
                writer.WriteNumber("sort-order-id", u.SortOrderId);
                break;
            case MetadataUpdate.AddSnapshot u:
                writer.WritePropertyName("snapshot");
                SnapshotJson.Write(writer, u.Snapshot);
                break;
            case MetadataUpdate.SetSnapshotRef u:
                writer.WriteString("ref-name", u.RefName);
                writer.WriteString("type", u.Ref.IsBranch ? "branch" : "tag");
                writer.WriteNumber("snapshot-id", u.Ref.SnapshotId);
                WriteOptional(writer, "max-ref-age-ms", u.Ref.MaxRefAgeMs);
                WriteOptional(writer, "max-snapshot-age-ms", u.Ref.MaxSnapshotAgeMs);
                WriteOptional(writer, "min-snapshots-to-keep", u.Ref.MinSnapshotsToKeep);
                break;
            case MetadataUpdate.RemoveSnapshots u:
                writer.WriteStartArray("snapshot-ids");
                foreach (long id in u.SnapshotIds)
                {
                    writer.WriteNumberValue(id);
                }

                writer.WriteEndArray();
                break;
            case MetadataUpdate.RemoveSnapshotRef u:
                writer.WriteString("ref-name", u.RefName);
                break;
            case MetadataUpdate.SetLocation u:
                writer.WriteString("location", u.Location);
                break;
            case MetadataUpdate.SetProperties u:
                JsonOut.WriteStringMap(writer, "updates", u.Updates);
                break;
            case MetadataUpdate.RemoveProperties u:
                writer.WriteStartArray("removals");
                foreach (string key in u.Removals)
                {
                    writer.WriteStringValue(key);
                }

                writer.WriteEndArray();
                break;
            case MetadataUpdate.SetStatistics u:
                writer.WritePropertyName("statistics");
                SnapshotJson.WriteStatistics(writer, u.Statistics);
                break;
            case MetadataUpdate.RemoveStatistics u:
                writer.WriteNumber("snapshot-id", u.SnapshotId);
                break;
            case MetadataUpdate.SetPartitionStatistics u:
                writer.WritePropertyName("partition-statistics");
                SnapshotJson.WritePartitionStatistics(writer, u.PartitionStatistics);
                break;
            case MetadataUpdate.RemovePartitionStatistics u:
                writer.WriteNumber("snapshot-id", u.SnapshotId);
                break;
            case MetadataUpdate.RemovePartitionSpecs u:
                JsonOut.WriteIntArray(writer, "spec-ids", u.SpecIds);
                break;
            case MetadataUpdate.RemoveSchemas u:
                JsonOut.WriteIntArray(writer, "schema-ids", u.SchemaIds);
                break;
        }

        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, UpdateRequirement requirement)
    {
        writer.WriteStartObject();
        writer.WriteString("type", requirement.Type);
        switch (requirement)
        {
            case UpdateRequirement.AssertTableUuid r:
                writer.WriteString("uuid", r.Uuid.ToString("D"));
                break;
            case UpdateRequirement.AssertRefSnapshotId r:
                writer.WriteString("ref", r.Ref);
                // Always present: null means "the ref must not exist".
                if (r.SnapshotId is long id)
                {
                    writer.WriteNumber("snapshot-id", id);
                }
                else
                {
                    writer.WriteNull("snapshot-id");
                }

                break;
            case UpdateRequirement.AssertLastAssignedFieldId r:
                writer.WriteNumber("last-assigned-field-id", r.LastAssignedFieldId);
                break;
            case UpdateRequirement.AssertCurrentSchemaId r:
                writer.WriteNumber("current-schema-id", r.CurrentSchemaId);
                break;
            case UpdateRequirement.AssertLastAssignedPartitionId r:
                writer.WriteNumber("last-assigned-partition-id", r.LastAssignedPartitionId);
                break;
            case UpdateRequirement.AssertDefaultSpecId r:
                writer.WriteNumber("default-spec-id", r.DefaultSpecId);
                break;
            case UpdateRequirement.AssertDefaultSortOrderId r:
                writer.WriteNumber("default-sort-order-id", r.DefaultSortOrderId);
                break;
        }

        writer.WriteEndObject();
    }

    internal static MetadataUpdate ReadUpdate(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A table update");
        var f = new Fields();
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "action": f.Action = JsonIn.String(ref reader, name); break;
                case "uuid": f.Uuid = JsonIn.String(ref reader, name); break;
                case "format-version": f.FormatVersion = JsonIn.Int(ref reader, name); break;
                case "schema": f.Schema = SchemaJson.Read(ref reader); break;
                case "last-column-id": f.LastColumnId = JsonIn.NullableInt(ref reader, name); break;
                case "schema-id": f.SchemaId = JsonIn.Int(ref reader, name); break;
                case "spec": f.Spec = PartitionSpecJson.Read(ref reader, PlaceholderBase, requireSpecId: false); break;
                case "spec-id": f.SpecId = JsonIn.Int(ref reader, name); break;
                case "sort-order": f.SortOrder = SortOrderJson.Read(ref reader); break;
                case "sort-order-id": f.SortOrderId = JsonIn.Int(ref reader, name); break;
                case "snapshot": f.Snapshot = SnapshotJson.ReadSnapshot(ref reader); break;
                case "ref-name": f.RefName = JsonIn.String(ref reader, name); break;
                case "type": f.Type = JsonIn.String(ref reader, name); break;
                case "snapshot-id": f.SnapshotId = JsonIn.NullableLong(ref reader, name); break;
                case "max-ref-age-ms": f.MaxRefAgeMs = JsonIn.NullableLong(ref reader, name); break;
                case "max-snapshot-age-ms": f.MaxSnapshotAgeMs = JsonIn.NullableLong(ref reader, name); break;
                case "min-snapshots-to-keep": f.MinSnapshotsToKeep = JsonIn.NullableInt(ref reader, name); break;
                case "snapshot-ids": f.SnapshotIds = JsonIn.LongArray(ref reader, name); break;
                case "location": f.Location = JsonIn.String(ref reader, name); break;
                case "updates": f.Updates = JsonIn.StringMap(ref reader, name); break;
                case "removals": f.Removals = JsonIn.StringArray(ref reader, name); break;
                case "statistics": f.Statistics = SnapshotJson.ReadStatistics(ref reader); break;
                case "partition-statistics": f.PartitionStatistics = SnapshotJson.ReadPartitionStatistics(ref reader); break;
                case "spec-ids": f.Ids = JsonIn.IntArray(ref reader, name); break;
                case "schema-ids": f.Ids = JsonIn.IntArray(ref reader, name); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        string action = f.Action ?? throw JsonIn.Missing("action", "table update");
        string what = $"{action} update";
        return action switch
        {
            "assign-uuid" => new MetadataUpdate.AssignUuid(ParseUuid(f.Uuid ?? throw JsonIn.Missing("uuid", what))),
            "upgrade-format-version" => new MetadataUpdate.UpgradeFormatVersion(f.FormatVersion ?? throw JsonIn.Missing("format-version", what)),
            "add-schema" => new MetadataUpdate.AddSchema(f.Schema ?? throw JsonIn.Missing("schema", what), f.LastColumnId),
            "set-current-schema" => new MetadataUpdate.SetCurrentSchema(f.SchemaId ?? throw JsonIn.Missing("schema-id", what)),
            "add-spec" => AddSpec(f.Spec ?? throw JsonIn.Missing("spec", what)),
            "set-default-spec" => new MetadataUpdate.SetDefaultSpec(f.SpecId ?? throw JsonIn.Missing("spec-id", what)),
            "add-sort-order" => new MetadataUpdate.AddSortOrder(f.SortOrder ?? throw JsonIn.Missing("sort-order", what)),
            "set-default-sort-order" => new MetadataUpdate.SetDefaultSortOrder(f.SortOrderId ?? throw JsonIn.Missing("sort-order-id", what)),
            "add-snapshot" => new MetadataUpdate.AddSnapshot(f.Snapshot ?? throw JsonIn.Missing("snapshot", what)),
            "set-snapshot-ref" => new MetadataUpdate.SetSnapshotRef(
                f.RefName ?? throw JsonIn.Missing("ref-name", what),
                new SnapshotRef(
                    f.SnapshotId ?? throw JsonIn.Missing("snapshot-id", what),
                    SnapshotJson.ParseRefType(f.Type ?? throw JsonIn.Missing("type", what), f.RefName),
                    f.MinSnapshotsToKeep,
                    f.MaxSnapshotAgeMs,
                    f.MaxRefAgeMs)),
            "remove-snapshots" => new MetadataUpdate.RemoveSnapshots(f.SnapshotIds ?? throw JsonIn.Missing("snapshot-ids", what)),
            "remove-snapshot-ref" => new MetadataUpdate.RemoveSnapshotRef(f.RefName ?? throw JsonIn.Missing("ref-name", what)),
            "set-location" => new MetadataUpdate.SetLocation(f.Location ?? throw JsonIn.Missing("location", what)),
            "set-properties" => new MetadataUpdate.SetProperties(f.Updates ?? throw JsonIn.Missing("updates", what)),
            "remove-properties" => new MetadataUpdate.RemoveProperties(f.Removals ?? throw JsonIn.Missing("removals", what)),
            "set-statistics" => new MetadataUpdate.SetStatistics(f.Statistics ?? throw JsonIn.Missing("statistics", what)),
            "remove-statistics" => new MetadataUpdate.RemoveStatistics(f.SnapshotId ?? throw JsonIn.Missing("snapshot-id", what)),
            "set-partition-statistics" => new MetadataUpdate.SetPartitionStatistics(f.PartitionStatistics ?? throw JsonIn.Missing("partition-statistics", what)),
            "remove-partition-statistics" => new MetadataUpdate.RemovePartitionStatistics(f.SnapshotId ?? throw JsonIn.Missing("snapshot-id", what)),
            "remove-partition-specs" => new MetadataUpdate.RemovePartitionSpecs(f.Ids ?? throw JsonIn.Missing("spec-ids", what)),
            "remove-schemas" => new MetadataUpdate.RemoveSchemas(f.Ids ?? throw JsonIn.Missing("schema-ids", what)),
            _ => throw new FloeException(FloeErrorKind.InvalidData, $"Unknown table update action '{action}'."),
        };
    }

    internal static UpdateRequirement ReadRequirement(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A table requirement");
        string? type = null, uuid = null, refName = null;
        long? snapshotId = null;
        bool hasSnapshotId = false;
        int? value = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "type": type = JsonIn.String(ref reader, name); break;
                case "uuid": uuid = JsonIn.String(ref reader, name); break;
                case "ref": refName = JsonIn.String(ref reader, name); break;
                case "snapshot-id":
                    hasSnapshotId = true;
                    snapshotId = JsonIn.NullableLong(ref reader, name);
                    break;
                case "last-assigned-field-id" or "current-schema-id" or "last-assigned-partition-id" or "default-spec-id" or "default-sort-order-id":
                    value = JsonIn.Int(ref reader, name);
                    break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        string kind = type ?? throw JsonIn.Missing("type", "table requirement");
        string what = $"{kind} requirement";
        return kind switch
        {
            "assert-create" => new UpdateRequirement.AssertCreate(),
            "assert-table-uuid" => new UpdateRequirement.AssertTableUuid(ParseUuid(uuid ?? throw JsonIn.Missing("uuid", what))),
            "assert-ref-snapshot-id" => new UpdateRequirement.AssertRefSnapshotId(
                refName ?? throw JsonIn.Missing("ref", what),
                hasSnapshotId ? snapshotId : throw JsonIn.Missing("snapshot-id", what)),
            "assert-last-assigned-field-id" => new UpdateRequirement.AssertLastAssignedFieldId(value ?? throw JsonIn.Missing("last-assigned-field-id", what)),
            "assert-current-schema-id" => new UpdateRequirement.AssertCurrentSchemaId(value ?? throw JsonIn.Missing("current-schema-id", what)),
            "assert-last-assigned-partition-id" => new UpdateRequirement.AssertLastAssignedPartitionId(value ?? throw JsonIn.Missing("last-assigned-partition-id", what)),
            "assert-default-spec-id" => new UpdateRequirement.AssertDefaultSpecId(value ?? throw JsonIn.Missing("default-spec-id", what)),
            "assert-default-sort-order-id" => new UpdateRequirement.AssertDefaultSortOrderId(value ?? throw JsonIn.Missing("default-sort-order-id", what)),
            _ => throw new FloeException(FloeErrorKind.InvalidData, $"Unknown table requirement type '{kind}'."),
        };
    }

    private static MetadataUpdate.AddSpec AddSpec(PartitionSpec spec)
    {
        var placeholders = spec.Fields.Where(f => f.FieldId < PartitionSpec.FirstFieldId).Select(f => f.FieldId).ToHashSet();
        return new MetadataUpdate.AddSpec(spec, placeholders.Count > 0 ? placeholders : null);
    }

    private static Guid ParseUuid(string text) => Guid.TryParse(text, out var uuid)
        ? uuid
        : throw new FloeException(FloeErrorKind.InvalidData, $"Invalid UUID '{text}'.");

    private static List<T> ReadArray<T>(ref Utf8JsonReader reader, string name, JsonValueReader<T> read)
    {
        JsonIn.ExpectStartArray(ref reader, $"'{name}'");
        var list = new List<T>();
        while (JsonIn.NextElement(ref reader))
        {
            list.Add(read(ref reader));
        }

        return list;
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is long v)
        {
            writer.WriteNumber(name, v);
        }
    }

    /// <summary>Every payload field an update may carry; the action decides which are used.</summary>
    private sealed class Fields
    {
        public string? Action { get; set; }

        public string? Uuid { get; set; }

        public int? FormatVersion { get; set; }

        public Schema? Schema { get; set; }

        public int? LastColumnId { get; set; }

        public int? SchemaId { get; set; }

        public PartitionSpec? Spec { get; set; }

        public int? SpecId { get; set; }

        public SortOrder? SortOrder { get; set; }

        public int? SortOrderId { get; set; }

        public Snapshot? Snapshot { get; set; }

        public string? RefName { get; set; }

        public string? Type { get; set; }

        public long? SnapshotId { get; set; }

        public long? MaxRefAgeMs { get; set; }

        public long? MaxSnapshotAgeMs { get; set; }

        public int? MinSnapshotsToKeep { get; set; }

        public List<long>? SnapshotIds { get; set; }

        public string? Location { get; set; }

        public Dictionary<string, string>? Updates { get; set; }

        public List<string>? Removals { get; set; }

        public StatisticsFile? Statistics { get; set; }

        public PartitionStatisticsFile? PartitionStatistics { get; set; }

        public List<int>? Ids { get; set; }
    }
}
