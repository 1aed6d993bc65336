using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Catalog;

/// <summary>
/// Files a client brings into a table by naming them (a snapshot's manifest list, statistics files, the data and
/// metadata folders) must lie under the table's location; otherwise a commit could make the server read, rewrite
/// or purge another table's files. Breaking the rule is InvalidArgument (a 400 at the REST catalog).
/// </summary>
public static class TableLocationRules
{
    private static readonly string[] FolderProperties = [IcebergWriteProperties.DataPath.Key, MetadataProperties.MetadataPath.Key];

    /// <summary>Checks the files <paramref name="updates"/> add, against the location of the metadata they produce.</summary>
    /// <exception cref="FloeException">A named file lies outside the table location (kind InvalidArgument).</exception>
    public static void RequireAddedInside(TableMetadata updated, IReadOnlyList<MetadataUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(updates);
        foreach (var update in updates)
        {
            switch (update)
            {
                case MetadataUpdate.AddSnapshot add:
                    RequireSnapshotInside(add.Snapshot, updated.Location);
                    break;
                case MetadataUpdate.SetStatistics set:
                    LocationPaths.RequireUnder(set.Statistics.Path, updated.Location, "Statistics file");
                    break;
                case MetadataUpdate.SetPartitionStatistics set:
                    LocationPaths.RequireUnder(set.PartitionStatistics.Path, updated.Location, "Partition statistics file");
                    break;
            }
        }

        // Folders set earlier are checked again only when the commit sets them or moves the table.
        if (updates.Any(u => u is MetadataUpdate.SetLocation || u is MetadataUpdate.SetProperties set && FolderProperties.Any(set.Updates.ContainsKey)))
        {
            RequireFoldersInside(updated);
        }
    }

    /// <summary>Checks every file the metadata names (for a table being registered from a metadata file).</summary>
    /// <exception cref="FloeException">A named file lies outside the table location (kind InvalidArgument).</exception>
    public static void RequireAllInside(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        foreach (var snapshot in metadata.Snapshots)
        {
            RequireSnapshotInside(snapshot, metadata.Location);
        }

        foreach (var statistics in metadata.Statistics)
        {
            LocationPaths.RequireUnder(statistics.Path, metadata.Location, "Statistics file");
        }

        foreach (var statistics in metadata.PartitionStatistics)
        {
            LocationPaths.RequireUnder(statistics.Path, metadata.Location, "Partition statistics file");
        }

        RequireFoldersInside(metadata);
    }

    private static void RequireSnapshotInside(Snapshot snapshot, string location)
    {
        if (snapshot.ManifestList is { } list)
        {
            LocationPaths.RequireUnder(list, location, $"The manifest list of snapshot {snapshot.SnapshotId}");
        }

        foreach (string manifest in snapshot.Manifests ?? [])
        {
            LocationPaths.RequireUnder(manifest, location, $"Manifest of snapshot {snapshot.SnapshotId}");
        }
    }

    private static void RequireFoldersInside(TableMetadata metadata)
    {
        foreach (string property in FolderProperties)
        {
            if (metadata.Properties.TryGetValue(property, out string? folder))
            {
                LocationPaths.RequireUnder(folder, metadata.Location, $"Property {property}");
            }
        }
    }
}
