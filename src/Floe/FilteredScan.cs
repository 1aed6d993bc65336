using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Sql;
using Floe.Table.RowLevel;
using Floe.Table.Scanning;

namespace Floe;

/// <summary>
/// A scan with a text filter. A filter a scan can push down exactly is handed to the scan; one with arithmetic, casts or
/// column-to-column comparisons prunes files by what it possibly matches and is then checked row by row, reading the
/// columns it needs even when they are not selected (they are dropped on the way out).
/// </summary>
internal sealed class FilteredScan
{
    private readonly ITableScan _scan;
    private readonly RowMatcher? _matcher;

    private FilteredScan(ITableScan scan, Schema output, RowMatcher? matcher)
    {
        _scan = scan;
        Output = output;
        _matcher = matcher;
    }

    /// <summary>The columns returned: those selected, or all.</summary>
    public Schema Output { get; }

    public static FilteredScan Plan(ITableScan scan, Schema schema, string? filter, IReadOnlyList<string>? columns)
    {
        RowPredicate? rowLevel = null;
        if (filter is not null)
        {
            RowPredicate condition = SqlFilter.ParseCondition(filter, schema, "filter");
            Expression? exact = PredicatePushdown.Exact(condition);
            scan = scan.Where(exact ?? PredicatePushdown.Possibly(condition));
            rowLevel = exact is null ? condition : null;
        }

        if (columns is null)
        {
            return new FilteredScan(scan, scan.Projection, rowLevel is null ? null : new RowMatcher(scan.Projection, rowLevel));
        }

        Schema output = scan.Select(columns).Projection;
        if (rowLevel is null)
        {
            return new FilteredScan(scan.Select(columns), output, null);
        }

        IEnumerable<string> needed = RowMatcher.ColumnsOf(schema, rowLevel).Select(id => schema.FindColumnName(id)!);
        ITableScan wide = scan.Select(columns.Concat(needed).Distinct(StringComparer.Ordinal));
        return new FilteredScan(wide, output, new RowMatcher(wide.Projection, rowLevel));
    }

    /// <summary>The matching rows; batches may hold columns beyond <see cref="Output"/>, which the caller leaves out by field id.</summary>
    public async IAsyncEnumerable<ColumnBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (ColumnBatch batch in _scan.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_matcher is null)
            {
                yield return batch;
                continue;
            }

            ColumnBatch? taken = null;
            try
            {
                int[] rows = _matcher.MatchingRows(batch);
                taken = rows.Length == batch.RowCount ? batch : rows.Length > 0 ? ColumnGather.Take(batch, rows) : null;
            }
            finally
            {
                if (!ReferenceEquals(taken, batch))
                {
                    batch.Dispose();
                }
            }

            if (taken is not null)
            {
                yield return taken;
            }
        }
    }
}
