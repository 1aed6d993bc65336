using System.Buffers;
using System.Text;
using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Core.Json;

/// <summary>Reads one value from a positioned <see cref="Utf8JsonReader"/>.</summary>
internal delegate T JsonValueReader<out T>(ref Utf8JsonReader reader);

/// <summary>
/// Helpers for hand-written <see cref="Utf8JsonReader"/> parsers. Every method expects the reader to be positioned on
/// the value it reads and throws <see cref="FloeException"/> (InvalidData) naming the field when the token is wrong.
/// </summary>
internal static class JsonIn
{
    /// <summary>Parses a whole document, turning malformed JSON into a clear <see cref="FloeException"/>.</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8, string what, JsonValueReader<T> read)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 128 });
        try
        {
            if (!reader.Read())
            {
                throw new FloeException(FloeErrorKind.InvalidData, $"Invalid {what} JSON: the document is empty.");
            }

            T result = read(ref reader);
            if (reader.Read())
            {
                throw new FloeException(FloeErrorKind.InvalidData,
                    $"Invalid {what} JSON: unexpected content after the value at byte {reader.TokenStartIndex}.");
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Malformed {what} JSON {ErrorText.JsonPosition(e)}.", e);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.InvalidArgument)
        {
            // Model constructors reject bad values as invalid arguments; in a document they are invalid data.
            throw new FloeException(FloeErrorKind.InvalidData, $"Invalid {what} JSON: {e.Message}", e);
        }
    }

    public static T Parse<T>(string json, string what, JsonValueReader<T> read) =>
        Parse(Encoding.UTF8.GetBytes(json), what, read);

    public static void ExpectStartObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(ref reader, $"{what} must be a JSON object, found {Describe(reader.TokenType)}");
        }
    }

    public static void ExpectStartArray(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(ref reader, $"{what} must be a JSON array, found {Describe(reader.TokenType)}");
        }
    }

    /// <summary>Moves to the next property of the current object and onto its value; false at the end of the object.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = "";
            return false;
        }

        name = reader.GetString()!;
        Read(ref reader);
        return true;
    }

    /// <summary>Moves to the next element of the current array; false at the end of the array.</summary>
    public static bool NextElement(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    public static void Skip(ref Utf8JsonReader reader) => reader.Skip();

    public static int Int(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int value))
        {
            throw Error(ref reader, $"'{field}' must be a 32-bit integer, found {Describe(ref reader)}");
        }

        return value;
    }

    public static long Long(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value))
        {
            throw Error(ref reader, $"'{field}' must be a 64-bit integer, found {Describe(ref reader)}");
        }

        return value;
    }

    public static long? NullableLong(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : Long(ref reader, field);

    public static int? NullableInt(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : Int(ref reader, field);

    public static double Double(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw Error(ref reader, $"'{field}' must be a number, found {Describe(ref reader)}");
        }

        // Every JSON number parses; one too large for a double (1e400) parses as infinity, which JSON cannot spell.
        return reader.TryGetDouble(out double value) && double.IsFinite(value) ? value : throw OutOfRange(ref reader, field);
    }

    /// <summary>A JSON number as a float; one beyond float's range (1e39) is refused, not made infinite.</summary>
    public static float Single(ref Utf8JsonReader reader, string field)
    {
        float value = (float)Double(ref reader, field);
        return float.IsFinite(value) ? value : throw OutOfRange(ref reader, field);
    }

    public static bool Bool(ref Utf8JsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Error(ref reader, $"'{field}' must be true or false, found {Describe(ref reader)}"),
    };

    public static string String(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error(ref reader, $"'{field}' must be a string, found {Describe(ref reader)}");
        }

        return reader.GetString()!;
    }

    public static string? NullableString(ref Utf8JsonReader reader, string field) =>
        reader.TokenType == JsonTokenType.Null ? null : String(ref reader, field);

    public static List<int> IntArray(ref Utf8JsonReader reader, string field)
    {
        ExpectStartArray(ref reader, $"'{field}'");
        var list = new List<int>();
        while (NextElement(ref reader))
        {
            list.Add(Int(ref reader, field));
        }

        return list;
    }

    public static List<long> LongArray(ref Utf8JsonReader reader, string field)
    {
        ExpectStartArray(ref reader, $"'{field}'");
        var list = new List<long>();
        while (NextElement(ref reader))
        {
            list.Add(Long(ref reader, field));
        }

        return list;
    }

    public static List<string> StringArray(ref Utf8JsonReader reader, string field)
    {
        ExpectStartArray(ref reader, $"'{field}'");
        var list = new List<string>();
        while (NextElement(ref reader))
        {
            list.Add(String(ref reader, field));
        }

        return list;
    }

    /// <summary>A JSON object of string values (property maps, snapshot summaries).</summary>
    public static Dictionary<string, string> StringMap(ref Utf8JsonReader reader, string field)
    {
        ExpectStartObject(ref reader, $"'{field}'");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader, out string key))
        {
            map[key] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False =>
                    Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
                _ => throw Error(ref reader, $"'{field}.{key}' must be a string, found {Describe(ref reader)}"),
            };
        }

        return map;
    }

    public static FloeException Error(ref Utf8JsonReader reader, string message) =>
        new(FloeErrorKind.InvalidData, $"{message} (at byte {reader.TokenStartIndex}).");

    public static FloeException Missing(string field, string what) =>
        new(FloeErrorKind.InvalidData, $"Invalid {what}: required field '{field}' is missing.");

    private static FloeException OutOfRange(ref Utf8JsonReader reader, string field) =>
        Error(ref reader, $"'{field}': {Describe(ref reader)} is out of range");

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Truncated JSON: the document ends at byte {reader.BytesConsumed}.");
        }
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"string \"{reader.GetString()}\"",
        JsonTokenType.Number => $"number {Encoding.UTF8.GetString(reader.ValueSpan)}",
        _ => Describe(reader.TokenType),
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        _ => token.ToString(),
    };
}
