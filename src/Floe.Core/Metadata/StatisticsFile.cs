namespace Floe.Core.Metadata;

/// <summary>A Puffin statistics file for a snapshot (informational: readers may use or ignore it).</summary>
public sealed class StatisticsFile
{
    public required long SnapshotId { get; init; }

    public required string Path { get; init; }

    public required long FileSizeInBytes { get; init; }

    public required long FileFooterSizeInBytes { get; init; }

    public string? KeyMetadata { get; init; }

    public IReadOnlyList<BlobMetadata> BlobMetadata { get; init; } = [];
}

/// <summary>One blob of a Puffin statistics file.</summary>
public sealed class BlobMetadata
{
    public required string Type { get; init; }

    public required long SourceSnapshotId { get; init; }

    public required long SourceSnapshotSequenceNumber { get; init; }

    public required IReadOnlyList<int> Fields { get; init; }

    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}

/// <summary>A partition statistics file for a snapshot.</summary>
public sealed record PartitionStatisticsFile(long SnapshotId, string Path, long FileSizeInBytes);
