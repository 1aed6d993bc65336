using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Transforms;

namespace Floe.Core.Sorting;

/// <summary>
/// Sort order JSON: <c>{"order-id":1,"fields":[{"transform":"identity","source-id":2,"direction":"asc","null-order":"nulls-first"}]}</c>.
/// </summary>
public static class SortOrderJson
{
    public static string ToJson(SortOrder order, bool indented = false) => JsonOut.ToString(w => Write(w, order), indented);

    public static SortOrder Parse(string json) => JsonIn.Parse(json, "sort order", Read);

    public static void Write(Utf8JsonWriter writer, SortOrder order)
    {
        writer.WriteStartObject();
        writer.WriteNumber("order-id", order.OrderId);
        writer.WriteStartArray("fields");
        foreach (var field in order.Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("transform", field.Transform.ToString());
            writer.WriteNumber("source-id", field.SourceId);
            writer.WriteString("direction", field.Direction == SortDirection.Ascending ? "asc" : "desc");
            writer.WriteString("null-order", field.NullOrder == NullOrder.NullsFirst ? "nulls-first" : "nulls-last");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static SortOrder Read(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A sort order");
        int? orderId = null;
        List<SortField>? fields = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "order-id": orderId = JsonIn.Int(ref reader, name); break;
                case "fields": fields = ReadFields(ref reader); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        return new SortOrder(
            orderId ?? throw JsonIn.Missing("order-id", "sort order"),
            fields ?? throw JsonIn.Missing("fields", "sort order"));
    }

    private static List<SortField> ReadFields(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartArray(ref reader, "Sort order 'fields'");
        var fields = new List<SortField>();
        while (JsonIn.NextElement(ref reader))
        {
            JsonIn.ExpectStartObject(ref reader, "A sort field");
            string? transform = null, direction = null, nullOrder = null;
            int? sourceId = null;
            while (JsonIn.NextProperty(ref reader, out string name))
            {
                switch (name)
                {
                    case "transform": transform = JsonIn.String(ref reader, name); break;
                    case "source-id": sourceId = JsonIn.Int(ref reader, name); break;
                    case "direction": direction = JsonIn.String(ref reader, name); break;
                    case "null-order": nullOrder = JsonIn.String(ref reader, name); break;
                    default: JsonIn.Skip(ref reader); break;
                }
            }

            fields.Add(new SortField(
                Transform.Parse(transform ?? throw JsonIn.Missing("transform", "sort field")),
                sourceId ?? throw JsonIn.Missing("source-id", "sort field"),
                direction?.ToLowerInvariant() switch
                {
                    "asc" => SortDirection.Ascending,
                    "desc" => SortDirection.Descending,
                    null => throw JsonIn.Missing("direction", "sort field"),
                    _ => throw new FloeException(FloeErrorKind.InvalidData, $"Invalid sort direction '{direction}': expected asc or desc."),
                },
                nullOrder?.ToLowerInvariant() switch
                {
                    "nulls-first" => NullOrder.NullsFirst,
                    "nulls-last" => NullOrder.NullsLast,
                    null => throw JsonIn.Missing("null-order", "sort field"),
                    _ => throw new FloeException(FloeErrorKind.InvalidData, $"Invalid null order '{nullOrder}': expected nulls-first or nulls-last."),
                }));
        }

        return fields;
    }
}
