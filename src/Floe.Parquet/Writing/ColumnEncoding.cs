namespace Floe.Parquet.Writing;

/// <summary>How a column's values are encoded when the default (dictionary, falling back to PLAIN) is not wanted.</summary>
public enum ColumnEncoding
{
    /// <summary>Dictionary encoding while it pays off, PLAIN after the dictionary grows too large.</summary>
    Default,

    /// <summary>PLAIN only, no dictionary.</summary>
    Plain,

    /// <summary>DELTA_BINARY_PACKED: INT32 and INT64 columns.</summary>
    DeltaBinaryPacked,

    /// <summary>DELTA_LENGTH_BYTE_ARRAY: BYTE_ARRAY columns.</summary>
    DeltaLengthByteArray,

    /// <summary>DELTA_BYTE_ARRAY (incremental prefixes): BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY columns.</summary>
    DeltaByteArray,

    /// <summary>BYTE_STREAM_SPLIT: FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY columns.</summary>
    ByteStreamSplit,
}
