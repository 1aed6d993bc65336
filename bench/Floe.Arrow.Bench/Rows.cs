using System.Buffers.Text;
using Floe.Common.Columnar;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Table.Data.Columns;

namespace Floe.Arrow.Bench;

/// <summary>The benchmark's rows: (long, double, string, timestamp, int with every tenth row null).</summary>
internal static class Rows
{
    public static Schema Schema { get; } = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Required(2, "score", PrimitiveType.Double),
        NestedField.Required(3, "name", PrimitiveType.String),
        NestedField.Required(4, "at", PrimitiveType.TimestampTz),
        NestedField.Optional(5, "qty", PrimitiveType.Int),
    ]);

    public const long StartMicros = 1_700_000_000_000_000;

    public static ColumnBatch Build(int rows)
    {
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(Schema), rows);
        Span<long> ids = ((PrimitiveVector<long>)batch.Column(0)).AppendUninitialized(rows);
        Span<double> scores = ((PrimitiveVector<double>)batch.Column(1)).AppendUninitialized(rows);
        Span<long> times = ((PrimitiveVector<long>)batch.Column(3)).AppendUninitialized(rows);
        var names = (BinaryVector)batch.Column(2);
        var quantities = (PrimitiveVector<int>)batch.Column(4);
        Span<byte> name = stackalloc byte[32];
        "name-"u8.CopyTo(name);
        for (int i = 0; i < rows; i++)
        {
            ids[i] = i;
            scores[i] = i * 0.25;
            times[i] = StartMicros + (i * 1_000L);
            Utf8Formatter.TryFormat(i, name[5..], out int written);
            names.Append(name[..(5 + written)]);
            if (i % 10 == 9)
            {
                quantities.AppendNull();
            }
            else
            {
                quantities.Append(i % 1000);
            }
        }

        return batch;
    }
}
