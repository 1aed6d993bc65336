using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Catalog;

/// <summary>
/// Which earlier metadata files a commit lets go, as Iceberg's catalogs decide it: with
/// <c>write.metadata.delete-after-commit.enabled</c> on the new metadata, the files that fell out of its
/// <c>metadata-log</c> (which <c>write.metadata.previous-versions-max</c> trims). A file qualifies only when it sits
/// directly in the table's metadata folder, so a log entry naming a file elsewhere (a registered or forged metadata
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
            if (!kept.Contains(entry.MetadataFile) && IsDirectlyIn(entry.MetadataFile, metadataFolder))
            {
                expired.Add(entry.MetadataFile);
            }
        }

        return expired;
    }

    private static bool Enabled(TableMetadata metadata) =>
        metadata.Settings.Get(MetadataProperties.DeleteAfterCommit);

    /// <summary>True for <c>folder/name</c> with a plain file name (no further separator, not a dot name).</summary>
    private static bool IsDirectlyIn(string file, string folder)
    {
        string prefix = folder.TrimEnd('/', '\\');
        if (file.Length <= prefix.Length + 1 || !file.StartsWith(prefix, StringComparison.Ordinal) || file[prefix.Length] is not ('/' or '\\'))
        {
            return false;
        }

        var name = file.AsSpan(prefix.Length + 1);
        return name.IndexOfAny('/', '\\') < 0 && !name.SequenceEqual(".") && !name.SequenceEqual("..");
    }
}
