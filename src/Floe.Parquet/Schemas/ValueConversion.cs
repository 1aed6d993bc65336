namespace Floe.Parquet.Schemas;

/// <summary>How a leaf's physical values become the values of its <see cref="Common.Columnar.ColumnType"/>.</summary>
public enum ValueConversion
{
    /// <summary>Stored as is (same width and meaning).</summary>
    None,

    /// <summary>INT32 unsigned (UINT32) widened to a 64-bit value.</summary>
    UInt32ToInt64,

    /// <summary>INT32 TIME(MILLIS) scaled to microseconds.</summary>
    TimeMillisToMicros,

    /// <summary>INT64 TIME(NANOS) truncated to microseconds.</summary>
    TimeNanosToMicros,

    /// <summary>INT96 (nanoseconds of day + Julian day) to nanoseconds since the epoch.</summary>
    Int96ToNanos,

    /// <summary>INT32 or INT64 unscaled decimal widened to 128 bits.</summary>
    IntegerToDecimal,

    /// <summary>Big-endian two's complement bytes (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY) to a 128-bit unscaled decimal.</summary>
    BytesToDecimal,
}
