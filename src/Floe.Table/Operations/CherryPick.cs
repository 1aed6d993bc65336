using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Applies an append snapshot that is not on the main branch (a staged or branch commit) to the current state: the
/// files it added are appended in a new snapshot whose summary names the source (<c>source-snapshot-id</c>).
/// Picking the same snapshot twice, or one already in the current history, fails validation.
/// </summary>
public sealed class CherryPick : SnapshotProducer
{
    private const string SourceSnapshotIdKey = "source-snapshot-id";
    private readonly long _sourceSnapshotId;
    private List<DataFile>? _files;
    private List<ManifestFile>? _newManifests;

    internal CherryPick(ITableOperations operations, long sourceSnapshotId)
        : base(operations)
    {
        _sourceSnapshotId = sourceSnapshotId;
        Set(SourceSnapshotIdKey, sourceSnapshotId.ToString(CultureInfo.InvariantCulture));
    }

    protected override string Operation => SnapshotOperations.Append;

    private protected override async Task<List<ManifestFile>> ApplyManifestsAsync(TableMetadata current, Snapshot? parent, SnapshotSummary summary, CancellationToken cancellationToken)
    {
        var source = current.SnapshotById(_sourceSnapshotId)
            ?? throw new ValidationException($"Cannot cherry-pick snapshot {_sourceSnapshotId}: it does not exist.");
        if (source.Operation != SnapshotOperations.Append)
        {
            throw new FloeException(FloeErrorKind.Unsupported, $"Cannot cherry-pick snapshot {_sourceSnapshotId}: only append snapshots can be picked, not '{source.Operation}'.");
        }

        string sourceText = _sourceSnapshotId.ToString(CultureInfo.InvariantCulture);
        if (parent is not null && current.Ancestors(parent.SnapshotId).Any(s => s.SnapshotId == _sourceSnapshotId
                || (s.Summary.TryGetValue(SourceSnapshotIdKey, out string? picked) && picked == sourceText)))
        {
            throw new ValidationException($"Cannot cherry-pick snapshot {_sourceSnapshotId}: it is already part of the current history.");
        }

        if (_files is null)
        {
            var files = new List<DataFile>();
            foreach (var manifest in await ManifestIO.ReadManifestListAsync(Io, source, cancellationToken).ConfigureAwait(false))
            {
                if (manifest.AddedSnapshotId != _sourceSnapshotId || manifest.Content != ManifestContent.Data)
                {
                    continue;
                }

                files.AddRange((await ManifestIO.ReadEntriesAsync(Io, manifest, cancellationToken).ConfigureAwait(false))
                    .Where(e => e.Status == EntryStatus.Added && e.SnapshotId == _sourceSnapshotId)
                    .Select(e => e.File)
                    .OfType<DataFile>());
            }

            _files = files;
            var written = new List<ManifestFile>();
            foreach (var group in files.GroupBy(f => f.SpecId))
            {
                written.Add(await WriteManifestAsync(current, group.Key, ManifestContent.Data, group.Select(f => ManifestEntry.Added(f, SnapshotId)), cancellationToken).ConfigureAwait(false));
            }

            _newManifests = written;
        }

        foreach (var file in _files)
        {
            summary.Added(file);
        }

        return [.. _newManifests!, .. await ManifestIO.ReadManifestListAsync(Io, parent, cancellationToken).ConfigureAwait(false)];
    }
}
