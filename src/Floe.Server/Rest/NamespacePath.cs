using System.Text.Json;
using Floe.Catalog;

namespace Floe.Server.Rest;

/// <summary>
/// Namespaces as the REST protocol spells them: in a path segment or the <c>parent</c> query the levels are joined
/// by the unit separator (0x1F, URL-encoded <c>%1F</c>); in bodies they are arrays of strings.
/// </summary>
internal static class NamespacePath
{
    public const char Separator = '\u001f';

    /// <summary>A namespace from its (already URL-decoded) path form; invalid level names are a 400.</summary>
    public static Namespace Parse(string segment) =>
        segment.Length == 0
            ? throw IcebergRestException.BadRequest("Invalid namespace: the name is empty.")
            : Namespace.Of(segment.Split(Separator));

    /// <summary>A namespace from a JSON array of levels (<c>["org", "sales"]</c>).</summary>
    public static Namespace FromJson(JsonElement levels, string name, string what)
    {
        var list = JsonFields.Of(what).Strings(levels, name);
        return Namespace.Of([.. list]);
    }

    public static void Write(Utf8JsonWriter writer, Namespace @namespace)
    {
        writer.WriteStartArray();
        foreach (string level in @namespace.Levels)
        {
            writer.WriteStringValue(level);
        }

        writer.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter writer, string property, Namespace @namespace)
    {
        writer.WritePropertyName(property);
        Write(writer, @namespace);
    }
}
