using System.Text.Json;

namespace Floe.Server.Rest;

/// <summary>Reads request fields from a parsed JSON object; a missing or mistyped field is a 400 naming field and request.</summary>
internal static class JsonFields
{
    /// <summary>The field's value, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static JsonElement Required(JsonElement obj, string name, string what) =>
        Optional(obj, name) ?? throw Missing(name, what);

    public static string RequiredString(JsonElement obj, string name, string what) =>
        OptionalString(obj, name, what) ?? throw Missing(name, what);

    public static string? OptionalString(JsonElement obj, string name, string what) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        var value => throw WrongType(name, what, "a string", value.Value),
    };

    public static bool OptionalBool(JsonElement obj, string name, string what, bool defaultValue) => Optional(obj, name) switch
    {
        null => defaultValue,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var value => throw WrongType(name, what, "a boolean", value.Value),
    };

    public static long RequiredLong(JsonElement obj, string name, string what)
    {
        var value = Required(obj, name, what);
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long result)
            ? result
            : throw WrongType(name, what, "a 64-bit integer", value);
    }

    public static JsonElement RequiredObject(JsonElement obj, string name, string what)
    {
        var value = Required(obj, name, what);
        return value.ValueKind == JsonValueKind.Object ? value : throw WrongType(name, what, "an object", value);
    }

    public static JsonElement RequiredArray(JsonElement obj, string name, string what)
    {
        var value = Required(obj, name, what);
        return value.ValueKind == JsonValueKind.Array ? value : throw WrongType(name, what, "an array", value);
    }

    /// <summary>The field's array, or null when it is absent or JSON null.</summary>
    public static JsonElement? OptionalArray(JsonElement obj, string name, string what) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } value => value,
        var value => throw WrongType(name, what, "an array", value.Value),
    };

    public static List<string> StringArray(JsonElement array, string name, string what)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(name, what, "an array of strings", array);
        }

        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw WrongType(name, what, "an array of strings", array));
        }

        return list;
    }

    public static Dictionary<string, string> StringMap(JsonElement? value, string name, string what)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is not { } obj)
        {
            return map;
        }

        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(name, what, "an object of strings", obj);
        }

        foreach (var property in obj.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw IcebergRestException.BadRequest($"Invalid {what}: '{name}.{property.Name}' must be a string, found {Describe(property.Value)}.");
        }

        return map;
    }

    public static IcebergRestException Missing(string name, string what) =>
        IcebergRestException.BadRequest($"Invalid {what}: missing required field '{name}'.");

    public static IcebergRestException WrongType(string name, string what, string expected, JsonElement found) =>
        IcebergRestException.BadRequest($"Invalid {what}: '{name}' must be {expected}, found {Describe(found)}.");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
