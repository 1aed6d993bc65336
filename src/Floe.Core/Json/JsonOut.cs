using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Floe.Core.Json;

/// <summary>Writes a document with a hand-written <see cref="Utf8JsonWriter"/> body.</summary>
internal static class JsonOut
{
    public static byte[] ToUtf8(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options(indented)))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Metadata is not HTML: keep plus signs, angle brackets and non-ASCII text readable as other Iceberg writers do.</summary>
    public static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToString(Action<Utf8JsonWriter> write, bool indented) =>
        Encoding.UTF8.GetString(ToUtf8(write, indented));

    public static void WriteStringMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteIntArray(Utf8JsonWriter writer, string name, IEnumerable<int> values)
    {
        writer.WriteStartArray(name);
        foreach (int value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
