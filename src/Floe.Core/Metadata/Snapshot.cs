namespace Floe.Core.Metadata;

/// <summary>The operations a snapshot summary names.</summary>
public static class SnapshotOperations
{
    public const string Append = "append";
    public const string Replace = "replace";
    public const string Overwrite = "overwrite";
    public const string Delete = "delete";
}

/// <summary>
/// One table state: the manifest list that holds its files, its parent, sequence number, time and summary.
/// </summary>
public sealed class Snapshot
{
    private static readonly IReadOnlyDictionary<string, string> NoSummary = new Dictionary<string, string>();

    /// <summary>Unique, positive snapshot id.</summary>
    public required long SnapshotId { get; init; }

    public long? ParentSnapshotId { get; init; }

    /// <summary>Data sequence number of files added by this snapshot (0 for v1 snapshots).</summary>
    public long SequenceNumber { get; init; }

    public required long TimestampMs { get; init; }

    /// <summary>Location of the manifest list (null only for v1 snapshots that list manifests inline).</summary>
    public string? ManifestList { get; init; }

    /// <summary>v1 only: manifest paths listed inline instead of a manifest list.</summary>
    public IReadOnlyList<string>? Manifests { get; init; }

    /// <summary>The operation (append, replace, overwrite, delete); null only for v1 snapshots without a summary.</summary>
    public string? Operation { get; init; }

    /// <summary>Summary properties other than <c>operation</c>.</summary>
    public IReadOnlyDictionary<string, string> Summary { get; init; } = NoSummary;

    /// <summary>Id of the table schema when the snapshot was created.</summary>
    public int? SchemaId { get; init; }

    public override string ToString() =>
        $"snapshot {SnapshotId} (seq {SequenceNumber}, {Operation ?? "no operation"}, parent {ParentSnapshotId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})";
}
