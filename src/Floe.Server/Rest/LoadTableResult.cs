using System.Text.Json;
using Floe.Core.Metadata;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>
/// Writes <c>LoadTableResult</c> (<c>metadata-location</c>, full <c>metadata</c>, <c>config</c>) and
/// <c>CommitTableResponse</c> with the Floe.Core metadata writer. With <c>snapshots=refs</c> only snapshots a branch
/// or tag points at are listed.
/// </summary>
internal static class LoadTableResult
{
    public static Task WriteAsync(HttpContext http, TableMetadata metadata, bool refsOnly = false, bool withConfig = true) =>
        RestResponse.WriteJsonAsync(http, StatusCodes.Status200OK, writer => Write(writer, metadata, refsOnly, withConfig));

    /// <summary>A strong ETag for a table version: its metadata file names it uniquely.</summary>
    public static string? ETag(TableMetadata metadata, bool refsOnly) =>
        metadata.MetadataFileLocation is { } location
            ? $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes((refsOnly ? "refs:" : "all:") + location)))[..32]}\""
            : null;

    private static void Write(Utf8JsonWriter writer, TableMetadata metadata, bool refsOnly, bool withConfig)
    {
        writer.WriteStartObject();
        if (metadata.MetadataFileLocation is { } location)
        {
            writer.WriteString("metadata-location", location);
        }

        writer.WritePropertyName("metadata");
        if (refsOnly)
        {
            WriteReferencedSnapshotsOnly(writer, metadata);
        }
        else
        {
            TableMetadataWriter.Write(writer, metadata);
        }

        if (withConfig)
        {
            writer.WriteStartObject("config");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteReferencedSnapshotsOnly(Utf8JsonWriter writer, TableMetadata metadata)
    {
        var referenced = metadata.Refs.Values.Select(r => r.SnapshotId).ToHashSet();
        if (metadata.CurrentSnapshotId is long current)
        {
            referenced.Add(current);
        }

        using var document = JsonDocument.Parse(TableMetadataWriter.ToUtf8(metadata, indented: false));
        writer.WriteStartObject();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.NameEquals("snapshots") && property.Value.ValueKind == JsonValueKind.Array)
            {
                writer.WriteStartArray("snapshots");
                foreach (var snapshot in property.Value.EnumerateArray())
                {
                    if (snapshot.TryGetProperty("snapshot-id", out var id) && referenced.Contains(id.GetInt64()))
                    {
                        snapshot.WriteTo(writer);
                    }
                }

                writer.WriteEndArray();
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
