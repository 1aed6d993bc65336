using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Common.Json;

/// <summary>
/// Typed access to the members of a parsed JSON object: the one member reader of Floe's hand-read JSON outside the
/// Iceberg specification (REST requests, optimizing tasks and outputs). A JSON null counts as absent. What a missing
/// member or one of the wrong type is called is the subclass's, so each format keeps its own messages.
/// </summary>
public abstract class JsonMembers
{
    /// <summary>The failure for a required member that is absent or null.</summary>
    public abstract FloeException Missing(string member);

    /// <summary>The failure for a member that is not <paramref name="expected"/> (<c>a string</c>); <paramref name="found"/> is its value.</summary>
    public abstract FloeException Wrong(string member, string expected, JsonElement found);

    /// <summary>The member's value, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public JsonElement Required(JsonElement obj, string name) => Optional(obj, name) ?? throw Missing(name);

    public string String(JsonElement obj, string name) => OptionalString(obj, name) ?? throw Missing(name);

    public string? OptionalString(JsonElement obj, string name) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { } value => throw Wrong(name, "a string", value),
    };

    public bool OptionalBool(JsonElement obj, string name, bool defaultValue) => Optional(obj, name) switch
    {
        null => defaultValue,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } value => throw Wrong(name, "a boolean", value),
    };

    public long Long(JsonElement obj, string name) => OptionalLong(obj, name) ?? throw Missing(name);

    public long? OptionalLong(JsonElement obj, string name) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out long number) => number,
        { } value => throw Wrong(name, "a whole number", value),
    };

    public int Int(JsonElement obj, string name) => OptionalInt(obj, name) ?? throw Missing(name);

    public int? OptionalInt(JsonElement obj, string name) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out int number) => number,
        { } value => throw Wrong(name, "a 32-bit whole number", value),
    };

    public JsonElement Object(JsonElement obj, string name)
    {
        JsonElement value = Required(obj, name);
        return value.ValueKind == JsonValueKind.Object ? value : throw Wrong(name, "an object", value);
    }

    public JsonElement Array(JsonElement obj, string name) => OptionalArray(obj, name) ?? throw Missing(name);

    /// <summary>The member's array, or null when it is absent or JSON null.</summary>
    public JsonElement? OptionalArray(JsonElement obj, string name) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Array } value => value,
        { } value => throw Wrong(name, "an array", value),
    };

    /// <summary>The strings of <paramref name="array"/>, the value of member <paramref name="name"/>.</summary>
    public List<string> Strings(JsonElement array, string name)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, "an array of strings", array);
        }

        var list = new List<string>(array.GetArrayLength());
        foreach (JsonElement item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Wrong(name, "an array of strings", array));
        }

        return list;
    }

    /// <summary>An object of strings (empty when <paramref name="value"/> is null), the value of member <paramref name="name"/>.</summary>
    public Dictionary<string, string> StringMap(JsonElement? value, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is not { } obj)
        {
            return map;
        }

        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw Wrong(name, "an object of strings", obj);
        }

        foreach (JsonProperty property in obj.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw Wrong($"{name}.{property.Name}", "a string", property.Value);
        }

        return map;
    }
}
