using System.Text;
using Floe.Avro.Codecs;
using Floe.Avro.Schemas;

namespace Floe.Avro.Container;

/// <summary>The header of a container file: writer schema, codec, metadata and sync marker.</summary>
public sealed class AvroContainerHeader
{
    internal AvroContainerHeader(AvroSchema schema, string schemaJson, AvroCodec codec, IReadOnlyDictionary<string, byte[]> metadata, byte[] sync, int length)
    {
        Schema = schema;
        SchemaJson = schemaJson;
        Codec = codec;
        Metadata = metadata;
        SyncMarker = sync;
        Length = length;
    }

    /// <summary>The writer's schema.</summary>
    public AvroSchema Schema { get; }

    /// <summary>The writer's schema exactly as stored in <c>avro.schema</c>.</summary>
    public string SchemaJson { get; }

    public AvroCodec Codec { get; }

    /// <summary>Every metadata entry, including <c>avro.schema</c> and <c>avro.codec</c>, in file order.</summary>
    public IReadOnlyDictionary<string, byte[]> Metadata { get; }

    public ReadOnlyMemory<byte> SyncMarker { get; }

    /// <summary>The header's size in bytes (the offset of the first block).</summary>
    public int Length { get; }

    /// <summary>The metadata value of <paramref name="key"/> as UTF-8 text, or null.</summary>
    public string? GetMetadataString(string key) => Metadata.TryGetValue(key, out byte[]? value) ? Encoding.UTF8.GetString(value) : null;
}
