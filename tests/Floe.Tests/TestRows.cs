using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Arrow;
using ArrowSchema = Apache.Arrow.Schema;

namespace Floe.Tests;

/// <summary>The (id, name, value, ts) rows the front door tests write and read back as Arrow record batches.</summary>
internal static class TestRows
{
    /// <summary>The time of row 0; row <c>id</c> is <c>id</c> minutes later.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>id int64 not null (the key of primary-key tables), name string, value int32, ts timestamp[us, UTC].</summary>
    public static ArrowSchema Schema { get; } = new ArrowSchema.Builder()
        .Field(new Field("id", Int64Type.Default, nullable: false))
        .Field(new Field("name", StringType.Default, nullable: true))
        .Field(new Field("value", Int32Type.Default, nullable: true))
        .Field(new Field("ts", new TimestampType(TimeUnit.Microsecond, "UTC"), nullable: true))
        .Build();

    /// <summary><see cref="Schema"/> as the Iceberg schema the catalogs take directly.</summary>
    public static Core.Schemas.Schema IcebergSchema { get; } = ArrowSchemas.ToIcebergSchema(Schema);

    /// <summary>A record batch of the rows; a null value or name is a null, ts is <see cref="Start"/> plus id minutes.</summary>
    public static RecordBatch Of(params (long Id, string? Name, int? Value)[] rows)
    {
        var ids = new Int64Array.Builder();
        var names = new StringArray.Builder();
        var values = new Int32Array.Builder();
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC"));
        foreach ((long id, string? name, int? value) in rows)
        {
            ids.Append(id);
            if (name is null)
            {
                names.AppendNull();
            }
            else
            {
                names.Append(name);
            }

            values.Append(value);
            times.Append(Start.AddMinutes(id));
        }

        return new RecordBatch(Schema, [ids.Build(), names.Build(), values.Build(), times.Build()], rows.Length);
    }

    /// <summary>Every row of the batches (disposed here), each as its columns' values joined by '|', sorted; ts prints as HH:mm.</summary>
    public static async Task<List<string>> ReadAsync(IAsyncEnumerable<RecordBatch> batches)
    {
        var rows = new List<string>();
        await foreach (RecordBatch batch in batches)
        {
            using (batch)
            {
                rows.AddRange(Rows(batch));
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The rows of one batch as <see cref="ReadAsync"/> prints them, in batch order.</summary>
    public static IEnumerable<string> Rows(RecordBatch batch) =>
        Enumerable.Range(0, batch.Length).Select(row => string.Join('|', batch.Arrays.Select(array => Text(array, row))));

    private static string Text(IArrowArray array, int row) => array.IsNull(row) ? "null" : array switch
    {
        Int64Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
        Int32Array a => a.GetValue(row)!.Value.ToString(CultureInfo.InvariantCulture),
        StringArray a => a.GetString(row),
        TimestampArray a => a.GetTimestamp(row)!.Value.ToString("HH:mm", CultureInfo.InvariantCulture),
        _ => throw new NotSupportedException($"No text for {array.Data.DataType.Name}."),
    };

    /// <summary>The Parquet files under a folder (a table's data files).</summary>
    public static string[] DataFiles(string folder) =>
        Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories)] : [];
}
