using System.Text;
using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Catalog;

/// <summary>String-to-string property maps stored as one JSON object (namespace and catalog properties).</summary>
public static class PropertiesJson
{
    /// <summary>Stored property maps larger than this are refused as damaged rather than read into memory.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public static byte[] ToUtf8(IReadOnlyDictionary<string, string> properties)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string ToText(IReadOnlyDictionary<string, string> properties) => Encoding.UTF8.GetString(ToUtf8(properties));

    /// <summary>Parses a JSON object of strings; anything else is InvalidData naming <paramref name="where"/>.</summary>
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> utf8, string where)
    {
        if (utf8.Length > MaxBytes)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Properties in {where} are {utf8.Length} bytes, more than the {MaxBytes} allowed.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid(where, "expected a JSON object");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                string key = reader.GetString()!;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                {
                    throw Invalid(where, $"the value of '{key}' is not a string");
                }

                if (!result.TryAdd(key, reader.GetString()!))
                {
                    throw Invalid(where, $"key '{key}' appears twice");
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                throw Invalid(where, "the object is not closed");
            }
        }
        catch (JsonException e)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Properties in {where} are not valid JSON: {e.Message}", e);
        }

        return result;
    }

    public static Dictionary<string, string> Parse(string text, string where) => Parse(Encoding.UTF8.GetBytes(text), where);

    /// <summary>
    /// Applies removals then updates to <paramref name="current"/> in place, the way the REST catalog defines it.
    /// A key both removed and updated is InvalidArgument.
    /// </summary>
    public static NamespacePropertiesChange Apply(
        Dictionary<string, string> current,
        IReadOnlyCollection<string> removals,
        IReadOnlyDictionary<string, string> updates,
        string where)
    {
        ArgumentNullException.ThrowIfNull(removals);
        ArgumentNullException.ThrowIfNull(updates);
        var both = removals.Where(updates.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (both.Count > 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot update properties of {where}: {string.Join(", ", both)} both removed and updated.");
        }

        var removed = new List<string>();
        var missing = new List<string>();
        foreach (string key in removals.Distinct(StringComparer.Ordinal))
        {
            (current.Remove(key) ? removed : missing).Add(key);
        }

        foreach (var (key, value) in updates)
        {
            current[key] = value;
        }

        return new NamespacePropertiesChange([.. updates.Keys.Order(StringComparer.Ordinal)], removed, missing);
    }

    private static FloeException Invalid(string where, string what) =>
        new(FloeErrorKind.InvalidData, $"Properties in {where} are damaged: {what}.");
}
