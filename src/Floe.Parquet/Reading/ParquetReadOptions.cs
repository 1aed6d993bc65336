namespace Floe.Parquet.Reading;

/// <summary>
/// What to read: a projection of top-level columns (by name or by field id; all columns when neither is set) and
/// an optional row-group filter that skips row groups whose statistics rule them out.
/// </summary>
public sealed class ParquetReadOptions
{
    /// <summary>Top-level column names to read, in the order the batch should hold them.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Top-level field ids to read, in the order the batch should hold them (Iceberg projection).</summary>
    public IReadOnlyList<int>? FieldIds { get; init; }

    /// <summary>
    /// Called once per row group before it is read; returning false skips it. Build one with
    /// <see cref="RowGroupFilters"/> or inspect <see cref="RowGroupInfo.GetStatistics(string)"/> directly. A filter
    /// must only return false when no row of the group can match (statistics are bounds, not exact values).
    /// </summary>
    public Func<RowGroupInfo, bool>? RowGroupFilter { get; init; }

    /// <summary>
    /// Whether pages whose header carries a CRC-32 are checked against it before they are decoded (default true); a
    /// mismatch fails the read naming the column, row group and page. Pages without a CRC are read unchecked.
    /// </summary>
    public bool VerifyPageChecksums { get; init; } = true;

    /// <summary>How many columns of a row group are read and decoded at once (default: the processor count).</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
