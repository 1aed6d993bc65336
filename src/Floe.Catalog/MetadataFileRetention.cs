using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Catalog;

/// <summary>
/// Which earlier metadata files a commit lets go, as Iceberg's catalogs decide it: with
/// <c>write.metadata.delete-after-commit.enabled</c> on the new metadata, the files that fell out of its
/// <c>metadata-log</c> (which <c>write.metadata.previous-versions-max</c> trims). A file qualifies only when it lies in
/// the table's metadata folder, so a log entry naming a file elsewhere (a registered or forged metadata
/// file) can never make a commit delete it.
/// </summary>
internal static class MetadataFileRetention
{
    /// <summary>The metadata files to delete once <paramref name="committed"/> replaced <paramref name="previous"/>.</summary>
    public static IReadOnlyList<string> Expired(TableMetadata? previous, TableMetadata committed, string metadataFolder)
    {
        ArgumentNullException.ThrowIfNull(committed);
        if (previous is null || previous.MetadataLog.Count == 0 || !Enabled(committed))
        {
            return [];
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in committed.MetadataLog)
        {
            kept.Add(entry.MetadataFile);
        }

        if (committed.MetadataFileLocation is string current)
        {
            kept.Add(current);
        }

        var expired = new List<string>();
        foreach (var entry in previous.MetadataLog)
        {
            if (!kept.Contains(entry.MetadataFile) && IsInside(entry.MetadataFile, metadataFolder))
            {
                expired.Add(entry.MetadataFile);
            }
        }

        return expired;
    }

    private static bool Enabled(TableMetadata metadata) =>
        metadata.Settings.Get(MetadataProperties.DeleteAfterCommit);

    /// <summary>Whether <paramref name="file"/> lies inside <paramref name="folder"/>; a location that cannot be compared does not.</summary>
    private static bool IsInside(string file, string folder)
    {
        try
        {
            string location = LocationPaths.Normalize(file);
            string root = LocationPaths.Normalize(folder);
            return location != root && LocationPaths.IsUnderNormalized(location, root);
        }
        catch (FloeException)
        {
            return false;
        }
    }
}
