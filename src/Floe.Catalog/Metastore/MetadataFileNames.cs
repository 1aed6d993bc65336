using System.Globalization;
using Floe.Core.Properties;

namespace Floe.Catalog.Metastore;

/// <summary>
/// Metadata files as catalogs with a pointer store name them: <c>&lt;metadata folder&gt;/NNNNN-&lt;uuid&gt;.metadata.json</c>,
/// NNNNN one more than the version of the file being replaced. The uuid makes every attempt's file unique, so a commit
/// that loses the race never overwrites the winner's file.
/// </summary>
internal static class MetadataFileNames
{
    private const string Suffix = ".metadata.json";

    /// <summary>The folder for a table's metadata files: <c>write.metadata.path</c>, or <c>&lt;location&gt;/metadata</c>.</summary>
    public static string Folder(Floe.Core.Metadata.TableMetadata metadata) => TableFolders.Metadata(metadata.Location, metadata.Properties);

    public static string NewFile(string folder, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{folder}/{version:D5}-{Guid.NewGuid()}{Suffix}");

    /// <summary>The version a metadata file's name starts with, or -1 when the name does not follow the scheme.</summary>
    public static int ParseVersion(string? location)
    {
        if (location is null)
        {
            return -1;
        }

        int slash = location.LastIndexOf('/');
        var name = location.AsSpan(slash + 1);
        int dash = name.IndexOf('-');
        return dash > 0 && name.EndsWith(Suffix, StringComparison.Ordinal)
            && int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int version)
            ? version
            : -1;
    }

    /// <summary>Joins location parts with '/', whether the base is a local path or a URI.</summary>
    public static string Join(string location, params IEnumerable<string> parts) =>
        string.Join('/', [location.TrimEnd('/'), .. parts]);
}
