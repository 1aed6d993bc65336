using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Mixed;
using Floe.Table.RowLevel;

namespace Floe.Cli.Commands.Table;

/// <summary>The merged rows of a primary-key table that match a row predicate (pruned by its plain comparisons).</summary>
internal static class PrimaryKeyRows
{
    public static async IAsyncEnumerable<ColumnBatch> MatchingAsync(MixedTable table, RowPredicate condition, [EnumeratorCancellation] CancellationToken ct)
    {
        var matcher = new RowMatcher(table.Schema, condition);
        await foreach (ColumnBatch batch in table.NewScan().Where(PredicatePushdown.Possibly(condition)).ReadAsync(ct).ConfigureAwait(false))
        {
            using (batch)
            {
                int[] rows = matcher.MatchingRows(batch);
                if (rows.Length > 0)
                {
                    yield return ColumnGather.Take(batch, rows);
                }
            }
        }
    }
}
