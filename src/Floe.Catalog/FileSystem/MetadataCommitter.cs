using System.Globalization;
using System.Text;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Catalog.FileSystem;

/// <summary>
/// Loads and swaps a table's metadata in a filesystem warehouse. A commit writes <c>v(N+1).metadata.json</c> with a
/// create that fails if the file exists, so of two writers starting from vN exactly one wins; the loser gets a
/// commit conflict. The version hint is written afterwards, best effort.
/// </summary>
internal sealed class MetadataCommitter(IMetadataStorage storage)
{
    public async Task<TableMetadata?> TryLoadAsync(TableFolder table, CancellationToken cancellationToken)
    {
        if (await VersionResolver.FindCurrentAsync(storage, table, cancellationToken).ConfigureAwait(false) is not int version)
        {
            return null;
        }

        string path = table.VersionPath(version);
        byte[] json = await storage.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return TableMetadataParser.Parse(json, path);
    }

    /// <summary>Stores <paramref name="updated"/> as the next version; a null base means the table is being created.</summary>
    public Task<TableMetadata> CommitAsync(TableFolder table, string tableName, TableMetadata? baseMetadata, TableMetadata updated, CancellationToken cancellationToken) =>
        CommitAsync(table, tableName, baseMetadata, updated, Task.CompletedTask, cancellationToken);

    /// <summary>
    /// Stores <paramref name="updated"/> as the next version once <paramref name="filesOnDisk"/> (the files it names
    /// reaching the disk) completed; the version file is written meanwhile and linked in place only after.
    /// </summary>
    public async Task<TableMetadata> CommitAsync(
        TableFolder table, string tableName, TableMetadata? baseMetadata, TableMetadata updated, Task filesOnDisk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updated);
        int? current = await VersionResolver.FindCurrentAsync(storage, table, cancellationToken).ConfigureAwait(false);
        if (baseMetadata is null)
        {
            if (current is not null)
            {
                throw new FloeException(FloeErrorKind.AlreadyExists, $"Table {tableName} already exists.");
            }
        }
        else
        {
            if (current is not int currentVersion)
            {
                throw new FloeException(FloeErrorKind.NotFound, $"Cannot commit to table {tableName}: it does not exist.");
            }

            string currentPath = table.VersionPath(currentVersion);
            if (!string.Equals(baseMetadata.MetadataFileLocation, currentPath, StringComparison.Ordinal))
            {
                throw new FloeException(FloeErrorKind.CommitConflict,
                    $"Cannot commit to table {tableName}: based on {baseMetadata.MetadataFileLocation ?? "metadata that was never stored"}, but the current metadata is {currentPath}.");
            }

            if (ReferenceEquals(baseMetadata, updated))
            {
                return baseMetadata;
            }
        }

        int next = (current ?? 0) + 1;
        string target = table.VersionPath(next);
        byte[] json = TableMetadataWriter.ToUtf8(updated);
        if (!await storage.TryCreateAsync(target, json, filesOnDisk, cancellationToken).ConfigureAwait(false))
        {
            throw baseMetadata is null
                ? new FloeException(FloeErrorKind.AlreadyExists, $"Table {tableName} already exists.")
                : new FloeException(FloeErrorKind.CommitConflict, $"Cannot commit to table {tableName}: version {next} was written concurrently.");
        }

        await WriteHintAsync(table, next, cancellationToken).ConfigureAwait(false);
        var stored = updated.WithMetadataFileLocation(target);
        DeleteExpiredMetadata(table, baseMetadata, stored);
        return stored;
    }

    /// <summary>Deletes the metadata files the commit let go (<see cref="MetadataFileRetention"/>), best effort.</summary>
    private void DeleteExpiredMetadata(TableFolder table, TableMetadata? baseMetadata, TableMetadata stored)
    {
        foreach (string file in MetadataFileRetention.Expired(baseMetadata, stored, table.MetadataPath))
        {
            try
            {
                storage.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The commit stands; a file left behind is an orphan that orphan-file cleaning removes.
            }
        }
    }

    private async Task WriteHintAsync(TableFolder table, int version, CancellationToken cancellationToken)
    {
        try
        {
            byte[] text = Encoding.UTF8.GetBytes(version.ToString(CultureInfo.InvariantCulture));
            await storage.ReplaceAsync(table.VersionHintPath, text, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The version file is the commit; readers that find a stale or missing hint probe for newer versions.
        }
    }
}
