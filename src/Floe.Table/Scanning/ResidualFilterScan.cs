using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Table.RowLevel;

namespace Floe.Table.Scanning;

/// <summary>
/// A scan whose row condition is partly beyond what the scan below can push down (arithmetic, casts, columns compared
/// with each other): the scan below prunes files by what the condition possibly matches, and the condition itself is
/// then evaluated on each batch by <see cref="RowMatcher"/>. The columns it reads are read even when not selected, and
/// dropped before the batch is returned.
/// </summary>
internal sealed class ResidualFilterScan : ITableScan
{
    private readonly ITableScan _inner;
    private readonly RowPredicate _residual;
    private readonly IReadOnlyList<string>? _columns;
    private readonly ITableScan _read;
    private readonly RowMatcher _matcher;
    private readonly int[]? _kept; // positions of the returned columns among those read; null when all are

    public ResidualFilterScan(ITableScan inner, RowPredicate residual, IReadOnlyList<string>? columns)
    {
        _inner = inner;
        _residual = residual;
        _columns = columns;
        if (columns is null)
        {
            _read = inner;
            Projection = inner.Projection;
        }
        else
        {
            Schema all = inner.Projection;
            IEnumerable<string> needed = RowMatcher.ColumnsOf(all, residual).Select(id => all.FindColumnName(id)!);
            _read = inner.Select(columns.Concat(needed).Distinct(StringComparer.Ordinal));
            var selected = inner.Select(columns).Projection.Columns.Select(c => c.Id).ToHashSet();

            // A selected struct keeps the fields the condition reads inside it: columns are dropped whole, never narrowed.
            Projection = new Schema(_read.Projection.Columns.Where(c => selected.Contains(c.Id)));
            _kept = _read.Projection.Columns.Count == Projection.Columns.Count
                ? null
                : [.. Enumerable.Range(0, _read.Projection.Columns.Count).Where(i => selected.Contains(_read.Projection.Columns[i].Id))];
        }

        _matcher = new RowMatcher(_read.Projection, residual);
    }

    public Schema Projection { get; }

    /// <summary>The same scan with another condition: pushed down when exact, else evaluated with this one.</summary>
    public ITableScan Where(RowPredicate condition) =>
        PredicatePushdown.Exact(condition) is { } exact
            ? Where(exact)
            : new ResidualFilterScan(_inner.Where(PredicatePushdown.Possibly(condition)), RowPredicate.And(_residual, condition), _columns);

    public ITableScan Where(Expression filter) => new ResidualFilterScan(_inner.Where(filter), _residual, _columns);

    public ITableScan Select(params IEnumerable<string> columns) => new ResidualFilterScan(_inner, _residual, [.. columns]);

    public ITableScan UseSnapshot(long snapshotId) => new ResidualFilterScan(_inner.UseSnapshot(snapshotId), _residual, _columns);

    public ITableScan AsOfTime(long timestampMs) => new ResidualFilterScan(_inner.AsOfTime(timestampMs), _residual, _columns);

    public async IAsyncEnumerable<ColumnBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (ColumnBatch batch in _read.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ColumnBatch? matched = null;
            try
            {
                int[] rows = _matcher.MatchingRows(batch);
                if (rows.Length > 0)
                {
                    ColumnBatch kept = Keep(batch);
                    matched = rows.Length == kept.RowCount ? kept : Take(kept, rows);
                }
                else
                {
                    batch.Dispose();
                }
            }
            catch
            {
                batch.Dispose();
                throw;
            }

            if (matched is not null)
            {
                yield return matched;
            }
        }
    }

    /// <summary>The batch without the columns only the condition needed (disposed here); the batch itself when none.</summary>
    private ColumnBatch Keep(ColumnBatch batch)
    {
        if (_kept is null)
        {
            return batch;
        }

        var kept = new ColumnBatch([.. _kept.Select(i => batch.Fields[i])], [.. _kept.Select(batch.Column)]);
        for (int i = 0; i < batch.Columns.Count; i++)
        {
            if (Array.IndexOf(_kept, i) < 0)
            {
                batch.Column(i).Dispose();
            }
        }

        return kept;
    }

    private static ColumnBatch Take(ColumnBatch batch, int[] rows)
    {
        using (batch)
        {
            return ColumnGather.Take(batch, rows);
        }
    }
}
