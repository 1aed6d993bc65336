namespace Floe.Parquet.Thrift;

/// <summary>
/// Value types of the Thrift compact protocol, numbered as on the wire. The two boolean wire codes
/// (1 = true, 2 = false) are both reported as <see cref="Bool"/>; the value itself comes from <c>ReadBool</c>.
/// </summary>
public enum ThriftType : byte
{
    Stop = 0,
    Bool = 1,
    Byte = 3,
    I16 = 4,
    I32 = 5,
    I64 = 6,
    Double = 7,
    Binary = 8,
    List = 9,
    Set = 10,
    Map = 11,
    Struct = 12,
    Uuid = 13,
}
