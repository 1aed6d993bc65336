using System.Text.Encodings.Web;
using System.Text.Json;

namespace Floe.Avro.Schemas;

/// <summary>
/// Writes schemas as JSON in the layout Avro's Java library uses (the one in Iceberg manifests): a named type is
/// defined once and referred to by name afterwards, attributes follow the structural keys in their original order.
/// </summary>
internal static class AvroSchemaWriter
{
    public static string Write(AvroSchema schema, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = indented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        }))
        {
            WriteSchema(writer, schema, new HashSet<string>(StringComparer.Ordinal), null);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteSchema(Utf8JsonWriter writer, AvroSchema schema, HashSet<string> defined, string? space)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                if (primitive.Properties.Count == 0)
                {
                    writer.WriteStringValue(AvroSchemaNames.TypeName(primitive.Kind));
                    return;
                }

                writer.WriteStartObject();
                writer.WriteString("type", AvroSchemaNames.TypeName(primitive.Kind));
                WriteProperties(writer, primitive.Properties);
                writer.WriteEndObject();
                return;
            case NamedSchema named when !defined.Add(named.FullName):
                writer.WriteStringValue(named.Namespace == space || (named.Namespace is null && space is null) ? named.Name : named.FullName);
                return;
            case RecordSchema record:
                writer.WriteStartObject();
                writer.WriteString("type", record.IsError ? "error" : "record");
                WriteName(writer, record, space);
                WriteDoc(writer, record.Doc);
                writer.WriteStartArray("fields");
                foreach (AvroField field in record.Fields)
                {
                    WriteField(writer, field, defined, record.Namespace);
                }

                writer.WriteEndArray();
                WriteProperties(writer, record.Properties);
                WriteAliases(writer, record.Aliases);
                writer.WriteEndObject();
                return;
            case EnumSchema enumSchema:
                writer.WriteStartObject();
                writer.WriteString("type", "enum");
                WriteName(writer, enumSchema, space);
                WriteDoc(writer, enumSchema.Doc);
                writer.WriteStartArray("symbols");
                foreach (string symbol in enumSchema.Symbols)
                {
                    writer.WriteStringValue(symbol);
                }

                writer.WriteEndArray();
                if (enumSchema.Default is not null)
                {
                    writer.WriteString("default", enumSchema.Default);
                }

                WriteProperties(writer, enumSchema.Properties);
                WriteAliases(writer, enumSchema.Aliases);
                writer.WriteEndObject();
                return;
            case FixedSchema fixedSchema:
                writer.WriteStartObject();
                writer.WriteString("type", "fixed");
                WriteName(writer, fixedSchema, space);
                WriteDoc(writer, fixedSchema.Doc);
                writer.WriteNumber("size", fixedSchema.Size);
                WriteProperties(writer, fixedSchema.Properties);
                WriteAliases(writer, fixedSchema.Aliases);
                writer.WriteEndObject();
                return;
            case ArraySchema array:
                writer.WriteStartObject();
                writer.WriteString("type", "array");
                writer.WritePropertyName("items");
                WriteSchema(writer, array.Items, defined, space);
                WriteProperties(writer, array.Properties);
                writer.WriteEndObject();
                return;
            case MapSchema map:
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WritePropertyName("values");
                WriteSchema(writer, map.Values, defined, space);
                WriteProperties(writer, map.Properties);
                writer.WriteEndObject();
                return;
            case UnionSchema union:
                writer.WriteStartArray();
                foreach (AvroSchema branch in union.Branches)
                {
                    WriteSchema(writer, branch, defined, space);
                }

                writer.WriteEndArray();
                return;
            default:
                throw new ArgumentException($"unknown schema type {schema.GetType().Name}", nameof(schema));
        }
    }

    private static void WriteField(Utf8JsonWriter writer, AvroField field, HashSet<string> defined, string? space)
    {
        writer.WriteStartObject();
        writer.WriteString("name", field.Name);
        writer.WritePropertyName("type");
        WriteSchema(writer, field.Schema, defined, space);
        WriteDoc(writer, field.Doc);
        if (field.DefaultValue is JsonElement defaultValue)
        {
            writer.WritePropertyName("default");
            defaultValue.WriteTo(writer);
        }

        if (field.Order is not null)
        {
            writer.WriteString("order", field.Order);
        }

        WriteAliases(writer, field.Aliases);
        WriteProperties(writer, field.Properties);
        writer.WriteEndObject();
    }

    private static void WriteName(Utf8JsonWriter writer, NamedSchema named, string? space)
    {
        writer.WriteString("name", named.Name);
        if (named.Namespace != space)
        {
            writer.WriteString("namespace", named.Namespace ?? string.Empty);
        }
    }

    private static void WriteDoc(Utf8JsonWriter writer, string? doc)
    {
        if (doc is not null)
        {
            writer.WriteString("doc", doc);
        }
    }

    private static void WriteAliases(Utf8JsonWriter writer, IReadOnlyList<string> aliases)
    {
        if (aliases.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("aliases");
        foreach (string alias in aliases)
        {
            writer.WriteStringValue(alias);
        }

        writer.WriteEndArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyList<AvroProperty> properties)
    {
        foreach (AvroProperty property in properties)
        {
            writer.WritePropertyName(property.Name);
            property.Value.WriteTo(writer);
        }
    }
}
