using System.Text;
using Floe.Common.Columnar;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Table.Data.Columns;

namespace Floe.Table.Tests.Data;

/// <summary>A small table schema and batches of it shared by the data file tests.</summary>
internal static class TestTables
{
    public static Schema Schema { get; } = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "price", PrimitiveType.Decimal(9, 2)),
        NestedField.Optional(4, "ts", PrimitiveType.TimestampTz),
        NestedField.Optional(5, "score", PrimitiveType.Double),
        NestedField.Optional(6, "tags", ListType.OfOptional(7, PrimitiveType.String)),
        NestedField.Optional(8, "point", StructType.Of(
            NestedField.Required(9, "x", PrimitiveType.Int),
            NestedField.Optional(10, "y", PrimitiveType.Int))),
    ]);

    /// <summary>Rows <paramref name="first"/>..first+count-1: id = i, name "name-i" (null every 5th), price i*1.25, etc.</summary>
    public static ColumnBatch Batch(long first, int count, Schema? schema = null)
    {
        schema ??= Schema;
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(schema), count);
        var id = (PrimitiveVector<long>)batch.Column("id");
        var name = (BinaryVector)batch.Column("name");
        var price = (PrimitiveVector<Int128>)batch.Column("price");
        var ts = (PrimitiveVector<long>)batch.Column("ts");
        var score = (PrimitiveVector<double>)batch.Column("score");
        var tags = (ListVector)batch.Column("tags");
        var point = (StructVector)batch.Column("point");
        for (long i = first; i < first + count; i++)
        {
            id.Append(i);
            if (i % 5 == 0)
            {
                name.AppendNull();
            }
            else
            {
                name.Append(Encoding.UTF8.GetBytes($"name-{i}"));
            }

            price.Append(i * 125);
            ts.Append(1_700_000_000_000_000L + (i * 1_000_000));
            if (i % 7 == 3)
            {
                score.Append(double.NaN);
            }
            else
            {
                score.Append(i * 0.5);
            }

            var elements = (BinaryVector)tags.Elements;
            for (int t = 0; t < i % 3; t++)
            {
                elements.Append($"t{t}");
            }

            tags.EndList();
            if (i % 4 == 1)
            {
                point.AppendNull();
            }
            else
            {
                ((PrimitiveVector<int>)point.Child(0)).Append((int)i);
                ((PrimitiveVector<int>)point.Child(1)).Append((int)(-i));
                point.AppendStruct();
            }
        }

        return batch;
    }

    /// <summary>Each row of a batch as text, for comparing whole batches.</summary>
    public static List<string> Rows(ColumnBatch batch)
    {
        var rows = new List<string>(batch.RowCount);
        for (int r = 0; r < batch.RowCount; r++)
        {
            rows.Add(string.Join(" | ", batch.Columns.Select(c => Format(c.GetValue(r)))));
        }

        return rows;
    }

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "floe-table-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        System.IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };
}
