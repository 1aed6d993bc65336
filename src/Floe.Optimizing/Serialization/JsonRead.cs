using System.Globalization;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Common.Json;

namespace Floe.Optimizing.Serialization;

/// <summary>
/// Reads the members of optimizing JSON (tasks, outputs, processes, content files) with errors that name the member
/// and what was expected: <c>Invalid task JSON: 'process-id' is missing.</c>
/// </summary>
internal sealed class JsonRead(string what) : JsonMembers
{
    /// <summary>The reader of <paramref name="what"/> (<c>task</c>, <c>task output</c>).</summary>
    public static JsonRead Of(string what) => new(what);

    public override FloeException Missing(string member) =>
        new(FloeErrorKind.InvalidData, $"Invalid {what} JSON: '{member}' is missing.");

    public override FloeException Wrong(string member, string expected, JsonElement found) => Wrong(member, expected);

    public FloeException Wrong(string member, string expected) =>
        new(FloeErrorKind.InvalidData, $"Invalid {what} JSON: '{member}' must be {expected}.");

    public byte[]? OptionalBytes(JsonElement parent, string name)
    {
        string? text = OptionalString(parent, name);
        return text is null ? null : Base64(text, name);
    }

    public byte[] Base64(string text, string name)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Wrong(name, "base64 bytes");
        }
    }

    public Dictionary<int, long>? LongMap(JsonElement parent, string name)
    {
        if (Optional(parent, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Wrong(name, "an object keyed by field id");
        }

        var map = new Dictionary<int, long>();
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            map[FieldId(entry.Name, name)] = entry.Value.ValueKind == JsonValueKind.Number && entry.Value.TryGetInt64(out long n)
                ? n
                : throw Wrong($"{name}.{entry.Name}", "a whole number");
        }

        return map;
    }

    public Dictionary<int, byte[]>? BytesMap(JsonElement parent, string name)
    {
        if (Optional(parent, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Wrong(name, "an object keyed by field id");
        }

        var map = new Dictionary<int, byte[]>();
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            map[FieldId(entry.Name, name)] = entry.Value.ValueKind == JsonValueKind.String
                ? Base64(entry.Value.GetString()!, $"{name}.{entry.Name}")
                : throw Wrong($"{name}.{entry.Name}", "base64 bytes");
        }

        return map;
    }

    public List<long>? LongList(JsonElement parent, string name)
    {
        if (OptionalArray(parent, name) is not { } array)
        {
            return null;
        }

        var list = new List<long>(Math.Min(array.GetArrayLength(), 1 << 16));
        foreach (JsonElement item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out long n) ? n : throw Wrong(name, "whole numbers"));
        }

        return list;
    }

    private int FieldId(string text, string name) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int id)
            ? id
            : throw Wrong($"{name}.{text}", "keyed by an integer field id");
}
