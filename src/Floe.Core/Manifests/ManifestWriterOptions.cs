using Floe.Avro.Codecs;
using Floe.Core.Partitioning;

namespace Floe.Core.Manifests;

/// <summary>What a <see cref="ManifestWriter"/> writes: format version, table schema and spec, content and snapshot.</summary>
public sealed record ManifestWriterOptions
{
    /// <summary>1 or 2.</summary>
    public int FormatVersion { get; init; } = 2;

    /// <summary>The spec every file was written with.</summary>
    public required PartitionSpec Spec { get; init; }

    /// <summary>The table schema (stored in the header; gives the partition field types).</summary>
    public required Schemas.Schema Schema { get; init; }

    public ManifestContent Content { get; init; } = ManifestContent.Data;

    /// <summary>The snapshot being written: set on ADDED and DELETED entries and as the manifest's added snapshot id.</summary>
    public long? SnapshotId { get; init; }

    /// <summary>The Avro codec; Java's default (gzip) is Avro's deflate.</summary>
    public AvroCodec Codec { get; init; } = AvroCodecs.Deflate;
}
