namespace Floe.Core.Manifests;

/// <summary>
/// One row of a manifest (record <c>manifest_entry</c>): a file and its status in the snapshot that wrote the manifest.
/// Readers fill in inherited values, so after reading <see cref="SnapshotId"/> and the sequence numbers are set for
/// every entry of a v2 manifest; writers leave them null on new entries so the manifest list supplies them.
/// </summary>
public sealed class ManifestEntry
{
    public required EntryStatus Status { get; init; }

    /// <summary>The snapshot that added (or, for DELETED entries, removed) the file (id 1).</summary>
    public long? SnapshotId { get; init; }

    /// <summary>The data sequence number used to decide which deletes apply (the <c>sequence_number</c> field, id 3).</summary>
    public long? DataSequenceNumber { get; init; }

    /// <summary>The sequence number of the snapshot that added the file (id 4).</summary>
    public long? FileSequenceNumber { get; init; }

    /// <summary>The file (id 2).</summary>
    public required ContentFile File { get; init; }

    /// <summary>Whether the file is part of the snapshot's table state (ADDED or EXISTING).</summary>
    public bool IsLive => Status != EntryStatus.Deleted;

    /// <summary>A new file: sequence numbers left null so they are inherited from the manifest list.</summary>
    public static ManifestEntry Added(ContentFile file, long? snapshotId = null, long? dataSequenceNumber = null) =>
        new() { Status = EntryStatus.Added, SnapshotId = snapshotId, DataSequenceNumber = dataSequenceNumber, File = file };

    /// <summary>A file carried into a new manifest; all ids are explicit, as the spec requires.</summary>
    public static ManifestEntry Existing(ContentFile file, long snapshotId, long dataSequenceNumber, long? fileSequenceNumber) =>
        new() { Status = EntryStatus.Existing, SnapshotId = snapshotId, DataSequenceNumber = dataSequenceNumber, FileSequenceNumber = fileSequenceNumber, File = file };

    /// <summary>A file removed by <paramref name="snapshotId"/>, keeping its original sequence numbers.</summary>
    public static ManifestEntry Deleted(ContentFile file, long snapshotId, long dataSequenceNumber, long? fileSequenceNumber) =>
        new() { Status = EntryStatus.Deleted, SnapshotId = snapshotId, DataSequenceNumber = dataSequenceNumber, FileSequenceNumber = fileSequenceNumber, File = file };

    public override string ToString() => $"{Status} snapshot={SnapshotId} seq={DataSequenceNumber} file-seq={FileSequenceNumber} {File}";
}
