using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Catalog.Rest;

/// <summary>Reads and writes the REST catalog's JSON shapes that are not Iceberg metadata (namespaces, identifiers, results).</summary>
internal static class RestJson
{
    public static void WriteNamespace(Utf8JsonWriter writer, string name, Namespace ns)
    {
        writer.WriteStartArray(name);
        foreach (string level in ns.Levels)
        {
            writer.WriteStringValue(level);
        }

        writer.WriteEndArray();
    }

    public static void WriteIdentifier(Utf8JsonWriter writer, string name, TableIdentifier id)
    {
        writer.WriteStartObject(name);
        WriteNamespace(writer, "namespace", id.Namespace);
        writer.WriteString("name", id.Name);
        writer.WriteEndObject();
    }

    public static void WriteMap(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    public static void WriteCommit(Utf8JsonWriter writer, TableIdentifier? identifier, IReadOnlyList<UpdateRequirement> requirements, IReadOnlyList<MetadataUpdate> updates)
    {
        writer.WriteStartObject();
        if (identifier is not null)
        {
            WriteIdentifier(writer, "identifier", identifier);
        }

        writer.WriteStartArray("requirements");
        foreach (var requirement in requirements)
        {
            MetadataUpdateJson.Write(writer, requirement);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("updates");
        foreach (var update in updates)
        {
            MetadataUpdateJson.Write(writer, update);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static Namespace ReadNamespace(JsonElement levels) =>
        Namespace.Of([.. levels.EnumerateArray().Select(l => l.GetString() ?? throw Invalid("a namespace level is not a string"))]);

    public static TableIdentifier ReadIdentifier(JsonElement element) =>
        new(ReadNamespace(Field(element, "namespace")), Field(element, "name").GetString() ?? throw Invalid("a table name is not a string"));

    public static Dictionary<string, string> ReadMap(JsonElement obj, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                map[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }
        }

        return map;
    }

    public static List<string> ReadStrings(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.GetString() ?? "")]
            : [];

    /// <summary>A LoadTableResult or CommitTableResponse: the metadata with its location set.</summary>
    public static TableMetadata ReadMetadata(JsonElement root)
    {
        string? location = root.TryGetProperty("metadata-location", out var loc) && loc.ValueKind == JsonValueKind.String ? loc.GetString() : null;
        return TableMetadataParser.Parse(Field(root, "metadata").GetRawText(), location);
    }

    public static JsonElement Field(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) ? value : throw Invalid($"the field '{name}' is missing");

    private static FloeException Invalid(string what) => new(FloeErrorKind.InvalidData, $"Invalid REST catalog response: {what}.");
}
