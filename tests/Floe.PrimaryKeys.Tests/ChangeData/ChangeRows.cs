using Floe.Common.Columnar;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Tests.ChangeData;

/// <summary>One change row as the tests compare it.</summary>
internal readonly record struct ChangeRow(ChangeAction Action, long Id, string? Name, int? Value, long Transaction, long Offset)
{
    public string Short => $"{Action.Code()}:{Id}:{Name ?? "null"}:{Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}";
}

internal static class ChangeRows
{
    /// <summary>Reads a change scan into rows (id, name, value columns; missing columns read as null).</summary>
    public static async Task<List<ChangeRow>> ReadAsync(ChangeDataScan scan)
    {
        var rows = new List<ChangeRow>();
        await foreach (ChangeBatch batch in scan.ReadAsync(TestContext.Current.CancellationToken))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    rows.Add(new ChangeRow(
                        batch.Actions[row],
                        (long)batch.Rows.Column("id").GetValue(row)!,
                        Has(batch.Rows, "name") ? (string?)batch.Rows.Column("name").GetValue(row) : null,
                        Has(batch.Rows, "value") ? (int?)batch.Rows.Column("value").GetValue(row) : null,
                        batch.TransactionIds[row],
                        batch.Offsets[row]));
                }
            }
        }

        return rows;
    }

    /// <summary>Applies ordered changes to a state by key.</summary>
    public static void Replay(Dictionary<long, (string? Name, int? Value)> state, IEnumerable<ChangeRow> changes)
    {
        foreach (ChangeRow change in changes)
        {
            if (change.Action.KeepsRow())
            {
                state[change.Id] = (change.Name, change.Value);
            }
            else
            {
                state.Remove(change.Id);
            }
        }
    }

    private static bool Has(ColumnBatch batch, string name) => batch.Fields.Any(f => f.Name == name);
}
