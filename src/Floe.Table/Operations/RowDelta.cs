using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Adds data files and position or equality delete files in one snapshot (row-level changes: updates, deletes,
/// merges). Operation <c>delete</c> when it only adds deletes, <c>overwrite</c> otherwise. Validations check what was
/// committed since the starting snapshot.
/// </summary>
public sealed class RowDelta : FileChangeProducer
{
    private readonly HashSet<string> _referencedDataFiles = new(StringComparer.Ordinal);
    private bool _noConflictingData;
    private bool _noConflictingDeletes;

    internal RowDelta(ITableOperations operations)
        : base(operations)
    {
    }

    protected override string Operation =>
        AddedDeleteFiles.Count > 0 && AddedDataFiles.Count == 0 ? SnapshotOperations.Delete : SnapshotOperations.Overwrite;

    public RowDelta AddRows(DataFile file)
    {
        AddDataFile(file);
        return this;
    }

    public RowDelta AddDeletes(DeleteFile file)
    {
        AddDeleteFile(file);
        return this;
    }

    /// <summary>Fails if any of these data files (targets of the new position deletes) was removed concurrently.</summary>
    public RowDelta ValidateDataFilesExist(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _referencedDataFiles.UnionWith(paths);
        return this;
    }

    /// <summary>Fails if data files were added concurrently (rows the new deletes should have seen).</summary>
    public RowDelta ValidateNoConflictingDataFiles()
    {
        _noConflictingData = true;
        return this;
    }

    /// <summary>Fails if delete files were added concurrently (two writers deleting or updating the same rows).</summary>
    public RowDelta ValidateNoConflictingDeleteFiles()
    {
        _noConflictingDeletes = true;
        return this;
    }

    private protected override async Task ValidateAsync(TableMetadata current, IReadOnlyDictionary<string, ManifestEntry> liveRemoved, CancellationToken cancellationToken)
    {
        if (_referencedDataFiles.Count == 0 && !_noConflictingData && !_noConflictingDeletes)
        {
            return;
        }

        var changes = await ConcurrentChangesAsync(current, cancellationToken).ConfigureAwait(false);
        foreach (string path in _referencedDataFiles)
        {
            if (changes.RemovedPaths.Contains(path))
            {
                throw new ValidationException($"Cannot commit row delta: data file {path} that new deletes refer to was removed concurrently.");
            }
        }

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
