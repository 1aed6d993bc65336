using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// A snapshot that adds and removes data and delete files. Added files go into new manifests (written once, reused by
/// every attempt); manifests holding removed files are rewritten on each attempt's fresh parent, with the removed
/// entries marked DELETED, the rest EXISTING and earlier DELETED entries dropped; untouched manifests are kept as they
/// are, except those that hold only DELETED entries of earlier snapshots.
/// </summary>
public abstract class FileChangeProducer : SnapshotProducer
{
    private readonly List<DataFile> _addedData = [];
    private readonly List<DeleteFile> _addedDeletes = [];
    private readonly HashSet<string> _removedPaths = new(StringComparer.Ordinal);
    private List<ManifestFile>? _newManifests;
    private RowFilterMatcher? _deleteFilter;

    private protected FileChangeProducer(ITableOperations operations)
        : base(operations)
    {
        StartingSnapshotId = operations.Current.CurrentSnapshotId;
    }

    /// <summary>The snapshot the caller read before deciding on the change; validations look at commits after it.</summary>
    protected long? StartingSnapshotId { get; private set; }

    /// <summary>Paths of the files this change removes.</summary>
    protected IReadOnlySet<string> RemovedPaths => _removedPaths;

    protected IReadOnlyList<DataFile> AddedDataFiles => _addedData;

    protected IReadOnlyList<DeleteFile> AddedDeleteFiles => _addedDeletes;

    /// <summary>The data sequence number added data files get, or null for the new snapshot's (inherited).</summary>
    private protected virtual long? AddedDataSequenceNumber => null;

    /// <summary>Validations consider only commits after this snapshot (by default: the current snapshot when the change was created).</summary>
    public FileChangeProducer ValidateFromSnapshot(long? snapshotId)
    {
        StartingSnapshotId = snapshotId;
        return this;
    }

    private protected void AddDataFile(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckSpec(file);
        _addedData.Add(file);
    }

    private protected void AddDeleteFile(DeleteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        CheckSpec(file);
        if (TableOperations.Current.FormatVersion < 2)
        {
            throw new Floe.Common.Errors.FloeException(Floe.Common.Errors.FloeErrorKind.Unsupported, "Delete files need table format version 2.");
        }

        _addedDeletes.Add(file);
    }

    /// <summary>Removes every data and delete file whose rows all match <paramref name="rowFilter"/> (by partition or column metrics).</summary>
    private protected void RemoveWhere(Floe.Core.Expressions.Expression rowFilter)
    {
        ArgumentNullException.ThrowIfNull(rowFilter);
        _deleteFilter = new RowFilterMatcher(_deleteFilter is null ? rowFilter : Floe.Core.Expressions.Expr.Or(_deleteFilter.RowFilter, rowFilter));
    }

    private protected void RemovePath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _removedPaths.Add(path);
    }

    /// <summary>Checks the change against what was committed since the starting snapshot; throws <see cref="ValidationException"/>.</summary>
    private protected virtual Task ValidateAsync(TableMetadata current, IReadOnlyDictionary<string, ManifestEntry> liveRemoved, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private protected Task<ConcurrentChanges> ConcurrentChangesAsync(TableMetadata current, CancellationToken cancellationToken) =>
        ConcurrentChanges.SinceAsync(Io, current, StartingSnapshotId, cancellationToken);

    private protected override async Task<List<ManifestFile>> ApplyManifestsAsync(TableMetadata current, Snapshot? parent, SnapshotSummary summary, CancellationToken cancellationToken)
    {
        var manifests = new List<ManifestFile>();
        var found = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        var kept = new List<ManifestFile>();
        foreach (var manifest in await ReadCarriedManifestsAsync(parent, cancellationToken).ConfigureAwait(false))
        {
            if ((_removedPaths.Count == 0 && _deleteFilter is null) || manifest is { AddedFilesCount: 0, ExistingFilesCount: 0 })
            {
                kept.Add(manifest);
                continue;
            }

            var entries = await ManifestIO.ReadEntriesAsync(Io, manifest, cancellationToken).ConfigureAwait(false);
            var hits = entries.Where(e => e.IsLive && Removes(current, e.File)).ToList();
            if (hits.Count == 0)
            {
                kept.Add(manifest);
                continue;
            }

            foreach (var hit in hits)
            {
                found[hit.File.FilePath] = hit;
                summary.Removed(hit.File);
            }

            var hitPaths = hits.Select(h => h.File.FilePath).ToHashSet(StringComparer.Ordinal);
            var rewritten = entries.Where(e => e.IsLive).Select(e => hitPaths.Contains(e.File.FilePath)
                ? ManifestEntry.Deleted(e.File, SnapshotId, e.DataSequenceNumber ?? 0, e.FileSequenceNumber)
                : ManifestEntry.Existing(e.File, e.SnapshotId ?? manifest.AddedSnapshotId, e.DataSequenceNumber ?? 0, e.FileSequenceNumber));
            manifests.Add(await WriteManifestAsync(current, manifest.PartitionSpecId, manifest.Content, rewritten, cancellationToken).ConfigureAwait(false));
        }

        await ValidateAsync(current, found, cancellationToken).ConfigureAwait(false);

        if (_newManifests is null)
        {
            var written = new List<ManifestFile>();
            foreach (var group in _addedData.GroupBy(f => f.SpecId))
            {
                written.Add(await WriteManifestAsync(current, group.Key, ManifestContent.Data, group.Select(f => ManifestEntry.Added(f, SnapshotId, AddedDataSequenceNumber)), cancellationToken).ConfigureAwait(false));
            }

            foreach (var group in _addedDeletes.GroupBy(f => f.SpecId))
            {
                written.Add(await WriteManifestAsync(current, group.Key, ManifestContent.Deletes, group.Select(f => ManifestEntry.Added(f, SnapshotId)), cancellationToken).ConfigureAwait(false));
            }

            _newManifests = written;
        }

        foreach (var file in _addedData)
        {
            summary.Added(file);
        }

        foreach (var file in _addedDeletes)
        {
            summary.Added(file);
        }

        // New manifests first, as Java orders them, then rewritten ones, then the parent's untouched manifests.
        return [.. _newManifests, .. manifests, .. kept];
    }

    private bool Removes(TableMetadata current, ContentFile file) =>
        _removedPaths.Contains(file.FilePath)
        || (_deleteFilter is not null && _deleteFilter.DeletesWholeFile(current, file));

    private void CheckSpec(ContentFile file)
    {
        if (TableOperations.Current.SpecById(file.SpecId) is null)
        {
            throw new Floe.Common.Errors.FloeException(Floe.Common.Errors.FloeErrorKind.InvalidArgument, $"Cannot add {file.FilePath}: partition spec {file.SpecId} does not exist.");
        }
    }
}
