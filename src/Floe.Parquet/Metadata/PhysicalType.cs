namespace Floe.Parquet.Metadata;

/// <summary>The physical storage type of a column (Thrift <c>Type</c>).</summary>
public enum PhysicalType
{
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,

    /// <summary>Deprecated 12-byte timestamps (nanoseconds of day, then Julian day).</summary>
    Int96 = 3,
    Float = 4,
    Double = 5,
    ByteArray = 6,
    FixedLenByteArray = 7,
}
