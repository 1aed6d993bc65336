using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Adds data files and position or equality delete files, and may remove data files, in one snapshot (row-level
/// changes: updates, deletes, merges). Operation <c>delete</c> when it only adds deletes or removes files,
/// <c>overwrite</c> otherwise. Validations check what was committed since the starting snapshot; with a
/// <see cref="ConflictDetectionFilter"/> only concurrent files that may hold rows matching it conflict.
/// </summary>
public sealed class RowDelta : FileChangeProducer
{
    private readonly HashSet<string> _referencedDataFiles = new(StringComparer.Ordinal);
    private readonly List<DataFile> _removedData = [];
    private Expression? _conflictFilter;
    private bool _noConflictingData;
    private bool _noConflictingDeletes;
    private bool _validateDeletes;

    internal RowDelta(ITableOperations operations)
        : base(operations)
    {
    }

    protected override string Operation =>
        AddedDataFiles.Count == 0 && (AddedDeleteFiles.Count > 0 || RemovedPaths.Count > 0) ? SnapshotOperations.Delete : SnapshotOperations.Overwrite;

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

    /// <summary>Removes a whole data file (all of its rows were deleted or rewritten); it must still be in the table.</summary>
    public RowDelta RemoveRows(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _removedData.Add(file);
        RemovePath(file.FilePath);
        return this;
    }

    /// <summary>
    /// Limits the conflict validations to concurrent files that may hold rows matching <paramref name="filter"/> (by
    /// partition and column metrics): typically the condition of the update or merge that produced this change.
    /// </summary>
    public RowDelta ConflictDetectionFilter(Expression filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _conflictFilter = filter;
        return this;
    }

    /// <summary>Fails if any of these data files (targets of the new position deletes) was removed concurrently.</summary>
    public RowDelta ValidateDataFilesExist(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _referencedDataFiles.UnionWith(paths);
        return this;
    }

    /// <summary>
    /// Also counts referenced data files removed by a concurrent <c>delete</c> as conflicts (by default only overwrites
    /// and rewrites of them are: a concurrent delete removed the rows anyway).
    /// </summary>
    public RowDelta ValidateDeletedFiles()
    {
        _validateDeletes = true;
        return this;
    }

    /// <summary>Fails if data files matching the conflict filter were added concurrently (rows the new deletes should have seen: serializable isolation).</summary>
    public RowDelta ValidateNoConflictingDataFiles()
    {
        _noConflictingData = true;
        return this;
    }

    /// <summary>
    /// Fails if delete files matching the conflict filter were added concurrently (two writers deleting or updating the
    /// same rows), or if any concurrent delete file may apply to a data file this change removes.
    /// </summary>
    public RowDelta ValidateNoConflictingDeleteFiles()
    {
        _noConflictingDeletes = true;
        return this;
    }

    private protected override async Task ValidateAsync(TableMetadata current, IReadOnlyDictionary<string, ManifestEntry> liveRemoved, CancellationToken cancellationToken)
    {
        foreach (var file in _removedData)
        {
            if (!liveRemoved.ContainsKey(file.FilePath))
            {
                throw new ValidationException($"Cannot commit row delta: data file {file.FilePath} to remove is no longer in the table.");
            }
        }

        if (_referencedDataFiles.Count == 0 && !_noConflictingData && !_noConflictingDeletes)
        {
            return;
        }

        var changes = await ConcurrentChangesAsync(current, cancellationToken).ConfigureAwait(false);
        var filter = new ConflictFilter(current, _conflictFilter);
        foreach ((string operation, ContentFile removed) in changes.RemovedFiles)
        {
            if (_referencedDataFiles.Contains(removed.FilePath)
                && (_validateDeletes || operation != SnapshotOperations.Delete)
                && filter.MightMatch(removed))
            {
                throw new ValidationException($"Cannot commit row delta: data file {removed.FilePath} that new deletes refer to was removed concurrently ({operation}).");
            }
        }

        if (_noConflictingData && changes.AddedDataFiles.FirstOrDefault(filter.MightMatch) is { } data)
        {
            throw new ValidationException($"Found conflicting data files that may hold rows matching {Describe()} added concurrently, e.g. {data.FilePath}.");
        }

        if (!_noConflictingDeletes)
        {
            return;
        }

        if (changes.AddedDeleteFiles.FirstOrDefault(filter.MightMatch) is { } deletes)
        {
            throw new ValidationException($"Found conflicting delete files that may apply to rows matching {Describe()} added concurrently, e.g. {deletes.FilePath}.");
        }

        foreach (var added in changes.AddedDeleteFiles.OfType<DeleteFile>())
        {
            if (_removedData.FirstOrDefault(data => DeleteScope.MayApply(added, data, current)) is { } target)
            {
                throw new ValidationException($"Cannot commit row delta: delete file {added.FilePath} added concurrently may apply to removed data file {target.FilePath}.");
            }
        }
    }

    private string Describe() => _conflictFilter?.ToString() ?? "any row";
}
