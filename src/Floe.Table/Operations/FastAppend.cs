using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Appends data files by writing one new manifest per partition spec and keeping every existing manifest as it is.
/// Appends never conflict with other commits: a retry just lists the fresh parent's manifests after the new ones,
/// which are written once and reused by every attempt.
/// </summary>
public sealed class FastAppend : SnapshotProducer
{
    private readonly List<DataFile> _files = [];
    private List<ManifestFile>? _newManifests;

    internal FastAppend(ITableOperations operations)
        : base(operations)
    {
    }

    protected override string Operation => SnapshotOperations.Append;

    /// <summary>Adds a data file; its <see cref="ContentFile.SpecId"/> must be a spec of the table.</summary>
    public FastAppend AppendFile(DataFile file)
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
        manifests.AddRange(await ManifestIO.ReadManifestListAsync(Io, parent, cancellationToken).ConfigureAwait(false));
        return manifests;
    }
}
