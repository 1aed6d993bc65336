using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Table.Operations;

namespace Floe.Table.Maintenance;

/// <summary>How an orphan scan runs; unset values come from the table's properties.</summary>
public sealed record OrphanFilesOptions
{
    /// <summary>The clock; <see cref="DateTimeOffset.UtcNow"/> when null.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Files modified less than this many minutes ago are kept; <c>clean-orphan-file.min-existing-time-minutes</c> when null.</summary>
    public long? OlderThanMinutes { get; init; }

    /// <summary>Lists what would be deleted and deletes nothing.</summary>
    public bool DryRun { get; init; }
}

/// <summary>What an orphan scan found and deleted (or would delete, in a dry run).</summary>
/// <param name="Listed">Files listed under the data and metadata folders.</param>
/// <param name="Files">The orphans deleted or, in a dry run, found.</param>
/// <param name="RemovedFolders">Empty local folders removed after the deletes.</param>
public sealed record OrphanFilesResult(int Listed, FileRemoval Files, int RemovedFolders);

/// <summary>
/// Deletes the files under a table's data and metadata folders that nothing in its metadata references (no snapshot,
/// ref, manifest, statistics file, metadata-log entry, the current metadata file or the version hint) and that are
/// older than the safety window. A data or delete file counts as referenced only while a live manifest entry (added or
/// existing) of some snapshot names it: a DELETED entry does not make it readable, so a file whose delete failed after
/// its last reader expired goes even while the manifest recording its removal is kept. The window is what protects a writer that wrote files and has not committed yet.
/// </summary>
public static class OrphanFileCleaner
{
    public static async Task<OrphanFilesResult> CleanOrphanFilesAsync(this IcebergTable table, OrphanFilesOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new OrphanFilesOptions();
        if (options.OlderThanMinutes is < 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"The orphan safety window must be a whole number of minutes from 0, got {options.OlderThanMinutes}.");
        }

        TableMetadata metadata = await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        IFileIO io = table.Operations.Io;
        long minutes = options.OlderThanMinutes ?? metadata.Settings.Get(MaintenanceProperties.CleanOrphanFilesMinExistingMinutes);
        DateTimeOffset cutoff = (options.Now ?? DateTimeOffset.UtcNow) - TimeSpan.FromMinutes(Math.Min(minutes, MaintenanceProperties.CleanOrphanFilesMinExistingMinutes.Max));

        // Listed before the references are read: a file committed meanwhile is then referenced by what is read next.
        string[] folders = [.. new[] { TableFolders.Data(metadata.Location, metadata.Properties), TableFolders.Metadata(metadata.Location, metadata.Properties) }
            .Select(f => LocationPaths.Normalize(f) + "/").Distinct(StringComparer.Ordinal)];
        var listed = new List<FileEntry>();
        foreach (string folder in folders)
        {
            await foreach (FileEntry entry in io.ListPrefixAsync(folder, cancellationToken).ConfigureAwait(false))
            {
                listed.Add(entry);
            }
        }

        metadata = await table.RefreshAsync(cancellationToken).ConfigureAwait(false);
        HashSet<string> referenced = await ReferencedAsync(io, metadata, cancellationToken).ConfigureAwait(false);
        bool metadataFileKnown = metadata.MetadataFileLocation is not null;
        var orphans = new List<TableFileRef>();
        foreach (FileEntry entry in listed)
        {
            string location = LocationPaths.Normalize(entry.Location);
            string name = location[(location.LastIndexOf('/') + 1)..];
            if (entry.LastModified >= cutoff || referenced.Contains(location) || name == "version-hint.text"
                || (!metadataFileKnown && name.EndsWith(".metadata.json", StringComparison.Ordinal)))
            {
                continue;
            }

            orphans.Add(new TableFileRef(entry.Location, KindOf(name), entry.Length));
        }

        FileRemoval files = await FileRemoval.DeleteAsync(io, orphans, options.DryRun, cancellationToken).ConfigureAwait(false);
        int emptyFolders = options.DryRun ? 0 : RemoveEmptyFolders(files.Deleted, folders);
        return new OrphanFilesResult(listed.Count, files, emptyFolders);
    }

    /// <summary>Every location the metadata names, normalized.</summary>
    private static async Task<HashSet<string>> ReferencedAsync(IFileIO io, TableMetadata metadata, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        void Add(string location)
        {
            try
            {
                referenced.Add(LocationPaths.Normalize(location));
            }
            catch (FloeException)
            {
                // A location that cannot be compared cannot match a listed file either.
            }
        }

        foreach (string file in await ReachableFiles.ListReadableAsync(io, metadata, cancellationToken).ConfigureAwait(false))
        {
            Add(file);
        }

        metadata.Statistics.Select(s => s.Path).Concat(metadata.PartitionStatistics.Select(s => s.Path))
            .Concat(metadata.MetadataLog.Select(e => e.MetadataFile)).ToList().ForEach(Add);
        if (metadata.MetadataFileLocation is string current)
        {
            Add(current);
        }

        return referenced;
    }

    private static TableFileKind KindOf(string name) =>
        name.EndsWith(".metadata.json", StringComparison.Ordinal) ? TableFileKind.Metadata
        : name.StartsWith("snap-", StringComparison.Ordinal) && name.EndsWith(".avro", StringComparison.Ordinal) ? TableFileKind.ManifestList
        : name.EndsWith(".avro", StringComparison.Ordinal) ? TableFileKind.Manifest
        : name.EndsWith(".puffin", StringComparison.Ordinal) || name.EndsWith(".stats", StringComparison.Ordinal) ? TableFileKind.Statistics
        : name.EndsWith(".parquet", StringComparison.Ordinal) || name.EndsWith(".orc", StringComparison.Ordinal) ? TableFileKind.Data
        : TableFileKind.Other;

    /// <summary>Removes the local folders the deletes left empty, up to (not including) the scanned folders.</summary>
    private static int RemoveEmptyFolders(IReadOnlyList<string> deleted, string[] roots)
    {
        int removed = 0;
        var candidates = new SortedSet<string>(Comparer<string>.Create((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b)));
        foreach (string file in deleted)
        {
            string location = LocationPaths.Normalize(file);
            if (!location.StartsWith('/'))
            {
                continue;
            }

            for (string? folder = Path.GetDirectoryName(location)?.Replace('\\', '/'); folder is not null && roots.Any(r => folder.StartsWith(r, StringComparison.Ordinal)); folder = Path.GetDirectoryName(folder)?.Replace('\\', '/'))
            {
                candidates.Add(folder);
            }
        }

        foreach (string folder in candidates)
        {
            try
            {
                if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    Directory.Delete(folder);
                    removed++;
                }
            }
            catch (IOException)
            {
                // A writer created a file in it meanwhile.
            }
        }

        return removed;
    }
}
