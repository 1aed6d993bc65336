using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.Schemas;

namespace Floe.Table.Scanning;

/// <summary>
/// A read of a table's rows as batches, whatever the kind of table: a plain Iceberg table's <see cref="TableScan"/> or a
/// primary-key table's merge-on-read scan. Instances are immutable: each option returns a new scan.
/// </summary>
public interface ITableScan
{
    /// <summary>The columns the batches hold: those selected, or all.</summary>
    Schema Projection { get; }

    /// <summary>Adds a row filter (combined with earlier ones by and).</summary>
    ITableScan Where(Expression filter);

    /// <summary>Returns only these columns (dotted names reach into structs).</summary>
    ITableScan Select(params IEnumerable<string> columns);

    /// <summary>Reads the table as of snapshot <paramref name="snapshotId"/> (a primary-key table's change snapshots); NotFound when it has none of that id.</summary>
    ITableScan UseSnapshot(long snapshotId);

    /// <summary>Reads the table as of the snapshot current at a time (milliseconds since the epoch).</summary>
    ITableScan AsOfTime(long timestampMs);

    /// <summary>Plans the scan and reads its rows; the caller disposes each batch.</summary>
    IAsyncEnumerable<ColumnBatch> ReadAsync(CancellationToken cancellationToken = default);
}
