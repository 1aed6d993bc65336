using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Appends data files in new manifests (one per partition spec), written once and reused by every attempt; appends
/// never conflict with other commits. A fast append keeps every existing manifest that still holds live files as it is
/// (see <see cref="SnapshotProducer.ReadCarriedManifestsAsync"/>); a merging append (the
/// default <see cref="IcebergTable.NewAppend"/>) then merges small manifests as the <c>commit.manifest.*</c> and
/// <c>commit.manifest-merge.enabled</c> properties say.
/// </summary>
public sealed class AppendFiles : SnapshotProducer
{
    private readonly List<DataFile> _files = [];
    private readonly bool _mergeManifests;
    private List<ManifestFile>? _newManifests;

    internal AppendFiles(ITableOperations operations, bool mergeManifests)
        : base(operations)
    {
        _mergeManifests = mergeManifests;
    }

    protected override string Operation => SnapshotOperations.Append;

    /// <summary>Adds a data file; its <see cref="ContentFile.SpecId"/> must be a spec of the table.</summary>
    public AppendFiles AppendFile(DataFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (TableOperations.Current.SpecById(file.SpecId) is null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot append {file.FilePath}: partition spec {file.SpecId} does not exist.");
        }

        if (_newManifests is not null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "Cannot append files after the commit started.");
        }

        _files.Add(file);
        return this;
    }

    private protected override async Task<List<ManifestFile>> ApplyManifestsAsync(TableMetadata current, Snapshot? parent, SnapshotSummary summary, CancellationToken cancellationToken)
    {
        if (_newManifests is null)
        {
            var written = new List<ManifestFile>();
            foreach (var group in _files.GroupBy(f => f.SpecId))
            {
                written.Add(await WriteManifestAsync(current, group.Key, ManifestContent.Data, group.Select(f => ManifestEntry.Added(f, SnapshotId)), cancellationToken).ConfigureAwait(false));
            }

            _newManifests = written;
        }

        foreach (var file in _files)
        {
            summary.Added(file);
        }

        var manifests = new List<ManifestFile>(_newManifests);
        manifests.AddRange(await ReadCarriedManifestsAsync(parent, cancellationToken).ConfigureAwait(false));
        return _mergeManifests ? await MergeAsync(current, manifests, cancellationToken).ConfigureAwait(false) : manifests;
    }

    private async Task<List<ManifestFile>> MergeAsync(TableMetadata current, List<ManifestFile> manifests, CancellationToken cancellationToken)
    {
        var policy = ManifestMergePolicy.From(current);
        if (!policy.Enabled)
        {
            return manifests;
        }

        var result = new List<ManifestFile>();
        foreach (var group in manifests.GroupBy(m => (m.PartitionSpecId, m.Content)))
        {
            foreach (var bin in policy.Plan([.. group]))
            {
                if (bin.Count == 1)
                {
                    result.Add(bin[0]);
                    continue;
                }

                var entries = new List<ManifestEntry>();
                foreach (var manifest in bin)
                {
                    foreach (var entry in await ManifestIO.ReadEntriesAsync(Io, manifest, cancellationToken).ConfigureAwait(false))
                    {
                        if (entry.SnapshotId == SnapshotId && entry.Status == EntryStatus.Added)
                        {
                            entries.Add(ManifestEntry.Added(entry.File, SnapshotId));
                        }
                        else if (entry.IsLive)
                        {
                            entries.Add(ManifestEntry.Existing(entry.File, entry.SnapshotId ?? manifest.AddedSnapshotId, entry.DataSequenceNumber ?? 0, entry.FileSequenceNumber));
                        }
                    }
                }

                result.Add(await WriteManifestAsync(current, group.Key.PartitionSpecId, group.Key.Content, entries, cancellationToken).ConfigureAwait(false));
            }
        }

        return result;
    }
}
