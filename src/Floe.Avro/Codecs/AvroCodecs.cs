using Floe.Avro.Codecs.Snappy;
using Floe.Avro.Codecs.Zstandard;

namespace Floe.Avro.Codecs;

/// <summary>The codecs Floe reads and writes, by their <c>avro.codec</c> names.</summary>
public static class AvroCodecs
{
    public static AvroCodec Null { get; } = new NullCodec();

    public static AvroCodec Deflate { get; } = new DeflateCodec();

    public static AvroCodec Snappy { get; } = new SnappyCodec();

    public static AvroCodec Zstandard { get; } = new ZstandardCodec();

    /// <summary>The codec named <paramref name="name"/> (null or empty means <c>null</c>).</summary>
    /// <exception cref="AvroException">The codec is unknown.</exception>
    public static AvroCodec Get(string? name) => name switch
    {
        null or "" or "null" => Null,
        "deflate" => Deflate,
        "snappy" => Snappy,
        "zstandard" => Zstandard,
        _ => throw new AvroException($"unknown Avro codec '{name}' (known: null, deflate, snappy, zstandard)"),
    };
}
