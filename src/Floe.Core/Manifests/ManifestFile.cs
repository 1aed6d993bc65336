namespace Floe.Core.Manifests;

/// <summary>
/// One row of a manifest list (record <c>manifest_file</c>): where a manifest is, what it holds and how many files
/// and rows it adds, keeps and removes. Counts are null only when an old writer left them out; treat null as "some".
/// </summary>
public sealed class ManifestFile
{
    /// <summary>The manifest's location (id 500).</summary>
    public required string Path { get; init; }

    /// <summary>The manifest's length in bytes (id 501).</summary>
    public required long Length { get; init; }

    /// <summary>The partition spec every entry was written with (id 502).</summary>
    public required int PartitionSpecId { get; init; }

    /// <summary>Data or delete files (id 517; 0 in v1).</summary>
    public ManifestContent Content { get; init; }

    /// <summary>The sequence number of the snapshot that added the manifest (id 515; 0 in v1).</summary>
    public long SequenceNumber { get; init; }

    /// <summary>The smallest data sequence number of the live entries (id 516; 0 in v1).</summary>
    public long MinSequenceNumber { get; init; }

    /// <summary>The snapshot that added the manifest (id 503).</summary>
    public required long AddedSnapshotId { get; init; }

    /// <summary>Entries with status ADDED (id 504).</summary>
    public int? AddedFilesCount { get; init; }

    /// <summary>Entries with status EXISTING (id 505).</summary>
    public int? ExistingFilesCount { get; init; }

    /// <summary>Entries with status DELETED (id 506).</summary>
    public int? DeletedFilesCount { get; init; }

    /// <summary>Rows in ADDED files (id 512).</summary>
    public long? AddedRowsCount { get; init; }

    /// <summary>Rows in EXISTING files (id 513).</summary>
    public long? ExistingRowsCount { get; init; }

    /// <summary>Rows in DELETED files (id 514).</summary>
    public long? DeletedRowsCount { get; init; }

    /// <summary>One summary per partition field, in spec order (id 507).</summary>
    public IReadOnlyList<PartitionFieldSummary>? Partitions { get; init; }

    /// <summary>Key metadata for an encrypted manifest (id 519).</summary>
    public byte[]? KeyMetadata { get; init; }

    /// <summary>The first row id assigned to the manifest's added rows (id 520, format v3).</summary>
    public long? FirstRowId { get; init; }

    public bool HasAddedFiles => AddedFilesCount is null or > 0;

    public bool HasExistingFiles => ExistingFilesCount is null or > 0;

    public bool HasDeletedFiles => DeletedFilesCount is null or > 0;

    public override string ToString() =>
        $"{Path} ({Content}, spec {PartitionSpecId}, seq {SequenceNumber}, snapshot {AddedSnapshotId}, " +
        $"+{AddedFilesCount?.ToString() ?? "?"} ={ExistingFilesCount?.ToString() ?? "?"} -{DeletedFilesCount?.ToString() ?? "?"} files)";
}
