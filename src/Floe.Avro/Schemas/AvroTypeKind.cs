namespace Floe.Avro.Schemas;

/// <summary>The Avro type of a schema: the eight primitives and the six complex types.</summary>
public enum AvroTypeKind
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}
