namespace Floe.Common.Columnar;

/// <summary>The logical kind of a column; it fixes which vector class holds the values and how.</summary>
public enum ColumnKind
{
    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="bool"/>.</summary>
    Boolean,

    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="int"/> (also 8- and 16-bit integers read from files).</summary>
    Int32,

    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="long"/>.</summary>
    Int64,

    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="float"/>.</summary>
    Float32,

    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="double"/>.</summary>
    Float64,

    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="Int128"/> unscaled values with the type's precision and scale.</summary>
    Decimal,

    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="int"/> days since 1970-01-01.</summary>
    Date,

    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="long"/> microseconds since midnight.</summary>
    Time,

    /// <summary><see cref="PrimitiveVector{T}"/> of <see cref="long"/> in the type's <see cref="TimeUnit"/> since the epoch.</summary>
    Timestamp,

    /// <summary><see cref="BinaryVector"/> of UTF-8 text.</summary>
    String,

    /// <summary><see cref="BinaryVector"/> of bytes.</summary>
    Binary,

    /// <summary><see cref="FixedBinaryVector"/> of a fixed width.</summary>
    FixedBinary,

    /// <summary><see cref="FixedBinaryVector"/> of 16 big-endian bytes.</summary>
    Uuid,

    /// <summary><see cref="StructVector"/>.</summary>
    Struct,

    /// <summary><see cref="ListVector"/>.</summary>
    List,

    /// <summary><see cref="MapVector"/>.</summary>
    Map,
}
