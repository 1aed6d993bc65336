using Floe.Common.Columnar;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Tests;

/// <summary>The (id, name, value) rows the front door tests write and read back.</summary>
internal static class TestRows
{
    /// <summary>id long required (the key of primary-key tables), name string, value int.</summary>
    public static Schema Schema { get; } = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "value", PrimitiveType.Int),
    ]);

    private static readonly IReadOnlyList<ColumnField> Fields =
    [
        new("id", ColumnType.Int64, Nullable: false, FieldId: 1),
        new("name", ColumnType.String, FieldId: 2),
        new("value", ColumnType.Int32, FieldId: 3),
    ];

    public static ColumnBatch Of(params (long Id, string Name, int Value)[] rows)
    {
        var batch = ColumnBatch.Create(Fields, rows.Length);
        foreach ((long id, string name, int value) in rows)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(id);
            ((BinaryVector)batch.Column(1)).Append(name);
            ((PrimitiveVector<int>)batch.Column(2)).Append(value);
        }

        return batch;
    }

    /// <summary>Every row a scan returns, each as its columns' values joined by '|', sorted.</summary>
    public static async Task<List<string>> ReadAsync(IAsyncEnumerable<ColumnBatch> batches)
    {
        var rows = new List<string>();
        await foreach (ColumnBatch batch in batches)
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    rows.Add(string.Join('|', Enumerable.Range(0, batch.Columns.Count).Select(c => batch.Column(c).GetValue(row)?.ToString() ?? "null")));
                }
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    /// <summary>The Parquet files under a folder (a table's data files).</summary>
    public static string[] DataFiles(string folder) =>
        Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories)] : [];
}
