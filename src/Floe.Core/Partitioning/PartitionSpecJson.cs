using System.Text.Json;
using Floe.Core.Json;
using Floe.Core.Transforms;

namespace Floe.Core.Partitioning;

/// <summary>
/// Partition spec JSON: <c>{"spec-id":0,"fields":[{"name":..,"transform":..,"source-id":..,"field-id":..}]}</c>,
/// and the bare fields array used by v1 metadata and manifest headers. Missing field ids count up from 1000.
/// </summary>
public static class PartitionSpecJson
{
    public static string ToJson(PartitionSpec spec, bool indented = false) => JsonOut.ToString(w => Write(w, spec), indented);

    /// <summary>Only the fields array, as manifests store it in their <c>partition-spec</c> header.</summary>
    public static string FieldsToJson(PartitionSpec spec) => JsonOut.ToString(w => WriteFields(w, spec), indented: false);

    public static PartitionSpec Parse(string json) => JsonIn.Parse(json, "partition spec", Read);

    /// <summary>Parses a spec whose fields may omit ids (a REST add-spec); they get ids from <paramref name="firstUnassignedFieldId"/> up.</summary>
    public static PartitionSpec Parse(string json, int firstUnassignedFieldId) =>
        JsonIn.Parse(json, "partition spec", (ref Utf8JsonReader r) => Read(ref r, firstUnassignedFieldId));

    public static PartitionSpec ParseFields(string json, int specId) =>
        JsonIn.Parse(json, "partition fields", (ref Utf8JsonReader r) => new PartitionSpec(specId, ReadFields(ref r, PartitionSpec.FirstFieldId)));

    public static void Write(Utf8JsonWriter writer, PartitionSpec spec)
    {
        writer.WriteStartObject();
        writer.WriteNumber("spec-id", spec.SpecId);
        writer.WritePropertyName("fields");
        WriteFields(writer, spec);
        writer.WriteEndObject();
    }

    public static void WriteFields(Utf8JsonWriter writer, PartitionSpec spec)
    {
        writer.WriteStartArray();
        foreach (var field in spec.Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("name", field.Name);
            writer.WriteString("transform", field.Transform.ToString());
            writer.WriteNumber("source-id", field.SourceId);
            writer.WriteNumber("field-id", field.FieldId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    internal static PartitionSpec Read(ref Utf8JsonReader reader) => Read(ref reader, PartitionSpec.FirstFieldId);

    /// <summary>Reads a spec object; fields without ids get ids from <paramref name="firstUnassignedId"/> up.</summary>
    internal static PartitionSpec Read(ref Utf8JsonReader reader, int firstUnassignedId) => Read(ref reader, firstUnassignedId, requireSpecId: true);

    /// <summary>Reads a spec object; without <paramref name="requireSpecId"/> a missing spec id reads as 0.</summary>
    internal static PartitionSpec Read(ref Utf8JsonReader reader, int firstUnassignedId, bool requireSpecId)
    {
        JsonIn.ExpectStartObject(ref reader, "A partition spec");
        int? specId = null;
        List<PartitionField>? fields = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "spec-id": specId = JsonIn.Int(ref reader, name); break;
                case "fields": fields = ReadFields(ref reader, firstUnassignedId); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        return new PartitionSpec(
            specId ?? (requireSpecId ? throw JsonIn.Missing("spec-id", "partition spec") : 0),
            fields ?? throw JsonIn.Missing("fields", "partition spec"));
    }

    internal static List<PartitionField> ReadFields(ref Utf8JsonReader reader, int firstUnassignedId)
    {
        JsonIn.ExpectStartArray(ref reader, "Partition spec 'fields'");
        var fields = new List<PartitionField>();
        int nextId = firstUnassignedId;
        while (JsonIn.NextElement(ref reader))
        {
            JsonIn.ExpectStartObject(ref reader, "A partition field");
            string? name = null, transform = null;
            int? sourceId = null, fieldId = null;
            while (JsonIn.NextProperty(ref reader, out string property))
            {
                switch (property)
                {
                    case "name": name = JsonIn.String(ref reader, property); break;
                    case "transform": transform = JsonIn.String(ref reader, property); break;
                    case "source-id": sourceId = JsonIn.Int(ref reader, property); break;
                    case "field-id": fieldId = JsonIn.NullableInt(ref reader, property); break;
                    default: JsonIn.Skip(ref reader); break;
                }
            }

            string what = name is null ? "partition field" : $"partition field '{name}'";
            int id = fieldId ?? nextId;
            nextId = Math.Max(nextId, id) + 1;
            fields.Add(new PartitionField(
                sourceId ?? throw JsonIn.Missing("source-id", what),
                id,
                name ?? throw JsonIn.Missing("name", what),
                Transform.Parse(transform ?? throw JsonIn.Missing("transform", what))));
        }

        return fields;
    }
}
