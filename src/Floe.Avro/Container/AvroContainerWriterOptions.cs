using Floe.Avro.Codecs;

namespace Floe.Avro.Container;

/// <summary>Settings of an <see cref="AvroContainerWriter"/>.</summary>
public sealed record AvroContainerWriterOptions
{
    /// <summary>The block codec (default: null, no compression).</summary>
    public AvroCodec Codec { get; init; } = AvroCodecs.Null;

    /// <summary>A block is written once its uncompressed records reach this many bytes (default 64 000, as Avro's Java library).</summary>
    public int BlockSize { get; init; } = 64_000;

    /// <summary>User metadata written in the header after <c>avro.schema</c> and <c>avro.codec</c>, in this order.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Metadata { get; init; } = [];

    /// <summary>The 16-byte sync marker; random when null.</summary>
    public byte[]? SyncMarker { get; init; }

    /// <summary>Leave the stream open when the writer is disposed.</summary>
    public bool LeaveOpen { get; init; }
}
