using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Schemas;

/// <summary>
/// Schema and type JSON as in the spec's appendix: primitives as strings, structs as
/// <c>{"type":"struct","fields":[...]}</c>, lists and maps as objects with element/key/value ids.
/// </summary>
public static class SchemaJson
{
    public static string ToJson(Schema schema, bool indented = false) =>
        JsonOut.ToString(w => Write(w, schema), indented);

    public static Schema Parse(string json) => JsonIn.Parse(json, "schema", Read);

    public static Schema Parse(ReadOnlySpan<byte> utf8) => JsonIn.Parse(utf8, "schema", Read);

    public static string TypeToJson(IcebergType type) => JsonOut.ToString(w => WriteType(w, type), indented: false);

    public static IcebergType ParseType(string json) => JsonIn.Parse(json, "type", ReadType);

    public static void Write(Utf8JsonWriter writer, Schema schema)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "struct");
        writer.WriteNumber("schema-id", schema.SchemaId);
        if (schema.IdentifierFieldIds.Count > 0)
        {
            JsonOut.WriteIntArray(writer, "identifier-field-ids", schema.IdentifierFieldIds);
        }

        WriteFields(writer, schema.AsStruct);
        writer.WriteEndObject();
    }

    public static void WriteType(Utf8JsonWriter writer, IcebergType type)
    {
        switch (type)
        {
            case PrimitiveType p:
                writer.WriteStringValue(p.ToString());
                break;
            case StructType s:
                writer.WriteStartObject();
                writer.WriteString("type", "struct");
                WriteFields(writer, s);
                writer.WriteEndObject();
                break;
            case ListType l:
                writer.WriteStartObject();
                writer.WriteString("type", "list");
                writer.WriteNumber("element-id", l.ElementId);
                writer.WritePropertyName("element");
                WriteType(writer, l.ElementType);
                writer.WriteBoolean("element-required", l.IsElementRequired);
                writer.WriteEndObject();
                break;
            case MapType m:
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WriteNumber("key-id", m.KeyId);
                writer.WritePropertyName("key");
                WriteType(writer, m.KeyType);
                writer.WriteNumber("value-id", m.ValueId);
                writer.WritePropertyName("value");
                WriteType(writer, m.ValueType);
                writer.WriteBoolean("value-required", m.IsValueRequired);
                writer.WriteEndObject();
                break;
        }
    }

    internal static Schema Read(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A schema");
        string? type = null;
        int schemaId = 0;
        List<int>? identifiers = null;
        List<NestedField>? fields = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "type": type = JsonIn.String(ref reader, name); break;
                case "schema-id": schemaId = JsonIn.Int(ref reader, name); break;
                case "identifier-field-ids": identifiers = JsonIn.IntArray(ref reader, name); break;
                case "fields": fields = ReadFields(ref reader); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        if (type is not null and not "struct")
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid schema: type must be \"struct\", found \"{type}\".");
        }

        return new Schema(fields ?? throw JsonIn.Missing("fields", "schema"), schemaId, identifiers);
    }

    internal static IcebergType ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            string text = reader.GetString()!;
            return TypeParserBridge(text, ref reader);
        }

        JsonIn.ExpectStartObject(ref reader, "A type");
        string? type = null;
        List<NestedField>? fields = null;
        int? elementId = null, keyId = null, valueId = null;
        IcebergType? element = null, key = null, value = null;
        bool? elementRequired = null, valueRequired = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "type": type = JsonIn.String(ref reader, name); break;
                case "fields": fields = ReadFields(ref reader); break;
                case "element-id": elementId = JsonIn.Int(ref reader, name); break;
                case "element": element = ReadType(ref reader); break;
                case "element-required": elementRequired = JsonIn.Bool(ref reader, name); break;
                case "key-id": keyId = JsonIn.Int(ref reader, name); break;
                case "key": key = ReadType(ref reader); break;
                case "value-id": valueId = JsonIn.Int(ref reader, name); break;
                case "value": value = ReadType(ref reader); break;
                case "value-required": valueRequired = JsonIn.Bool(ref reader, name); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        return type switch
        {
            "struct" => new StructType(fields ?? throw JsonIn.Missing("fields", "struct type")),
            "list" => new ListType(
                elementId ?? throw JsonIn.Missing("element-id", "list type"),
                element ?? throw JsonIn.Missing("element", "list type"),
                elementRequired ?? throw JsonIn.Missing("element-required", "list type")),
            "map" => new MapType(
                keyId ?? throw JsonIn.Missing("key-id", "map type"),
                key ?? throw JsonIn.Missing("key", "map type"),
                valueId ?? throw JsonIn.Missing("value-id", "map type"),
                value ?? throw JsonIn.Missing("value", "map type"),
                valueRequired ?? throw JsonIn.Missing("value-required", "map type")),
            null => throw JsonIn.Missing("type", "nested type"),
            _ => throw new FloeException(FloeErrorKind.InvalidData, $"Invalid type: unknown nested type \"{type}\"."),
        };
    }

    private static IcebergType TypeParserBridge(string text, ref Utf8JsonReader reader)
    {
        if (!PrimitiveType.TryParse(text, out var primitive))
        {
            throw JsonIn.Error(ref reader, $"Unknown or invalid Iceberg type \"{text}\"");
        }

        return primitive!;
    }

    private static void WriteFields(Utf8JsonWriter writer, StructType structType)
    {
        writer.WriteStartArray("fields");
        foreach (var field in structType.Fields)
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", field.Id);
            writer.WriteString("name", field.Name);
            writer.WriteBoolean("required", field.IsRequired);
            writer.WritePropertyName("type");
            WriteType(writer, field.Type);
            if (field.Doc is not null)
            {
                writer.WriteString("doc", field.Doc);
            }

            if (field.InitialDefault is { } initial)
            {
                writer.WritePropertyName("initial-default");
                SingleValueJson.Write(writer, initial);
            }

            if (field.WriteDefault is { } writeDefault)
            {
                writer.WritePropertyName("write-default");
                SingleValueJson.Write(writer, writeDefault);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static List<NestedField> ReadFields(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartArray(ref reader, "'fields'");
        var fields = new List<NestedField>();
        while (JsonIn.NextElement(ref reader))
        {
            fields.Add(ReadField(ref reader));
        }

        return fields;
    }

    private static NestedField ReadField(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A struct field");
        int? id = null;
        string? name = null;
        bool? required = null;
        IcebergType? type = null;
        string? doc = null;
        DeferredScalar? initialDefault = null, writeDefault = null;
        while (JsonIn.NextProperty(ref reader, out string property))
        {
            switch (property)
            {
                case "id": id = JsonIn.Int(ref reader, property); break;
                case "name": name = JsonIn.String(ref reader, property); break;
                case "required": required = JsonIn.Bool(ref reader, property); break;
                case "type": type = ReadType(ref reader); break;
                case "doc": doc = JsonIn.NullableString(ref reader, property); break;
                case "initial-default": initialDefault = DeferredScalar.Capture(ref reader, property); break;
                case "write-default": writeDefault = DeferredScalar.Capture(ref reader, property); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        string what = name is null ? "field" : $"field '{name}'";
        var fieldType = type ?? throw JsonIn.Missing("type", what);
        return new NestedField(
            id ?? throw JsonIn.Missing("id", what),
            name ?? throw JsonIn.Missing("name", what),
            required ?? throw JsonIn.Missing("required", what),
            fieldType,
            doc,
            initialDefault?.Resolve(fieldType, name),
            writeDefault?.Resolve(fieldType, name));
    }

    /// <summary>A default value seen before the field's type; it is parsed once the type is known.</summary>
    private sealed class DeferredScalar
    {
        private readonly byte[] _json;

        private DeferredScalar(byte[] json) => _json = json;

        public static DeferredScalar Capture(ref Utf8JsonReader reader, string property)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                throw new FloeException(FloeErrorKind.Unsupported, $"Nested default values ('{property}') are not supported.");
            }

            // Re-encode the single token so it can be read again with the field's type.
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(32);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                CopyToken(ref reader, writer);
            }

            return new DeferredScalar(buffer.WrittenSpan.ToArray());
        }

        public Literal? Resolve(IcebergType type, string? fieldName)
        {
            if (type is not PrimitiveType primitive)
            {
                throw new FloeException(FloeErrorKind.Unsupported, $"Default values of nested field '{fieldName}' are not supported.");
            }

            var value = JsonIn.Parse(_json, $"default of field '{fieldName}'", (ref Utf8JsonReader r) => SingleValueJson.Read(ref r, primitive));
            return value.IsNull ? null : value;
        }

        private static void CopyToken(ref Utf8JsonReader reader, Utf8JsonWriter writer)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: writer.WriteStringValue(reader.GetString()); break;
                case JsonTokenType.Number: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                case JsonTokenType.True: writer.WriteBooleanValue(true); break;
                case JsonTokenType.False: writer.WriteBooleanValue(false); break;
                default: writer.WriteNullValue(); break;
            }
        }
    }
}
