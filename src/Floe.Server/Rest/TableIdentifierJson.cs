using System.Text.Json;
using Floe.Catalog;

namespace Floe.Server.Rest;

/// <summary>The <c>TableIdentifier</c> object: <c>{"namespace": ["db"], "name": "events"}</c>.</summary>
internal static class TableIdentifierJson
{
    public static TableIdentifier Read(JsonElement obj, string field, string what)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.Of(what).Wrong(field, "an object", obj);
        }

        var @namespace = NamespacePath.FromJson(JsonFields.Of($"{what} '{field}'").Required(obj, "namespace"), $"{field}.namespace", what);
        string name = JsonFields.Of($"{what} '{field}'").String(obj, "name");
        return new TableIdentifier(@namespace, name);
    }

    public static void Write(Utf8JsonWriter writer, TableIdentifier table)
    {
        writer.WriteStartObject();
        NamespacePath.Write(writer, "namespace", table.Namespace);
        writer.WriteString("name", table.Name);
        writer.WriteEndObject();
    }
}
