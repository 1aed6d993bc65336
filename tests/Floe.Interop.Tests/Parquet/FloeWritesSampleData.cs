using System.Globalization;
using System.Text;
using Floe.Common.Columnar;

namespace Floe.Interop.Tests.Parquet;

/// <summary>
/// Columns of every type for the files Floe writes in the interop tests, with the text DuckDB is expected to
/// print for each value (through the SQL expression in <see cref="Column.Sql"/>).
/// </summary>
internal static class FloeWritesSampleData
{
    public sealed record Column(ColumnField Field, string Sql, string DuckDbType, Func<int, string?> Expected);

    public static IReadOnlyList<Column> Columns { get; } =
    [
        new(new ColumnField("flag", ColumnType.Boolean, FieldId: 1), "flag::varchar", "BOOLEAN", row => Null(row, 5) ? null : (row % 3 == 0 ? "true" : "false")),
        new(new ColumnField("i32", ColumnType.Int32, Nullable: false, FieldId: 2), "i32::varchar", "INTEGER", row => Inv((row % 17) - 8)),
        new(new ColumnField("i64", ColumnType.Int64, FieldId: 3), "i64::varchar", "BIGINT", row => Null(row, 7) ? null : Inv(I64(row))),
        new(new ColumnField("f32", ColumnType.Float32, FieldId: 4), "f32::double::varchar", "FLOAT", row => Null(row, 11) ? null : Inv((double)(float)F64(row))),
        new(new ColumnField("f64", ColumnType.Float64, FieldId: 5), "f64::varchar", "DOUBLE", row => Null(row, 13) ? null : Inv(F64(row))),
        new(new ColumnField("d9", ColumnType.Decimal(9, 2), FieldId: 6), "d9::varchar", "DECIMAL(9,2)", row => Null(row, 4) ? null : Dec(Dec9(row), 2)),
        new(new ColumnField("d18", ColumnType.Decimal(18, 3), FieldId: 7), "d18::varchar", "DECIMAL(18,3)", row => Null(row, 6) ? null : Dec(Dec18(row), 3)),
        new(new ColumnField("d38", ColumnType.Decimal(38, 10), FieldId: 8), "d38::varchar", "DECIMAL(38,10)", row => Null(row, 8) ? null : Dec(Dec38(row), 10)),
        new(new ColumnField("day", ColumnType.Date, FieldId: 9), "day::varchar", "DATE", row => Null(row, 9) ? null : DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + Day(row)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new(new ColumnField("tod", ColumnType.Time, FieldId: 10), "(hour(tod) * 3600000000::bigint + minute(tod) * 60000000::bigint + microsecond(tod))::varchar", "TIME", row => Null(row, 10) ? null : Inv(Micros(row))),
        new(new ColumnField("tstz", ColumnType.Timestamp(TimeUnit.Microseconds, true), FieldId: 11), "epoch_us(tstz)::varchar", "TIMESTAMP WITH TIME ZONE", row => Null(row, 12) ? null : Inv(Ts(row))),
        new(new ColumnField("ts", ColumnType.Timestamp(TimeUnit.Microseconds, false), FieldId: 12), "epoch_us(ts)::varchar", "TIMESTAMP", row => Null(row, 14) ? null : Inv(Ts(row) + 17)),
        new(new ColumnField("name", ColumnType.String, FieldId: 13), "name", "VARCHAR", row => Null(row, 3) ? null : Name(row)),
        new(new ColumnField("blob", ColumnType.Binary, FieldId: 14), "hex(blob)", "BLOB", row => Null(row, 15) ? null : Convert.ToHexString(Blob(row))),
        new(new ColumnField("fixed4", ColumnType.FixedBinary(4), FieldId: 15), "hex(fixed4)", "BLOB", row => Null(row, 16) ? null : Convert.ToHexString(Fixed(row))),
        new(new ColumnField("id", ColumnType.Uuid, FieldId: 16), "id::varchar", "UUID", row => Null(row, 18) ? null : Uuid(row).ToString()),
    ];

    public static IReadOnlyList<ColumnField> Fields { get; } = [.. Columns.Select(c => c.Field)];

    /// <summary>Builds rows <paramref name="start"/>..start+count as one batch.</summary>
    public static ColumnBatch Batch(int start, int count)
    {
        var batch = ColumnBatch.Create(Fields, count);
        for (int row = start; row < start + count; row++)
        {
            Append(batch, 0, Null(row, 5), v => ((PrimitiveVector<bool>)v).Append(row % 3 == 0));
            ((PrimitiveVector<int>)batch.Column(1)).Append((row % 17) - 8);
            Append(batch, 2, Null(row, 7), v => ((PrimitiveVector<long>)v).Append(I64(row)));
            Append(batch, 3, Null(row, 11), v => ((PrimitiveVector<float>)v).Append((float)F64(row)));
            Append(batch, 4, Null(row, 13), v => ((PrimitiveVector<double>)v).Append(F64(row)));
            Append(batch, 5, Null(row, 4), v => ((PrimitiveVector<Int128>)v).Append(Dec9(row)));
            Append(batch, 6, Null(row, 6), v => ((PrimitiveVector<Int128>)v).Append(Dec18(row)));
            Append(batch, 7, Null(row, 8), v => ((PrimitiveVector<Int128>)v).Append(Dec38(row)));
            Append(batch, 8, Null(row, 9), v => ((PrimitiveVector<int>)v).Append(Day(row)));
            Append(batch, 9, Null(row, 10), v => ((PrimitiveVector<long>)v).Append(Micros(row)));
            Append(batch, 10, Null(row, 12), v => ((PrimitiveVector<long>)v).Append(Ts(row)));
            Append(batch, 11, Null(row, 14), v => ((PrimitiveVector<long>)v).Append(Ts(row) + 17));
            Append(batch, 12, Null(row, 3), v => ((BinaryVector)v).Append(Name(row)));
            Append(batch, 13, Null(row, 15), v => ((BinaryVector)v).Append(Blob(row)));
            Append(batch, 14, Null(row, 16), v => ((FixedBinaryVector)v).Append(Fixed(row)));
            Append(batch, 15, Null(row, 18), v => ((FixedBinaryVector)v).Append(Uuid(row).ToByteArray(bigEndian: true)));
        }

        return batch;
    }

    public static bool Null(int row, int every) => row % every == every - 1;

    public static long I64(int row) => (row % 50 == 0 ? -1 : 1) * ((long)row * 1_000_003L) + (row % 2 == 0 ? long.MaxValue / 3 : 0);

    public static string Name(int row) => row % 10 == 0 ? "名前-" + (row % 7).ToString(CultureInfo.InvariantCulture) : "name-" + (row % 23).ToString(CultureInfo.InvariantCulture);

    private static double F64(int row) => row % 9 == 0 ? -0.5 * row : row * 1.25;

    private static Int128 Dec9(int row) => (row * 12_345) - 400_000;

    private static Int128 Dec18(int row) => (Int128)row * 987_654_321_987L - 5;

    private static Int128 Dec38(int row) => Int128.Parse("12345678901234567890123456", CultureInfo.InvariantCulture) * (row % 5 == 0 ? -row : row + 1);

    private static int Day(int row) => 18_000 + row;

    private static long Micros(int row) => ((row * 3_600_000_000L) + (row * 1_001_001L) + 123_457) % 86_400_000_000L;

    private static long Ts(int row) => 1_700_000_000_000_000L + (row * 61_000_001L);

    private static byte[] Blob(int row) => [.. Enumerable.Range(0, row % 6).Select(i => (byte)(row * 31 + i))];

    private static byte[] Fixed(int row) => [(byte)row, (byte)(row >> 8), 0xFF, (byte)(row % 3)];

    private static Guid Uuid(int row) => new(row, (short)row, 7, [1, 2, 3, 4, 5, 6, 7, (byte)row]);

    private static void Append(ColumnBatch batch, int column, bool isNull, Action<ColumnVector> append)
    {
        ColumnVector vector = batch.Column(column);
        if (isNull)
        {
            vector.AppendNull();
        }
        else
        {
            append(vector);
        }
    }

    private static string Inv(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Inv(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Dec(Int128 unscaled, int scale)
    {
        bool negative = unscaled < 0;
        string digits = Int128.Abs(unscaled).ToString(CultureInfo.InvariantCulture).PadLeft(scale + 1, '0');
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        text.Append(digits.AsSpan(0, digits.Length - scale)).Append('.').Append(digits.AsSpan(digits.Length - scale));
        return text.ToString();
    }
}
