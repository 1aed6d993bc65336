using System.Globalization;
using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Optimizing.Serialization;

/// <summary>Typed access to JSON members with errors that name the member and what was expected.</summary>
internal static class JsonRead
{
    public static JsonElement Object(JsonElement parent, string name, string what)
    {
        JsonElement value = Required(parent, name, what);
        return value.ValueKind == JsonValueKind.Object ? value : throw Wrong(what, name, "an object");
    }

    public static JsonElement Array(JsonElement parent, string name, string what)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return default;
        }

        return value.ValueKind == JsonValueKind.Array ? value : throw Wrong(what, name, "an array");
    }

    public static string String(JsonElement parent, string name, string what) =>
        OptionalString(parent, name, what) ?? throw Missing(what, name);

    public static string? OptionalString(JsonElement parent, string name, string what)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(what, name, "a string");
    }

    public static long Long(JsonElement parent, string name, string what) =>
        OptionalLong(parent, name, what) ?? throw Missing(what, name);

    public static long? OptionalLong(JsonElement parent, string name, string what)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number) ? number : throw Wrong(what, name, "a whole number");
    }

    public static int Int(JsonElement parent, string name, string what) =>
        OptionalInt(parent, name, what) ?? throw Missing(what, name);

    public static int? OptionalInt(JsonElement parent, string name, string what)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number : throw Wrong(what, name, "a 32-bit whole number");
    }

    public static byte[]? OptionalBytes(JsonElement parent, string name, string what)
    {
        string? text = OptionalString(parent, name, what);
        return text is null ? null : Base64(text, what, name);
    }

    public static byte[] Base64(string text, string what, string name)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Wrong(what, name, "base64 bytes");
        }
    }

    public static Dictionary<int, long>? LongMap(JsonElement parent, string name, string what)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Wrong(what, name, "an object keyed by field id");
        }

        var map = new Dictionary<int, long>();
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            map[FieldId(entry.Name, what, name)] = entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt64(out long n)
                ? n
                : throw Wrong(what, $"{name}.{entry.Name}", "a whole number");
        }

        return map;
    }

    public static Dictionary<int, byte[]>? BytesMap(JsonElement parent, string name, string what)
    {
        if (!parent.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Wrong(what, name, "an object keyed by field id");
        }

        var map = new Dictionary<int, byte[]>();
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            map[FieldId(entry.Name, what, name)] = entry.Value.ValueKind == JsonValueKind.String
                ? Base64(entry.Value.GetString()!, what, $"{name}.{entry.Name}")
                : throw Wrong(what, $"{name}.{entry.Name}", "base64 bytes");
        }

        return map;
    }

    public static List<long>? LongList(JsonElement parent, string name, string what)
    {
        JsonElement array = Array(parent, name, what);
        if (array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<long>(Math.Min(array.GetArrayLength(), 1 << 16));
        foreach (JsonElement item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out long n) ? n : throw Wrong(what, name, "whole numbers"));
        }

        return list;
    }

    public static JsonElement Required(JsonElement parent, string name, string what) =>
        parent.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : throw Missing(what, name);

    public static FloeException Missing(string what, string name) =>
        new(FloeErrorKind.InvalidData, $"Invalid {what} JSON: '{name}' is missing.");

    public static FloeException Wrong(string what, string name, string expected) =>
        new(FloeErrorKind.InvalidData, $"Invalid {what} JSON: '{name}' must be {expected}.");

    private static int FieldId(string text, string what, string name) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int id)
            ? id
            : throw Wrong(what, $"{name}.{text}", "keyed by an integer field id");
}
