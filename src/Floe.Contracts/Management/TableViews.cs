using System.Text.Json.Serialization;

namespace Floe.Contracts.Management;

/// <summary>The answer to <c>GET /catalogs/{catalog}/namespaces</c>: every namespace, depth first, as its levels.</summary>
public sealed record NamespaceList
{
    [JsonPropertyName("namespaces")]
    public required IReadOnlyList<IReadOnlyList<string>> Namespaces { get; init; }
}

/// <summary>The answer to <c>GET .../namespaces/{namespace}/tables</c>.</summary>
public sealed record TableList
{
    [JsonPropertyName("tables")]
    public required IReadOnlyList<TableEntry> Tables { get; init; }
}

/// <summary>A table in a namespace's listing: its name, format, locations and <see cref="TableTotals"/>.</summary>
public sealed record TableEntry
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary><c>iceberg</c> or <c>mixed</c> (a primary-key table).</summary>
    [JsonPropertyName("format")]
    public required string Format { get; init; }

    [JsonPropertyName("location")]
    public required string Location { get; init; }

    [JsonPropertyName("metadata-location")]
    public required string? MetadataLocation { get; init; }

    [JsonPropertyName("format-version")]
    public required int FormatVersion { get; init; }

    [JsonPropertyName("summary")]
    public required TableTotals Summary { get; init; }
}

/// <summary>One table: what its listing entry shows, its properties and its 20 newest snapshots.</summary>
public sealed record TableDetail
{
    [JsonPropertyName("catalog")]
    public required string Catalog { get; init; }

    [JsonPropertyName("namespace")]
    public required IReadOnlyList<string> Namespace { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("format")]
    public required string Format { get; init; }

    [JsonPropertyName("location")]
    public required string Location { get; init; }

    [JsonPropertyName("metadata-location")]
    public required string? MetadataLocation { get; init; }

    [JsonPropertyName("format-version")]
    public required int FormatVersion { get; init; }

    [JsonPropertyName("summary")]
    public required TableTotals Summary { get; init; }

    /// <summary>Its properties, written in ordinal key order.</summary>
    [JsonPropertyName("properties")]
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>The newest snapshots first.</summary>
    [JsonPropertyName("snapshots")]
    public required IReadOnlyList<SnapshotEntry> Snapshots { get; init; }
}

/// <summary>A table's current snapshot and totals at a glance; a total is null when the snapshot's summary has none.</summary>
public sealed record TableTotals
{
    [JsonPropertyName("current-snapshot-id")]
    public required long? CurrentSnapshotId { get; init; }

    [JsonPropertyName("snapshot-count")]
    public required int SnapshotCount { get; init; }

    [JsonPropertyName("total-records")]
    public required long? TotalRecords { get; init; }

    [JsonPropertyName("total-data-files")]
    public required long? TotalDataFiles { get; init; }

    [JsonPropertyName("total-delete-files")]
    public required long? TotalDeleteFiles { get; init; }

    [JsonPropertyName("total-files-size-bytes")]
    public required long? TotalFilesSizeBytes { get; init; }

    /// <summary>The current snapshot's time, or the metadata's last update when there is none.</summary>
    [JsonPropertyName("last-commit-ms")]
    public required long LastCommitMs { get; init; }
}

/// <summary>A snapshot in <see cref="TableDetail.Snapshots"/>.</summary>
public sealed record SnapshotEntry
{
    [JsonPropertyName("snapshot-id")]
    public required long SnapshotId { get; init; }

    [JsonPropertyName("timestamp-ms")]
    public required long TimestampMs { get; init; }

    [JsonPropertyName("operation")]
    public required string? Operation { get; init; }
}
