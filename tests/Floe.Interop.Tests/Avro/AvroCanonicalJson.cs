using System.Collections;
using System.Text.Json.Nodes;
using Floe.Avro.Generic;

namespace Floe.Interop.Tests.Avro;

/// <summary>The same plain JSON form of values that node/avro-canonical.mjs prints for avsc values.</summary>
internal static class AvroCanonicalJson
{
    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        float f => JsonValue.Create((double)f),
        double d => JsonValue.Create(d),
        string s => JsonValue.Create(s),
        byte[] bytes => JsonValue.Create("hex:" + Convert.ToHexStringLower(bytes)),
        AvroFixed fixedValue => JsonValue.Create("hex:" + Convert.ToHexStringLower(fixedValue.Value)),
        AvroEnumValue enumValue => JsonValue.Create(enumValue.Symbol),
        AvroRecord record => Record(record),
        IDictionary map => Map(map),
        IList list => new JsonArray([.. list.Cast<object?>().Select(From)]),
        _ => throw new ArgumentException($"unexpected datum {value.GetType().Name}", nameof(value)),
    };

    private static JsonObject Record(AvroRecord record)
    {
        var result = new JsonObject();
        for (int i = 0; i < record.Values.Length; i++)
        {
            result[record.Schema.Fields[i].Name] = From(record.Values[i]);
        }

        return result;
    }

    private static JsonObject Map(IDictionary map)
    {
        var result = new JsonObject();
        foreach (DictionaryEntry entry in map)
        {
            result[(string)entry.Key] = From(entry.Value);
        }

        return result;
    }
}
