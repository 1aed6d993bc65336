using Floe.Core.IO;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// How a table reaches its catalog: the current metadata, a refresh from the catalog and an atomic swap from one
/// metadata version to the next. Catalogs implement it; transactions and snapshot producers only see this interface.
/// </summary>
public interface ITableOperations
{
    /// <summary>Where the table's data files, manifests and manifest lists are read and written.</summary>
    IFileIO Io { get; }

    /// <summary>The metadata last loaded or committed through this instance.</summary>
    TableMetadata Current { get; }

    /// <summary>Reloads the current metadata from the catalog.</summary>
    Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces <paramref name="baseMetadata"/> by <paramref name="updated"/>. Fails with a commit conflict
    /// (<see cref="Floe.Common.Errors.FloeErrorKind.CommitConflict"/>) when the base is no longer the current version;
    /// on success the result is the stored metadata and becomes <see cref="Current"/>.
    /// </summary>
    Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default);

    /// <summary>
    /// Like <see cref="CommitAsync(TableMetadata, TableMetadata, CancellationToken)"/>, once
    /// <paramref name="filesOnDisk"/> (the files the new metadata names reaching the disk) completes. A catalog may
    /// prepare the new version meanwhile, but swaps only after it completed; when it fails, nothing is swapped and its
    /// exception is thrown.
    /// </summary>
    async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, Task filesOnDisk, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filesOnDisk);
        await filesOnDisk.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await CommitAsync(baseMetadata, updated, cancellationToken).ConfigureAwait(false);
    }
}
