using System.Globalization;
using System.Text;
using Floe.Common.Columnar;
using Floe.Parquet.Reading;

namespace Floe.Parquet.Tests.Writing;

/// <summary>Fills vectors of any column type with seeded random values and nulls, and renders values for comparison.</summary>
internal static class RandomColumns
{
    /// <summary>Every primitive type, required and optional, and the nested shapes the writer must stripe.</summary>
    public static IReadOnlyList<ColumnField> AllTypes()
    {
        ColumnType[] primitives =
        [
            ColumnType.Boolean, ColumnType.Int32, ColumnType.Int64, ColumnType.Float32, ColumnType.Float64,
            ColumnType.Decimal(9, 2), ColumnType.Decimal(18, 4), ColumnType.Decimal(38, 6), ColumnType.Decimal(25, 0),
            ColumnType.Date, ColumnType.Time, ColumnType.Timestamp(TimeUnit.Microseconds, true),
            ColumnType.Timestamp(TimeUnit.Microseconds, false), ColumnType.Timestamp(TimeUnit.Milliseconds, true),
            ColumnType.Timestamp(TimeUnit.Nanoseconds, false), ColumnType.String, ColumnType.Binary,
            ColumnType.FixedBinary(5), ColumnType.Uuid,
        ];
        var fields = new List<ColumnField>();
        int id = 1;
        foreach (ColumnType type in primitives)
        {
            string name = type.ToString().Replace('(', '_').Replace(')', '_').Replace(',', '_').Replace('[', '_').Replace(']', '_');
            fields.Add(new ColumnField("req_" + name, type, Nullable: false, FieldId: id++));
            fields.Add(new ColumnField("opt_" + name, type, FieldId: id++));
        }

        fields.Add(new ColumnField("point", ColumnType.Struct(
            new ColumnField("x", ColumnType.Int64, Nullable: false, FieldId: id++),
            new ColumnField("label", ColumnType.String, FieldId: id++)), FieldId: id++));
        fields.Add(new ColumnField("tags", ColumnType.List(new ColumnField("element", ColumnType.String, FieldId: id++)), FieldId: id++));
        fields.Add(new ColumnField("counts", ColumnType.Map(
            new ColumnField("key", ColumnType.String, Nullable: false, FieldId: id++),
            new ColumnField("value", ColumnType.Int32, FieldId: id++)), FieldId: id++));
        fields.Add(new ColumnField("items", ColumnType.List(new ColumnField("element", ColumnType.Struct(
            new ColumnField("sku", ColumnType.Int32, FieldId: id++),
            new ColumnField("price", ColumnType.Decimal(12, 2), FieldId: id++)), FieldId: id++)), Nullable: false, FieldId: id++));
        fields.Add(new ColumnField("attrs", ColumnType.Map(
            new ColumnField("key", ColumnType.Int32, Nullable: false, FieldId: id++),
            new ColumnField("value", ColumnType.Struct(
                new ColumnField("a", ColumnType.Float64, FieldId: id++),
                new ColumnField("b", ColumnType.Uuid, FieldId: id++)), FieldId: id++)), FieldId: id++));
        fields.Add(new ColumnField("matrix", ColumnType.List(new ColumnField("element", ColumnType.List(
            new ColumnField("element", ColumnType.Int32, Nullable: false, FieldId: id++)), FieldId: id++)), FieldId: id++));
        fields.Add(new ColumnField("deep", ColumnType.Struct(new ColumnField("inner", ColumnType.Struct(
            new ColumnField("flags", ColumnType.List(new ColumnField("element", ColumnType.Boolean, FieldId: id++)), FieldId: id++)), FieldId: id++)), FieldId: id++));
        return fields;
    }

    public static ColumnBatch Batch(IReadOnlyList<ColumnField> fields, int rows, Random random)
    {
        var batch = ColumnBatch.Create(fields);
        for (int row = 0; row < rows; row++)
        {
            for (int i = 0; i < fields.Count; i++)
            {
                Append(batch.Column(i), fields[i], random);
            }
        }

        return batch;
    }

    public static void Append(ColumnVector vector, ColumnField field, Random random)
    {
        if (field.Nullable && random.Next(6) == 0)
        {
            vector.AppendNull();
            return;
        }

        ColumnType type = field.Type;
        switch (vector)
        {
            case PrimitiveVector<bool> booleans:
                booleans.Append(random.Next(3) == 0);
                break;
            case PrimitiveVector<int> ints:
                ints.Append(type.Kind == ColumnKind.Date ? random.Next(-20_000, 40_000) : Small(random, random.Next(int.MinValue, int.MaxValue)));
                break;
            case PrimitiveVector<long> longs:
                longs.Append(type.Kind == ColumnKind.Time ? random.NextInt64(86_400_000_000L) : Small(random, random.NextInt64(long.MinValue, long.MaxValue)));
                break;
            case PrimitiveVector<float> floats:
                floats.Append(random.Next(40) == 0 ? float.NaN : random.Next(8) == 0 ? 0.0f : (float)(random.NextDouble() * 1000 - 500));
                break;
            case PrimitiveVector<double> doubles:
                doubles.Append(random.Next(40) == 0 ? double.NaN : random.Next(8) == 0 ? -0.0 : random.NextDouble() * 1e6 - 5e5);
                break;
            case PrimitiveVector<Int128> decimals:
                Int128 limit = Int128.Parse(new string('9', type.Precision), CultureInfo.InvariantCulture);
                Int128 value = ((Int128)random.NextInt64() * random.NextInt64()) % (limit + 1);
                decimals.Append(random.Next(5) == 0 ? random.Next(-3, 3) : value);
                break;
            case BinaryVector binary when type.Kind == ColumnKind.String:
                binary.Append(random.Next(4) == 0 ? "näme-" + random.Next(1000) : "v" + random.Next(12));
                break;
            case BinaryVector binary:
                byte[] bytes = new byte[random.Next(0, 9)];
                random.NextBytes(bytes);
                binary.Append(bytes);
                break;
            case FixedBinaryVector fixedBinary:
                byte[] fixedBytes = new byte[fixedBinary.ByteWidth];
                random.NextBytes(fixedBytes);
                if (random.Next(2) == 0)
                {
                    fixedBytes[0] = 7;
                }

                fixedBinary.Append(fixedBytes);
                break;
            case StructVector structs:
                for (int i = 0; i < type.Children.Count; i++)
                {
                    Append(structs.Child(i), type.Children[i], random);
                }

                structs.AppendStruct();
                break;
            case ListVector list:
                int elements = random.Next(4);
                for (int i = 0; i < elements; i++)
                {
                    Append(list.Elements, type.Children[0], random);
                }

                list.EndList();
                break;
            case MapVector map:
                int entries = random.Next(4);
                for (int i = 0; i < entries; i++)
                {
                    Append(map.Keys, type.Children[0], random);
                    Append(map.Values, type.Children[1], random);
                }

                map.EndMap();
                break;
            default:
                throw new InvalidOperationException($"no generator for {type}");
        }
    }

    /// <summary>A value rendered with every detail that a round trip must keep (bits of floats included).</summary>
    public static string Render(object? value) => value switch
    {
        null => "null",
        float f => BitConverter.SingleToInt32Bits(f).ToString(CultureInfo.InvariantCulture),
        double d => BitConverter.DoubleToInt64Bits(d).ToString(CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        string text => "'" + text + "'",
        object?[] fields => "{" + string.Join(",", fields.Select(Render)) + "}",
        List<object?> list => "[" + string.Join(",", list.Select(Render)) + "]",
        List<KeyValuePair<object?, object?>> map => "<" + string.Join(",", map.Select(e => Render(e.Key) + ":" + Render(e.Value))) + ">",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Every row of a Parquet file in memory, rendered by <see cref="RenderRow"/>.</summary>
    public static async Task<List<string>> ReadRowsAsync(byte[] file)
    {
        await using ParquetFileReader reader = await ParquetFileReader.OpenAsync(new MemoryStream(file), cancellationToken: TestContext.Current.CancellationToken);
        var rows = new List<string>();
        await foreach (ColumnBatch batch in reader.ReadAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                rows.AddRange(Enumerable.Range(0, batch.RowCount).Select(row => RenderRow(batch, row)));
            }
        }

        return rows;
    }

    public static string RenderRow(ColumnBatch batch, int row)
    {
        var text = new StringBuilder();
        for (int i = 0; i < batch.Columns.Count; i++)
        {
            text.Append(batch.Fields[i].Name).Append('=').Append(Render(batch.Column(i).GetValue(row))).Append(' ');
        }

        return text.ToString();
    }

    private static T Small<T>(Random random, T value)
        where T : System.Numerics.INumber<T> =>
        random.Next(3) == 0 ? T.CreateTruncating(random.Next(-5, 5)) : value;
}
