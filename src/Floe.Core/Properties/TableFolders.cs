namespace Floe.Core.Properties;

/// <summary>Where a table's new files go: the configured folders, or Iceberg's defaults under the table location.</summary>
public static class TableFolders
{
    /// <summary>The folder for new data files: <c>write.data.path</c>, or <c>&lt;location&gt;/data</c>.</summary>
    public static string Data(string location, IReadOnlyDictionary<string, string> properties) =>
        Folder(location, properties, IcebergWriteProperties.DataPath, "data");

    /// <summary>The folder for metadata files and manifests: <c>write.metadata.path</c>, or <c>&lt;location&gt;/metadata</c>.</summary>
    public static string Metadata(string location, IReadOnlyDictionary<string, string> properties) =>
        Folder(location, properties, MetadataProperties.MetadataPath, "metadata");

    private static string Folder(string location, IReadOnlyDictionary<string, string> properties, TextProperty property, string child)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        ArgumentNullException.ThrowIfNull(properties);
        return property.Read(properties) is { Length: > 0 } configured ? configured.TrimEnd('/') : location.TrimEnd('/') + "/" + child;
    }
}
