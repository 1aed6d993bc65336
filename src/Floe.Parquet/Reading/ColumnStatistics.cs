using Floe.Parquet.Schemas;

namespace Floe.Parquet.Reading;

/// <summary>
/// A column chunk's statistics decoded to columnar values: <see cref="Min"/> and <see cref="Max"/> hold the
/// same CLR types as the column's vector values (int for INT32 and DATE, long for INT64, TIME and TIMESTAMP,
/// Int128 unscaled decimals, float, double, bool, string, byte[] for binary and fixed, Guid for UUID), or null
/// when the file has no usable bounds (absent, INT96, NaN bounds, unsigned 64-bit values past long.MaxValue).
/// </summary>
public sealed record ColumnStatistics(
    ColumnDescriptor Column,
    object? Min,
    object? Max,
    long? NullCount,
    long? DistinctCount,
    long ValueCount)
{
    /// <summary>True when both bounds are known.</summary>
    public bool HasMinMax => Min is not null && Max is not null;
}
