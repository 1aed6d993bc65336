using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Core.Mapping;

/// <summary>One entry of a name mapping: the names a column may have in a data file without field ids, and its id.</summary>
public sealed record MappedField(int? FieldId, IReadOnlyList<string> Names, IReadOnlyList<MappedField> Fields);

/// <summary>
/// The table property <c>schema.name-mapping.default</c>: how to find field ids for data files written without them,
/// by column name (aliases allowed), nested for structs, lists (<c>element</c>) and maps (<c>key</c>, <c>value</c>).
/// </summary>
public sealed class NameMapping
{
    /// <summary>The table property holding the mapping JSON.</summary>
    public const string DefaultProperty = "schema.name-mapping.default";

    public NameMapping(IReadOnlyList<MappedField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
        CheckUnique(fields, "");
    }

    public IReadOnlyList<MappedField> Fields { get; }

    /// <summary>A mapping of every field of a schema by its current name.</summary>
    public static NameMapping FromSchema(Schema schema) => new(Map(schema.AsStruct.Fields));

    /// <summary>The field id of a column reached through <paramref name="path"/> (names at each level), or null.</summary>
    public int? FindId(params ReadOnlySpan<string> path)
    {
        IReadOnlyList<MappedField> level = Fields;
        MappedField? found = null;
        foreach (string name in path)
        {
            found = null;
            foreach (var field in level)
            {
                if (field.Names.Contains(name, StringComparer.Ordinal))
                {
                    found = field;
                    break;
                }
            }

            if (found is null)
            {
                return null;
            }

            level = found.Fields;
        }

        return found?.FieldId;
    }

    public string ToJson(bool indented = false) => JsonOut.ToString(w => Write(w, Fields), indented);

    /// <exception cref="FloeException">The JSON is not a valid mapping (kind InvalidData).</exception>
    public static NameMapping Parse(string json) => JsonIn.Parse(json, "name mapping", (ref Utf8JsonReader r) => new NameMapping(ReadFields(ref r)));

    private static List<MappedField> Map(IEnumerable<NestedField> fields) =>
        [.. fields.Select(f => new MappedField(f.Id, [f.Name], MapChildren(f.Type)))];

    private static List<MappedField> MapChildren(IcebergType type) => type switch
    {
        StructType s => Map(s.Fields),
        ListType l => Map([l.ElementField]),
        MapType m => Map([m.KeyField, m.ValueField]),
        _ => [],
    };

    private static void CheckUnique(IReadOnlyList<MappedField> fields, string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (string name in field.Names)
            {
                if (!names.Add(name))
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid name mapping: name '{path}{name}' is mapped more than once.");
                }
            }

            CheckUnique(field.Fields, $"{path}{field.Names.FirstOrDefault()}.");
        }
    }

    private static void Write(Utf8JsonWriter writer, IReadOnlyList<MappedField> fields)
    {
        writer.WriteStartArray();
        foreach (var field in fields)
        {
            writer.WriteStartObject();
            if (field.FieldId is int id)
            {
                writer.WriteNumber("field-id", id);
            }

            writer.WriteStartArray("names");
            foreach (string name in field.Names)
            {
                writer.WriteStringValue(name);
            }

            writer.WriteEndArray();
            if (field.Fields.Count > 0)
            {
                writer.WritePropertyName("fields");
                Write(writer, field.Fields);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static List<MappedField> ReadFields(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartArray(ref reader, "A name mapping");
        var fields = new List<MappedField>();
        while (JsonIn.NextElement(ref reader))
        {
            JsonIn.ExpectStartObject(ref reader, "A mapped field");
            int? id = null;
            List<string>? names = null;
            List<MappedField> children = [];
            while (JsonIn.NextProperty(ref reader, out string property))
            {
                switch (property)
                {
                    case "field-id": id = JsonIn.NullableInt(ref reader, property); break;
                    case "names": names = JsonIn.StringArray(ref reader, property); break;
                    case "fields":
                        if (reader.TokenType != JsonTokenType.Null)
                        {
                            children = ReadFields(ref reader);
                        }

                        break;
                    default: JsonIn.Skip(ref reader); break;
                }
            }

            fields.Add(new MappedField(id, names ?? throw JsonIn.Missing("names", "mapped field"), children));
        }

        return fields;
    }
}
