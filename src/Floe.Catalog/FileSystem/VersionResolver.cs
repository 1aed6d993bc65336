using System.Globalization;
using System.Text;

namespace Floe.Catalog.FileSystem;

/// <summary>
/// Finds a table's current metadata version. The hint is only a shortcut: it may lag behind (it is written after the
/// commit's rename) or be missing or damaged, so versions after the hinted one are probed and, without a usable hint,
/// the highest <c>vN.metadata.json</c> in the folder wins.
/// </summary>
internal static class VersionResolver
{
    public static async Task<int?> FindCurrentAsync(IMetadataStorage storage, TableFolder table, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(table.MetadataPath))
        {
            return null;
        }

        int? hinted = await ReadHintAsync(storage, table, cancellationToken).ConfigureAwait(false);
        if (hinted is int version && storage.Exists(table.VersionPath(version)))
        {
            while (storage.Exists(table.VersionPath(version + 1)))
            {
                version++;
            }

            return version;
        }

        return HighestListed(storage, table);
    }

    private static int? HighestListed(IMetadataStorage storage, TableFolder table)
    {
        int? highest = null;
        foreach (string name in storage.ListFileNames(table.MetadataPath))
        {
            if (TableFolder.ParseVersionFileName(name) is int version && (highest is null || version > highest))
            {
                highest = version;
            }
        }

        return highest;
    }

    private static async Task<int?> ReadHintAsync(IMetadataStorage storage, TableFolder table, CancellationToken cancellationToken)
    {
        if (!storage.Exists(table.VersionHintPath))
        {
            return null;
        }

        try
        {
            byte[] content = await storage.ReadAllBytesAsync(table.VersionHintPath, cancellationToken).ConfigureAwait(false);
            if (content.Length > 32)
            {
                return null;
            }

            string text = Encoding.UTF8.GetString(content).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int version) && version > 0 ? version : null;
        }
        catch (IOException)
        {
            // A hint being replaced or removed concurrently: listing gives the same answer.
            return null;
        }
    }
}
