namespace Floe.Parquet.Writing.Pages;

/// <summary>How a leaf vector's values become physical Parquet values.</summary>
internal enum ValueKind
{
    Boolean,
    Int32,
    Int64,
    Float,
    Double,

    /// <summary>Int128 unscaled decimal narrowed to INT32.</summary>
    DecimalInt32,

    /// <summary>Int128 unscaled decimal narrowed to INT64.</summary>
    DecimalInt64,

    /// <summary>Int128 unscaled decimal as big-endian two's complement FIXED_LEN_BYTE_ARRAY.</summary>
    DecimalFixed,

    /// <summary>String or binary as BYTE_ARRAY.</summary>
    ByteArray,

    /// <summary>Fixed binary or UUID as FIXED_LEN_BYTE_ARRAY.</summary>
    FixedBytes,
}
