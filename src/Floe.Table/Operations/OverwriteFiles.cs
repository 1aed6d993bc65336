using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Replaces data files with others in one snapshot (operation <c>overwrite</c>). Optional validations fail the commit
/// when, since the starting snapshot, another commit added data files or delete files.
/// </summary>
public sealed class OverwriteFiles : FileChangeProducer
{
    private bool _noConflictingData;
    private bool _noConflictingDeletes;

    internal OverwriteFiles(ITableOperations operations)
        : base(operations)
    {
    }

    protected override string Operation => SnapshotOperations.Overwrite;

    public OverwriteFiles AddFile(DataFile file)
    {
        AddDataFile(file);
        return this;
    }

    public OverwriteFiles DeleteFile(ContentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        RemovePath(file.FilePath);
        return this;
    }

    /// <summary>
    /// Removes every data file whose rows all match <paramref name="rowFilter"/> (decided per partition, as
    /// <see cref="DeleteFiles.DeleteFromRowFilter"/>): a dynamic partition overwrite when the filter selects partitions.
    /// </summary>
    public OverwriteFiles OverwriteByRowFilter(Floe.Core.Expressions.Expression rowFilter)
    {
        RemoveWhere(rowFilter);
        return this;
    }

    /// <summary>Fails if data files were added concurrently (serializable isolation for the overwritten data).</summary>
    public OverwriteFiles ValidateNoConflictingData()
    {
        _noConflictingData = true;
        return this;
    }

    /// <summary>Fails if delete files were added concurrently (they could target rows this overwrite removes).</summary>
    public OverwriteFiles ValidateNoConflictingDeletes()
    {
        _noConflictingDeletes = true;
        return this;
    }

    private protected override async Task ValidateAsync(TableMetadata current, IReadOnlyDictionary<string, ManifestEntry> liveRemoved, CancellationToken cancellationToken)
    {
        if (!_noConflictingData && !_noConflictingDeletes)
        {
            return;
        }

        var changes = await ConcurrentChangesAsync(current, cancellationToken).ConfigureAwait(false);
        if (_noConflictingData && changes.AddedDataFiles.Count > 0)
        {
            throw new ValidationException($"Found conflicting data files added concurrently, e.g. {changes.AddedDataFiles[0].FilePath}.");
        }

        if (_noConflictingDeletes && changes.AddedDeleteFiles.Count > 0)
        {
            throw new ValidationException($"Found conflicting delete files added concurrently, e.g. {changes.AddedDeleteFiles[0].FilePath}.");
        }
    }
}
