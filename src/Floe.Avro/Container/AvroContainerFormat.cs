namespace Floe.Avro.Container;

/// <summary>Constants of Avro's object container file format.</summary>
public static class AvroContainerFormat
{
    /// <summary>The size of the sync marker that ends the header and every block.</summary>
    public const int SyncSize = 16;

    /// <summary>The metadata key holding the writer's schema JSON.</summary>
    public const string SchemaKey = "avro.schema";

    /// <summary>The metadata key holding the codec name.</summary>
    public const string CodecKey = "avro.codec";

    /// <summary>The four bytes every container file starts with: <c>Obj</c> and version 1.</summary>
    public static ReadOnlySpan<byte> Magic => "Obj\u0001"u8;
}
