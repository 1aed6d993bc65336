using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Applies a snapshot that is not in the current history (a staged commit or the head of another branch) to
/// <c>main</c>. When the source's parent is the current snapshot, <c>main</c> simply moves to the source
/// (fast-forward, no new snapshot). Otherwise the source's file changes are applied again in a new snapshot of the same
/// operation whose summary names the source (<c>source-snapshot-id</c>):
/// <list type="bullet">
/// <item><c>append</c>: the files it added are appended.</item>
/// <item><c>overwrite</c> and <c>delete</c>: the data and position delete files it added are added, and the files it
/// removed are removed, each of which must still be in the table; a dynamic partition overwrite
/// (<c>replace-partitions=true</c>) also fails when data was added to its partitions since its parent.</item>
/// <item>Snapshots that add equality deletes (their sequence number would reach rows added since) and <c>replace</c>
/// snapshots can only be fast-forwarded.</item>
/// </list>
/// Picking a snapshot already in the current history, or already picked into it, fails validation.
/// </summary>
public sealed class CherryPick : FileChangeProducer
{
    private const string SourceSnapshotIdKey = "source-snapshot-id";
    private const string ReplacePartitionsKey = "replace-partitions";
    private readonly long _sourceSnapshotId;
    private readonly List<ContentFile> _removed = [];
    private readonly List<DeleteFile> _positionDeletes = [];
    private Snapshot? _source;

    internal CherryPick(ITableOperations operations, long sourceSnapshotId)
        : base(operations)
    {
        _sourceSnapshotId = sourceSnapshotId;
        Set(SourceSnapshotIdKey, sourceSnapshotId.ToString(CultureInfo.InvariantCulture));
    }

    protected override string Operation => _source?.Operation ?? SnapshotOperations.Append;

    private protected override Task<TableMetadata?> ApplyWithoutNewSnapshotAsync(TableMetadata current, CancellationToken cancellationToken)
    {
        var source = SourceIn(current);
        CheckNotInHistory(current);
        return Task.FromResult(IsFastForward(current, source)
            ? TableMetadataBuilder.From(current).SetBranchSnapshot(source.SnapshotId).Build()
            : null);
    }

    private protected override async Task<List<ManifestFile>> ApplyManifestsAsync(TableMetadata current, Snapshot? parent, SnapshotSummary summary, CancellationToken cancellationToken)
    {
        var source = SourceIn(current);
        if (_source is null)
        {
            await LoadAsync(current, source, cancellationToken).ConfigureAwait(false);
            _source = source;
        }

        return await base.ApplyManifestsAsync(current, parent, summary, cancellationToken).ConfigureAwait(false);
    }

    private protected override async Task ValidateAsync(TableMetadata current, IReadOnlyDictionary<string, ManifestEntry> liveRemoved, CancellationToken cancellationToken)
    {
        foreach (var file in _removed)
        {
            if (!liveRemoved.ContainsKey(file.FilePath))
            {
                throw new ValidationException($"Cannot cherry-pick snapshot {_sourceSnapshotId}: file {file.FilePath} it removed is no longer in the table.");
            }
        }

        await ValidateDeleteTargetsAsync(current, cancellationToken).ConfigureAwait(false);
        if (_source!.Summary.TryGetValue(ReplacePartitionsKey, out string? replace) && replace == "true")
        {
            await ValidateReplacedPartitionsAsync(current, cancellationToken).ConfigureAwait(false);
        }
    }

    private Snapshot SourceIn(TableMetadata current) => current.SnapshotById(_sourceSnapshotId)
        ?? throw new ValidationException($"Cannot cherry-pick snapshot {_sourceSnapshotId}: it does not exist.");

    private static bool IsFastForward(TableMetadata current, Snapshot source) => source.ParentSnapshotId == current.CurrentSnapshotId;

    private void CheckNotInHistory(TableMetadata current)
    {
        string sourceText = _sourceSnapshotId.ToString(CultureInfo.InvariantCulture);
        if (current.CurrentSnapshotId is long head && current.Ancestors(head).Any(s => s.SnapshotId == _sourceSnapshotId
                || (s.Summary.TryGetValue(SourceSnapshotIdKey, out string? picked) && picked == sourceText)))
        {
            throw new ValidationException($"Cannot cherry-pick snapshot {_sourceSnapshotId}: it is already part of the current history.");
        }
    }

    /// <summary>Reads what the source snapshot itself added and removed, refusing changes that cannot be re-applied.</summary>
    private async Task LoadAsync(TableMetadata current, Snapshot source, CancellationToken cancellationToken)
    {
        string operation = source.Operation ?? "unknown";
        if (operation is not (SnapshotOperations.Append or SnapshotOperations.Overwrite or SnapshotOperations.Delete))
        {
            throw new FloeException(FloeErrorKind.Unsupported,
                $"Cannot cherry-pick snapshot {_sourceSnapshotId}: a '{operation}' snapshot can only be fast-forwarded, and its parent {Describe(source.ParentSnapshotId)} is not the current snapshot {Describe(current.CurrentSnapshotId)}.");
        }

        foreach (var manifest in await ManifestIO.ReadManifestListAsync(Io, source, cancellationToken).ConfigureAwait(false))
        {
            if (manifest.AddedSnapshotId != _sourceSnapshotId)
            {
                continue;
            }

            foreach (var entry in await ManifestIO.ReadEntriesAsync(Io, manifest, cancellationToken).ConfigureAwait(false))
            {
                if (entry.SnapshotId != _sourceSnapshotId)
                {
                    continue;
                }

                if (entry.Status == EntryStatus.Added)
                {
                    Add(entry.File, current);
                }
                else if (entry.Status == EntryStatus.Deleted && operation != SnapshotOperations.Append)
                {
                    _removed.Add(entry.File);
                    RemovePath(entry.File.FilePath);
                }
            }
        }
    }

    private void Add(ContentFile file, TableMetadata current)
    {
        switch (file)
        {
            case DataFile data:
                AddDataFile(data);
                break;
            case DeleteFile { Content: FileContent.PositionDeletes } positions:
                _positionDeletes.Add(positions);
                AddDeleteFile(positions);
                break;
            default:
                throw new FloeException(FloeErrorKind.Unsupported,
                    $"Cannot cherry-pick snapshot {_sourceSnapshotId}: it adds equality delete file {file.FilePath}, which would also delete rows added since; only a fast-forward (parent {Describe(current.CurrentSnapshotId)}) can apply it.");
        }
    }

    /// <summary>A picked position delete file must still find the data file it names.</summary>
    private async Task ValidateDeleteTargetsAsync(TableMetadata current, CancellationToken cancellationToken)
    {
        var targets = _positionDeletes.Select(DeleteScope.SingleTarget).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (targets.Count == 0)
        {
            return;
        }

        foreach (var manifest in await ManifestIO.ReadManifestListAsync(Io, current.CurrentSnapshot, cancellationToken).ConfigureAwait(false))
        {
            if (manifest.Content != ManifestContent.Data || manifest is { AddedFilesCount: 0, ExistingFilesCount: 0 })
            {
                continue;
            }

            foreach (var entry in await ManifestIO.ReadEntriesAsync(Io, manifest, cancellationToken).ConfigureAwait(false))
            {
                if (entry.IsLive)
                {
                    targets.Remove(entry.File.FilePath);
                }
            }
        }

        if (targets.Count > 0)
        {
            throw new ValidationException($"Cannot cherry-pick snapshot {_sourceSnapshotId}: data file {targets.First()} its position deletes refer to is no longer in the table.");
        }
    }

    /// <summary>A dynamic partition overwrite replaced whole partitions: data added to them since its parent would survive the pick.</summary>
    private async Task ValidateReplacedPartitionsAsync(TableMetadata current, CancellationToken cancellationToken)
    {
        var partitions = AddedDataFiles.Concat(_removed.Where(f => f.Content == FileContent.Data))
            .Select(f => (f.SpecId, f.Partition))
            .ToHashSet();
        ConcurrentChanges changes;
        try
        {
            changes = await ConcurrentChanges.SinceAsync(Io, current, _source!.ParentSnapshotId, cancellationToken).ConfigureAwait(false);
        }
        catch (ValidationException e)
        {
            throw new ValidationException($"Cannot cherry-pick overwrite snapshot {_sourceSnapshotId}: its parent is not an ancestor of the current snapshot.", e);
        }

        if (changes.AddedDataFiles.FirstOrDefault(f => partitions.Contains((f.SpecId, f.Partition))) is { } added)
        {
            throw new ValidationException($"Cannot cherry-pick overwrite snapshot {_sourceSnapshotId}: data file {added.FilePath} was added to a partition it replaces.");
        }
    }

    private static string Describe(long? snapshotId) => snapshotId?.ToString(CultureInfo.InvariantCulture) ?? "none";
}
