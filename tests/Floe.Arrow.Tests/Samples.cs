using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Floe.Common.Columnar;
using Floe.Core.Types;
using IcebergSchema = Floe.Core.Schemas.Schema;
using ListType = Floe.Core.Types.ListType;
using MapType = Floe.Core.Types.MapType;
using StructType = Floe.Core.Types.StructType;

namespace Floe.Arrow.Tests;

/// <summary>A batch of every Iceberg type with nulls, and renderings of Floe and Arrow values that compare as text.</summary>
internal static class Samples
{
    public static IcebergSchema AllTypes { get; } = new IcebergSchema(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "flag", PrimitiveType.Boolean),
        NestedField.Optional(3, "count", PrimitiveType.Int),
        NestedField.Optional(4, "ratio", PrimitiveType.Float),
        NestedField.Optional(5, "score", PrimitiveType.Double),
        NestedField.Optional(6, "price", PrimitiveType.Decimal(10, 2)),
        NestedField.Optional(7, "day", PrimitiveType.Date),
        NestedField.Optional(8, "at_time", PrimitiveType.Time),
        NestedField.Optional(9, "local_ts", PrimitiveType.Timestamp),
        NestedField.Optional(10, "utc_ts", PrimitiveType.TimestampTz),
        NestedField.Optional(11, "local_ns", PrimitiveType.TimestampNs),
        NestedField.Optional(12, "utc_ns", PrimitiveType.TimestampTzNs),
        NestedField.Optional(13, "name", PrimitiveType.String),
        NestedField.Optional(14, "key", PrimitiveType.Uuid),
        NestedField.Optional(15, "code", PrimitiveType.Fixed(3)),
        NestedField.Optional(16, "blob", PrimitiveType.Binary),
        NestedField.Optional(17, "point", StructType.Of(
            NestedField.Required(18, "x", PrimitiveType.Int),
            NestedField.Optional(19, "label", PrimitiveType.String))),
        NestedField.Optional(20, "tags", ListType.OfOptional(21, PrimitiveType.Long)),
        NestedField.Optional(22, "attrs", MapType.OfOptional(23, PrimitiveType.String, 24, PrimitiveType.Double)),
    ]);

    /// <summary>Row r of an optional column is null when r % 5 == 3.</summary>
    public static bool IsNullRow(int row) => row % 5 == 3;

    public static ColumnBatch Build(IcebergSchema schema, int rows)
    {
        var batch = ColumnBatch.Create(Floe.Table.Data.Columns.IcebergColumns.ToColumnFields(schema), rows);
        for (int c = 0; c < schema.Columns.Count; c++)
        {
            NestedField field = schema.Columns[c];
            for (int r = 0; r < rows; r++)
            {
                if (field.IsOptional && IsNullRow(r))
                {
                    batch.Column(c).AppendNull();
                }
                else
                {
                    AppendValue(batch.Column(c), r + (field.Id * 7));
                }
            }
        }

        return batch;
    }

    /// <summary>Appends a value derived from <paramref name="seed"/> to a vector of any kind.</summary>
    public static void AppendValue(ColumnVector vector, int seed)
    {
        switch (vector)
        {
            case PrimitiveVector<bool> v: v.Append(seed % 2 == 0); break;
            case PrimitiveVector<int> v: v.Append(seed * (seed % 2 == 0 ? 1 : -1)); break;
            case PrimitiveVector<long> v: v.Append(seed * 1_000_003L); break;
            case PrimitiveVector<float> v: v.Append(seed / 4f); break;
            case PrimitiveVector<double> v: v.Append(seed / 8.0); break;
            case PrimitiveVector<Int128> v: v.Append((Int128)seed * -12_345); break;
            case BinaryVector v when v.Type.Kind == ColumnKind.String: v.Append($"s{seed}é"); break;
            case BinaryVector v: v.Append(Enumerable.Range(0, seed % 4).Select(i => (byte)(seed + i)).ToArray()); break;
            case FixedBinaryVector v: v.Append(Enumerable.Range(0, v.ByteWidth).Select(i => (byte)(seed * 3 + i)).ToArray()); break;
            case StructVector v:
                for (int i = 0; i < v.Children.Count; i++)
                {
                    if (v.Type.Children[i].Nullable && seed % 3 == 0)
                    {
                        v.Child(i).AppendNull();
                    }
                    else
                    {
                        AppendValue(v.Child(i), seed + i);
                    }
                }

                v.AppendStruct();
                break;
            case ListVector v:
                for (int i = 0; i < seed % 3; i++)
                {
                    if (i == 1)
                    {
                        v.Elements.AppendNull();
                    }
                    else
                    {
                        AppendValue(v.Elements, seed + i);
                    }
                }

                v.EndList();
                break;
            case MapVector v:
                for (int i = 0; i < seed % 3; i++)
                {
                    AppendValue(v.Keys, seed + i);
                    if (i == 1)
                    {
                        v.Values.AppendNull();
                    }
                    else
                    {
                        AppendValue(v.Values, seed + i);
                    }
                }

                v.EndMap();
                break;
            default:
                throw new ArgumentException($"no sample values for {vector.Type}");
        }
    }

    /// <summary>Every row of every column as text.</summary>
    public static List<string[]> Rows(ColumnBatch batch) =>
        [.. Enumerable.Range(0, batch.RowCount).Select(r => batch.Columns.Select(c => Render(c.GetValue(r))).ToArray())];

    /// <summary>Every row of every column of an Arrow record batch as text, in the same form as <see cref="Rows(ColumnBatch)"/>.</summary>
    public static List<string[]> Rows(RecordBatch batch) =>
        [.. Enumerable.Range(0, batch.Length).Select(r => Enumerable.Range(0, batch.ColumnCount).Select(c => RenderArrow(batch.Column(c), r)).ToArray())];

    public static string Render(object? value) => value switch
    {
        null => "null",
        string s => s,
        byte[] bytes => Convert.ToHexString(bytes),
        Guid g => Convert.ToHexString(g.ToByteArray(bigEndian: true)),
        object[] fields => "{" + string.Join(",", fields.Select(Render)) + "}",
        List<KeyValuePair<object?, object?>> entries => "[" + string.Join(",", entries.Select(e => Render(e.Key) + "=" + Render(e.Value))) + "]",
        List<object?> items => "[" + string.Join(",", items.Select(Render)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    public static string RenderArrow(IArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            return "null";
        }

        return array switch
        {
            BooleanArray a => Render(a.GetValue(row)),
            Int32Array a => Render(a.GetValue(row)),
            Int64Array a => Render(a.GetValue(row)),
            FloatArray a => Render(a.GetValue(row)),
            DoubleArray a => Render(a.GetValue(row)),
            Date32Array a => Render(a.Values[row]),
            Time64Array a => Render(a.Values[row]),
            TimestampArray a => Render(a.Values[row]),
            Decimal128Array a => Render(System.Runtime.InteropServices.MemoryMarshal.Read<Int128>(a.ValueBuffer.Span[((a.Offset + row) * 16)..])),
            StringArray a => a.GetString(row),
            FixedSizeBinaryArray a => Convert.ToHexString(a.GetBytes(row)),
            BinaryArray a => Convert.ToHexString(a.GetBytes(row)),
            StructArray a => "{" + string.Join(",", a.Fields.Select(f => RenderArrow(f, a.Offset + row))) + "}",
            MapArray a => "[" + string.Join(",", Enumerable.Range(a.ValueOffsets[row], a.GetValueLength(row))
                .Select(i => RenderArrow(a.Keys, i) + "=" + RenderArrow(a.Values, i))) + "]",
            ListArray a => "[" + string.Join(",", Enumerable.Range(a.ValueOffsets[row], a.GetValueLength(row))
                .Select(i => RenderArrow(a.Values, i))) + "]",
            _ => throw new ArgumentException($"no rendering of {array.Data.DataType.Name}"),
        };
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static ArrowBuffer Buffer<T>(params T[] values)
        where T : struct => new ArrowBuffer.Builder<T>().AppendRange(values).Build();
}
