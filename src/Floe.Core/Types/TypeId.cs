namespace Floe.Core.Types;

/// <summary>The kind of an Iceberg type.</summary>
public enum TypeId : byte
{
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Decimal,
    Date,
    Time,
    Timestamp,
    TimestampTz,
    TimestampNs,
    TimestampTzNs,
    String,
    Uuid,
    Fixed,
    Binary,
    Struct,
    List,
    Map,
}
