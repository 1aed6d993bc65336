using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;

namespace Floe.Core.Metadata;

/// <summary>JSON of snapshots, refs, log entries and statistics files, in the field order Java writes.</summary>
public static class SnapshotJson
{
    public static string ToJson(Snapshot snapshot) => JsonOut.ToString(w => Write(w, snapshot), indented: false);

    /// <summary>Parses one snapshot object (as sent in a REST add-snapshot update).</summary>
    public static Snapshot Parse(string json) => JsonIn.Parse(json, "snapshot", ReadSnapshot);

    public static void Write(Utf8JsonWriter writer, Snapshot snapshot)
    {
        writer.WriteStartObject();
        if (snapshot.SequenceNumber > 0)
        {
            writer.WriteNumber("sequence-number", snapshot.SequenceNumber);
        }

        writer.WriteNumber("snapshot-id", snapshot.SnapshotId);
        if (snapshot.ParentSnapshotId is long parent)
        {
            writer.WriteNumber("parent-snapshot-id", parent);
        }

        writer.WriteNumber("timestamp-ms", snapshot.TimestampMs);
        if (snapshot.Operation is not null)
        {
            writer.WriteStartObject("summary");
            writer.WriteString("operation", snapshot.Operation);
            foreach (var (key, value) in snapshot.Summary)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        if (snapshot.ManifestList is not null)
        {
            writer.WriteString("manifest-list", snapshot.ManifestList);
        }
        else if (snapshot.Manifests is not null)
        {
            writer.WriteStartArray("manifests");
            foreach (string manifest in snapshot.Manifests)
            {
                writer.WriteStringValue(manifest);
            }

            writer.WriteEndArray();
        }

        if (snapshot.SchemaId is int schemaId)
        {
            writer.WriteNumber("schema-id", schemaId);
        }

        writer.WriteEndObject();
    }

    internal static Snapshot ReadSnapshot(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A snapshot");
        long? id = null, parent = null, sequence = null, timestamp = null;
        string? manifestList = null;
        List<string>? manifests = null;
        Dictionary<string, string>? summary = null;
        int? schemaId = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "snapshot-id": id = JsonIn.Long(ref reader, name); break;
                case "parent-snapshot-id": parent = JsonIn.NullableLong(ref reader, name); break;
                case "sequence-number": sequence = JsonIn.Long(ref reader, name); break;
                case "timestamp-ms": timestamp = JsonIn.Long(ref reader, name); break;
                case "manifest-list": manifestList = JsonIn.NullableString(ref reader, name); break;
                case "manifests": manifests = JsonIn.StringArray(ref reader, name); break;
                case "summary": summary = JsonIn.StringMap(ref reader, name); break;
                case "schema-id": schemaId = JsonIn.NullableInt(ref reader, name); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        string what = id is long sid ? $"snapshot {sid}" : "snapshot";
        if (manifestList is null && manifests is null)
        {
            throw JsonIn.Missing("manifest-list", what);
        }

        string? operation = null;
        if (summary is not null)
        {
            // A summary without an operation is read as overwrite, as the Java reader does.
            operation = summary.Remove("operation", out string? op) ? op : SnapshotOperations.Overwrite;
        }

        return new Snapshot
        {
            SnapshotId = id ?? throw JsonIn.Missing("snapshot-id", what),
            ParentSnapshotId = parent,
            SequenceNumber = sequence ?? 0,
            TimestampMs = timestamp ?? throw JsonIn.Missing("timestamp-ms", what),
            ManifestList = manifestList,
            Manifests = manifestList is null ? manifests : null,
            Operation = operation,
            Summary = summary ?? [],
            SchemaId = schemaId,
        };
    }

    public static void WriteRef(Utf8JsonWriter writer, SnapshotRef reference)
    {
        writer.WriteStartObject();
        writer.WriteNumber("snapshot-id", reference.SnapshotId);
        writer.WriteString("type", reference.IsBranch ? "branch" : "tag");
        if (reference.MinSnapshotsToKeep is int min)
        {
            writer.WriteNumber("min-snapshots-to-keep", min);
        }

        if (reference.MaxSnapshotAgeMs is long maxSnapshotAge)
        {
            writer.WriteNumber("max-snapshot-age-ms", maxSnapshotAge);
        }

        if (reference.MaxRefAgeMs is long maxRefAge)
        {
            writer.WriteNumber("max-ref-age-ms", maxRefAge);
        }

        writer.WriteEndObject();
    }

    internal static SnapshotRef ReadRef(ref Utf8JsonReader reader, string refName)
    {
        JsonIn.ExpectStartObject(ref reader, $"Ref '{refName}'");
        long? id = null;
        string? type = null;
        int? minSnapshots = null;
        long? maxSnapshotAge = null, maxRefAge = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "snapshot-id": id = JsonIn.Long(ref reader, name); break;
                case "type": type = JsonIn.String(ref reader, name); break;
                case "min-snapshots-to-keep": minSnapshots = JsonIn.NullableInt(ref reader, name); break;
                case "max-snapshot-age-ms": maxSnapshotAge = JsonIn.NullableLong(ref reader, name); break;
                case "max-ref-age-ms": maxRefAge = JsonIn.NullableLong(ref reader, name); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        return new SnapshotRef(
            id ?? throw JsonIn.Missing("snapshot-id", $"ref '{refName}'"),
            ParseRefType(type ?? throw JsonIn.Missing("type", $"ref '{refName}'"), refName),
            minSnapshots,
            maxSnapshotAge,
            maxRefAge);
    }

    internal static SnapshotRefType ParseRefType(string type, string refName) => type.ToLowerInvariant() switch
    {
        "branch" => SnapshotRefType.Branch,
        "tag" => SnapshotRefType.Tag,
        _ => throw new FloeException(FloeErrorKind.InvalidData, $"Invalid ref '{refName}': type must be branch or tag, found '{type}'."),
    };

    public static void WriteStatistics(Utf8JsonWriter writer, StatisticsFile file)
    {
        writer.WriteStartObject();
        writer.WriteNumber("snapshot-id", file.SnapshotId);
        writer.WriteString("statistics-path", file.Path);
        writer.WriteNumber("file-size-in-bytes", file.FileSizeInBytes);
        writer.WriteNumber("file-footer-size-in-bytes", file.FileFooterSizeInBytes);
        if (file.KeyMetadata is not null)
        {
            writer.WriteString("key-metadata", file.KeyMetadata);
        }

        writer.WriteStartArray("blob-metadata");
        foreach (var blob in file.BlobMetadata)
        {
            writer.WriteStartObject();
            writer.WriteString("type", blob.Type);
            writer.WriteNumber("snapshot-id", blob.SourceSnapshotId);
            writer.WriteNumber("sequence-number", blob.SourceSnapshotSequenceNumber);
            JsonOut.WriteIntArray(writer, "fields", blob.Fields);
            if (blob.Properties is { Count: > 0 })
            {
                JsonOut.WriteStringMap(writer, "properties", blob.Properties);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static StatisticsFile ReadStatistics(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A statistics file");
        long? snapshotId = null, size = null, footer = null;
        string? path = null, keyMetadata = null;
        var blobs = new List<BlobMetadata>();
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "snapshot-id": snapshotId = JsonIn.Long(ref reader, name); break;
                case "statistics-path": path = JsonIn.String(ref reader, name); break;
                case "file-size-in-bytes": size = JsonIn.Long(ref reader, name); break;
                case "file-footer-size-in-bytes": footer = JsonIn.Long(ref reader, name); break;
                case "key-metadata": keyMetadata = JsonIn.NullableString(ref reader, name); break;
                case "blob-metadata":
                    JsonIn.ExpectStartArray(ref reader, "'blob-metadata'");
                    while (JsonIn.NextElement(ref reader))
                    {
                        blobs.Add(ReadBlob(ref reader));
                    }

                    break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        const string What = "statistics file";
        return new StatisticsFile
        {
            SnapshotId = snapshotId ?? throw JsonIn.Missing("snapshot-id", What),
            Path = path ?? throw JsonIn.Missing("statistics-path", What),
            FileSizeInBytes = size ?? throw JsonIn.Missing("file-size-in-bytes", What),
            FileFooterSizeInBytes = footer ?? throw JsonIn.Missing("file-footer-size-in-bytes", What),
            KeyMetadata = keyMetadata,
            BlobMetadata = blobs,
        };
    }

    private static BlobMetadata ReadBlob(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A blob metadata");
        string? type = null;
        long? snapshotId = null, sequence = null;
        List<int>? fields = null;
        Dictionary<string, string>? properties = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "type": type = JsonIn.String(ref reader, name); break;
                case "snapshot-id": snapshotId = JsonIn.Long(ref reader, name); break;
                case "sequence-number": sequence = JsonIn.Long(ref reader, name); break;
                case "fields": fields = JsonIn.IntArray(ref reader, name); break;
                case "properties": properties = JsonIn.StringMap(ref reader, name); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        const string What = "blob metadata";
        return new BlobMetadata
        {
            Type = type ?? throw JsonIn.Missing("type", What),
            SourceSnapshotId = snapshotId ?? throw JsonIn.Missing("snapshot-id", What),
            SourceSnapshotSequenceNumber = sequence ?? throw JsonIn.Missing("sequence-number", What),
            Fields = fields ?? throw JsonIn.Missing("fields", What),
            Properties = properties,
        };
    }

    public static void WritePartitionStatistics(Utf8JsonWriter writer, PartitionStatisticsFile file)
    {
        writer.WriteStartObject();
        writer.WriteNumber("snapshot-id", file.SnapshotId);
        writer.WriteString("statistics-path", file.Path);
        writer.WriteNumber("file-size-in-bytes", file.FileSizeInBytes);
        writer.WriteEndObject();
    }

    internal static PartitionStatisticsFile ReadPartitionStatistics(ref Utf8JsonReader reader)
    {
        JsonIn.ExpectStartObject(ref reader, "A partition statistics file");
        long? snapshotId = null, size = null;
        string? path = null;
        while (JsonIn.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "snapshot-id": snapshotId = JsonIn.Long(ref reader, name); break;
                case "statistics-path": path = JsonIn.String(ref reader, name); break;
                case "file-size-in-bytes": size = JsonIn.Long(ref reader, name); break;
                default: JsonIn.Skip(ref reader); break;
            }
        }

        const string What = "partition statistics file";
        return new PartitionStatisticsFile(
            snapshotId ?? throw JsonIn.Missing("snapshot-id", What),
            path ?? throw JsonIn.Missing("statistics-path", What),
            size ?? throw JsonIn.Missing("file-size-in-bytes", What));
    }
}
