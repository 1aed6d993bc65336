using Floe.Common.Columnar;
using Floe.Parquet.Metadata;

namespace Floe.Parquet.Writing;

/// <summary>
/// Metrics of one leaf column over a whole written file, in the form Iceberg manifests need. Bounds are the exact
/// file-wide minimum and maximum in Parquet PLAIN encoding of <see cref="PhysicalType"/> (INT32/INT64/FLOAT/DOUBLE
/// little-endian, one byte for BOOLEAN, the raw bytes for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY), to be converted with
/// <see cref="Type"/>.
/// </summary>
public sealed record ParquetColumnMetrics
{
    /// <summary>Path of the leaf in the Parquet schema.</summary>
    public required IReadOnlyList<string> Path { get; init; }

    /// <summary>The leaf field's Iceberg field id, when it has one.</summary>
    public int? FieldId { get; init; }

    /// <summary>The leaf's column type.</summary>
    public required ColumnType Type { get; init; }

    public required PhysicalType PhysicalType { get; init; }

    /// <summary>True when the leaf sits inside a list or map (Iceberg keeps no bounds for such columns).</summary>
    public bool IsRepeated { get; init; }

    /// <summary>Bytes of the column's chunks in the file, compressed, page headers included (Iceberg column_sizes).</summary>
    public long CompressedSize { get; init; }

    /// <summary>Values including nulls (Iceberg value_counts).</summary>
    public long ValueCount { get; init; }

    /// <summary>Null entries (Iceberg null_value_counts).</summary>
    public long NullCount { get; init; }

    /// <summary>NaN values of FLOAT and DOUBLE columns; null for other types (Iceberg nan_value_counts).</summary>
    public long? NanCount { get; init; }

    /// <summary>PLAIN-encoded minimum of the non-null, non-NaN values; null when there are none.</summary>
    public byte[]? LowerBound { get; init; }

    /// <summary>PLAIN-encoded maximum of the non-null, non-NaN values; null when there are none.</summary>
    public byte[]? UpperBound { get; init; }
}
