using System.Text.Json;
using Floe.Avro.Schemas;

namespace Floe.Avro.Generic;

/// <summary>Turns a field's JSON default (Avro's JSON encoding, unions unwrapped) into a generic datum.</summary>
public static class AvroDefaultValues
{
    /// <summary>The datum for <paramref name="json"/> as a value of <paramref name="schema"/>.</summary>
    /// <exception cref="AvroException">The JSON does not fit the schema.</exception>
    public static object? FromJson(JsonElement json, AvroSchema schema) => Convert(json, schema, 0);

    private static object? Convert(JsonElement json, AvroSchema schema, int depth)
    {
        if (depth > 128)
        {
            throw new AvroException("default value nests too deeply");
        }

        switch (schema.Kind)
        {
            case AvroTypeKind.Null:
                return json.ValueKind == JsonValueKind.Null ? null : Fail(json, schema);
            case AvroTypeKind.Boolean:
                return json.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => Fail(json, schema),
                };
            case AvroTypeKind.Int:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out int i) ? i : Fail(json, schema);
            case AvroTypeKind.Long:
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out long l) ? l : Fail(json, schema);
            case AvroTypeKind.Float:
                return Floating(json, schema) is double f ? (float)f : null;
            case AvroTypeKind.Double:
                return Floating(json, schema);
            case AvroTypeKind.Bytes:
                return Bytes(json, schema);
            case AvroTypeKind.String:
                return json.ValueKind == JsonValueKind.String ? json.GetString() : Fail(json, schema);
            case AvroTypeKind.Fixed:
                byte[] bytes = Bytes(json, schema);
                var fixedSchema = (FixedSchema)schema;
                return bytes.Length == fixedSchema.Size ? new AvroFixed(fixedSchema, bytes) : Fail(json, schema);
            case AvroTypeKind.Enum:
                var enumSchema = (EnumSchema)schema;
                return json.ValueKind == JsonValueKind.String && enumSchema.IndexOf(json.GetString()!) is int index and >= 0
                    ? new AvroEnumValue(enumSchema, index)
                    : Fail(json, schema);
            case AvroTypeKind.Array:
                if (json.ValueKind != JsonValueKind.Array)
                {
                    return Fail(json, schema);
                }

                var list = new List<object?>(json.GetArrayLength());
                foreach (JsonElement item in json.EnumerateArray())
                {
                    list.Add(Convert(item, ((ArraySchema)schema).Items, depth + 1));
                }

                return list;
            case AvroTypeKind.Map:
                if (json.ValueKind != JsonValueKind.Object)
                {
                    return Fail(json, schema);
                }

                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (JsonProperty property in json.EnumerateObject())
                {
                    map[property.Name] = Convert(property.Value, ((MapSchema)schema).Values, depth + 1);
                }

                return map;
            case AvroTypeKind.Record:
                return Record(json, (RecordSchema)schema, depth);
            case AvroTypeKind.Union:
                return Union(json, (UnionSchema)schema, depth);
            default:
                return Fail(json, schema);
        }
    }

    private static AvroRecord Record(JsonElement json, RecordSchema schema, int depth)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            Fail(json, schema);
        }

        var record = new AvroRecord(schema);
        foreach (AvroField field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out JsonElement value))
            {
                record.Values[field.Position] = Convert(value, field.Schema, depth + 1);
            }
            else if (field.DefaultValue is JsonElement fieldDefault)
            {
                record.Values[field.Position] = Convert(fieldDefault, field.Schema, depth + 1);
            }
            else
            {
                throw new AvroException($"default value for record '{schema.FullName}' lacks field '{field.Name}'");
            }
        }

        return record;
    }

    private static object? Union(JsonElement json, UnionSchema schema, int depth)
    {
        // The specification says the first branch; writers that put the default in a later branch are accepted too.
        foreach (AvroSchema branch in schema.Branches)
        {
            try
            {
                return Convert(json, branch, depth + 1);
            }
            catch (AvroException)
            {
            }
        }

        return Fail(json, schema);
    }

    private static double? Floating(JsonElement json, AvroSchema schema) => json.ValueKind switch
    {
        JsonValueKind.Number => json.GetDouble(),
        JsonValueKind.String => json.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => (double?)Fail(json, schema),
        },
        _ => (double?)Fail(json, schema),
    };

    private static byte[] Bytes(JsonElement json, AvroSchema schema)
    {
        if (json.ValueKind != JsonValueKind.String)
        {
            Fail(json, schema);
        }

        string text = json.GetString()!;
        byte[] bytes = new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                Fail(json, schema);
            }

            bytes[i] = (byte)text[i];
        }

        return bytes;
    }

    private static object? Fail(JsonElement json, AvroSchema schema) =>
        throw new AvroException($"default value {json.GetRawText()} does not fit the type {schema.DisplayName}");
}
