using System.Globalization;
using System.Text.Json.Nodes;
using Floe.Common.Columnar;

namespace Floe.TestKit;

/// <summary>
/// Compares batches read by Floe with the expected values printed by <c>duckdb-write-parquet.mjs</c>: every Floe
/// value is rendered in the same exact text form DuckDB used (integers and temporal ticks as strings, decimals as
/// DuckDB decimal text, binary as hex, nested values as to_json).
/// </summary>
public static class DuckDbExpectations
{
    public sealed record Expected(IReadOnlyList<string> Columns, IReadOnlyList<JsonArray> Rows, JsonArray Files);

    public static Expected Parse(string json)
    {
        JsonNode root = JsonNode.Parse(json)!;
        return new Expected(
            [.. root["columns"]!.AsArray().Select(c => c!.GetValue<string>())],
            [.. root["rows"]!.AsArray().Select(r => r!.AsArray())],
            root["files"]!.AsArray());
    }

    /// <summary>Checks every value of <paramref name="batch"/> (whose rows start at <paramref name="firstRow"/> of the expected rows).</summary>
    public static void AssertBatch(Expected expected, ColumnBatch batch, int firstRow, string file)
    {
        for (int c = 0; c < batch.Fields.Count; c++)
        {
            string name = batch.Fields[c].Name;
            int expectedColumn = expected.Columns.ToList().IndexOf(name);
            Assert.True(expectedColumn >= 0, $"unexpected column {name}");
            ColumnVector vector = batch.Column(c);
            for (int r = 0; r < batch.RowCount; r++)
            {
                JsonNode? want = expected.Rows[firstRow + r][expectedColumn];
                JsonNode? got = Render(vector, r, name);
                if (!Same(want, got, vector.Type.IsNested))
                {
                    Assert.Fail($"{file}: row {firstRow + r}, column {name}: expected {want?.ToJsonString() ?? "null"} but read {got?.ToJsonString() ?? "null"}");
                }
            }
        }
    }

    private static bool Same(JsonNode? want, JsonNode? got, bool nested)
    {
        if (want is null || got is null)
        {
            return want is null && got is null;
        }

        if (nested)
        {
            return JsonNode.DeepEquals(JsonNode.Parse(want.GetValue<string>()), got);
        }

        if (want.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return want.GetValue<double>() == got.GetValue<double>();
        }

        return JsonNode.DeepEquals(want, got);
    }

    public static JsonNode? Render(ColumnVector vector, int row, string name)
    {
        if (vector.IsNull(row))
        {
            return null;
        }

        ColumnType type = vector.Type;
        return type.Kind switch
        {
            ColumnKind.Boolean => JsonValue.Create(((PrimitiveVector<bool>)vector)[row]),
            ColumnKind.Int32 or ColumnKind.Date => ((PrimitiveVector<int>)vector)[row].ToString(CultureInfo.InvariantCulture),
            ColumnKind.Int64 when name == "u64" => ((ulong)((PrimitiveVector<long>)vector)[row]).ToString(CultureInfo.InvariantCulture),
            ColumnKind.Int64 or ColumnKind.Time or ColumnKind.Timestamp => ((PrimitiveVector<long>)vector)[row].ToString(CultureInfo.InvariantCulture),
            ColumnKind.Float32 => JsonValue.Create((double)((PrimitiveVector<float>)vector)[row]),
            ColumnKind.Float64 => JsonValue.Create(((PrimitiveVector<double>)vector)[row]),
            ColumnKind.Decimal => FormatDecimal(((PrimitiveVector<Int128>)vector)[row], type.Scale),
            ColumnKind.String => ((BinaryVector)vector).GetString(row),
            ColumnKind.Binary => Convert.ToHexString(((BinaryVector)vector).GetBytes(row)),
            ColumnKind.Uuid => new Guid(((FixedBinaryVector)vector).GetBytes(row), bigEndian: true).ToString("D"),
            ColumnKind.FixedBinary => Convert.ToHexString(((FixedBinaryVector)vector).GetBytes(row)),
            _ => ToJson(vector, row),
        };
    }

    /// <summary>Renders an unscaled decimal like DuckDB: all scale digits, a leading zero, a minus sign when negative.</summary>
    public static string FormatDecimal(Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        string digits = (negative ? -unscaled : unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            digits = digits.PadLeft(scale + 1, '0');
            digits = digits[..^scale] + "." + digits[^scale..];
        }

        return negative ? "-" + digits : digits;
    }

    /// <summary>Nested values as DuckDB's to_json renders them (leaf integers as numbers, strings as strings).</summary>
    private static JsonNode? ToJson(ColumnVector vector, int row)
    {
        if (vector.IsNull(row))
        {
            return null;
        }

        switch (vector)
        {
            case StructVector s:
                var obj = new JsonObject();
                for (int i = 0; i < s.Children.Count; i++)
                {
                    obj[s.Type.Children[i].Name] = ToJson(s.Child(i), row);
                }

                return obj;
            case ListVector l:
                var array = new JsonArray();
                for (int i = l.Offsets[row]; i < l.Offsets[row + 1]; i++)
                {
                    array.Add(ToJson(l.Elements, i));
                }

                return array;
            case MapVector m:
                var map = new JsonObject();
                for (int i = m.Offsets[row]; i < m.Offsets[row + 1]; i++)
                {
                    map[((BinaryVector)m.Keys).GetString(i)] = ToJson(m.Values, i);
                }

                return map;
            case PrimitiveVector<int> ints:
                return JsonValue.Create(ints[row]);
            case PrimitiveVector<long> longs:
                return JsonValue.Create(longs[row]);
            case BinaryVector strings:
                return JsonValue.Create(strings.GetString(row));
            default:
                throw new InvalidOperationException($"no JSON rendering for {vector.Type}");
        }
    }
}
