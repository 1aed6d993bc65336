using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Table.Scanning.Execution;

namespace Floe.Table.Scanning;

/// <summary>
/// A bound row filter evaluated on whole batches read in one schema, as <see cref="FileScanTaskReader"/> filters rows,
/// for callers that filter batches they hold (such as rows kept in memory between queries).
/// </summary>
public sealed class BatchRowFilter
{
    private readonly BatchFilter? _filter;

    /// <param name="boundFilter">The filter, bound to the schema the batches were read from.</param>
    /// <param name="readSchema">The schema of the batches; it holds every field the filter reads.</param>
    public BatchRowFilter(Expression boundFilter, Schema readSchema)
    {
        ArgumentNullException.ThrowIfNull(boundFilter);
        ArgumentNullException.ThrowIfNull(readSchema);
        _filter = boundFilter is TrueExpression ? null : new BatchFilter(boundFilter, readSchema);
    }

    /// <summary>Clears the entries of <paramref name="mask"/> (one per row of <paramref name="batch"/>) whose rows fail the filter.</summary>
    public void Apply(ColumnBatch batch, Span<bool> mask)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _filter?.Apply(batch, mask);
    }
}
