using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Floe.Core.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

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

    /// <summary>A strong ETag for a table version as loaded: its metadata file names the version uniquely.</summary>
    public static string? ETag(TableMetadata metadata, bool refsOnly)
    {
        if (metadata.MetadataFileLocation is not { } location)
        {
            return null;
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes((refsOnly ? "refs:" : "all:") + location));
        return $"\"{Convert.ToHexStringLower(hash.AsSpan(0, 16))}\"";
    }

    /// <summary>True when an <c>If-None-Match</c> header names <paramref name="etag"/> (or <c>*</c>).</summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        foreach (string? value in ifNoneMatch)
        {
            foreach (var tag in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

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
