namespace Floe.Core.Metadata;

/// <summary>An entry of <c>snapshot-log</c>: when the current snapshot changed, and to which.</summary>
public sealed record SnapshotLogEntry(long TimestampMs, long SnapshotId);

/// <summary>An entry of <c>metadata-log</c>: a previous metadata file and when it was written.</summary>
public sealed record MetadataLogEntry(long TimestampMs, string MetadataFile);
