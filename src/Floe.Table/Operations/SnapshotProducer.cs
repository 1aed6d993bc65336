using System.Globalization;
using Floe.Core.IO;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Properties;

namespace Floe.Table.Operations;

/// <summary>
/// The common part of every change that writes a snapshot: one snapshot id for all attempts, a fresh manifest list per
/// attempt on the current metadata, the summary, and clean-up of the files that the committed snapshot does not use.
/// Subclasses decide the manifests of the new snapshot (and validate against concurrent commits) in
/// <see cref="ApplyManifestsAsync"/>.
/// </summary>
public abstract class SnapshotProducer : IMetadataChange
{
    private readonly ITableOperations _operations;
    private readonly Guid _commitId = Guid.NewGuid();
    private readonly List<string> _manifestLists = [];
    private readonly HashSet<string> _writtenManifests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _extraSummary = new(StringComparer.Ordinal);
    private readonly List<Task> _onDisk = [];
    private int _manifestCount;
    private bool _stageOnly;
    private string? _committedManifestList;
    private IReadOnlySet<string> _committedManifests = new HashSet<string>();

    private protected SnapshotProducer(ITableOperations operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        _operations = operations;
        SnapshotId = SnapshotIdGenerator.NewId(operations.Current);
    }

    /// <summary>The id the new snapshot gets, the same in every attempt.</summary>
    public long SnapshotId { get; }

    /// <summary>The snapshot operation written to the metadata (append, overwrite, delete, replace).</summary>
    protected abstract string Operation { get; }

    private protected IFileIO Io => _operations.Io;

    private protected ITableOperations TableOperations => _operations;

    /// <summary>Adds a custom summary property (as Java's <c>set</c>).</summary>
    public SnapshotProducer Set(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _extraSummary[key] = value;
        return this;
    }

    /// <summary>Adds the snapshot to the table without making it current (it can be cherry-picked later).</summary>
    public SnapshotProducer StageOnly()
    {
        _stageOnly = true;
        return this;
    }

    /// <summary>Commits the snapshot with retries; returns the stored metadata.</summary>
    public Task<TableMetadata> CommitAsync(CancellationToken cancellationToken = default) =>
        TableCommitter.CommitAsync(_operations, [this], cancellationToken);

    async Task<TableMetadata> IMetadataChange.ApplyAsync(TableMetadata current, CancellationToken cancellationToken)
    {
        if (await ApplyWithoutNewSnapshotAsync(current, cancellationToken).ConfigureAwait(false) is { } moved)
        {
            _committedManifestList = null;
            _committedManifests = new HashSet<string>();
            return moved;
        }

        var parent = current.CurrentSnapshot;
        var summary = new SnapshotSummary();
        var manifests = await ApplyManifestsAsync(current, parent, summary, cancellationToken).ConfigureAwait(false);
        long sequenceNumber = current.FormatVersion >= 2 ? current.LastSequenceNumber + 1 : 0;

        string listLocation = MetadataLocation(current, string.Create(CultureInfo.InvariantCulture, $"snap-{SnapshotId}-{_manifestLists.Count + 1}-{_commitId}.avro"));
        _manifestLists.Add(listLocation);
        await ManifestIO.WriteManifestListAsync(Io, listLocation, current, SnapshotId, parent?.SnapshotId, sequenceNumber, manifests, cancellationToken, _onDisk).ConfigureAwait(false);

        var snapshot = new Snapshot
        {
            SnapshotId = SnapshotId,
            ParentSnapshotId = parent?.SnapshotId,
            SequenceNumber = sequenceNumber,
            TimestampMs = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), current.LastUpdatedMs),
            ManifestList = listLocation,
            Operation = Operation,
            Summary = summary.Build(parent, _extraSummary),
            SchemaId = current.CurrentSchemaId,
        };
        _committedManifestList = listLocation;
        _committedManifests = manifests.Select(m => m.Path).ToHashSet(StringComparer.Ordinal);
        var builder = TableMetadataBuilder.From(current).AddSnapshot(snapshot);
        return (_stageOnly ? builder : builder.SetBranchSnapshot(SnapshotId)).Build();
    }

    /// <summary>The manifests and manifest lists this producer wrote reach the disk in the background.</summary>
    Task IMetadataChange.WhenOnDiskAsync() => Task.WhenAll(_onDisk);

    async Task IMetadataChange.CleanUpAsync(bool committed, CancellationToken cancellationToken)
    {
        foreach (string list in _manifestLists)
        {
            if (!committed || list != _committedManifestList)
            {
                await Io.DeleteAsync(list, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (string manifest in _writtenManifests)
        {
            if (!committed || !_committedManifests.Contains(manifest))
            {
                await Io.DeleteAsync(manifest, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The manifests of the new snapshot, built on <paramref name="current"/> (whose current snapshot is
    /// <paramref name="parent"/>); records added and removed files in <paramref name="summary"/>. Throws
    /// <see cref="ValidationException"/> when a concurrent commit makes the change invalid.
    /// </summary>
    private protected abstract Task<List<ManifestFile>> ApplyManifestsAsync(TableMetadata current, Snapshot? parent, SnapshotSummary summary, CancellationToken cancellationToken);

    /// <summary>
    /// Lets a change move the branch to an existing snapshot instead of writing a new one (a cherry-pick that can
    /// fast-forward); null, the default, writes a snapshot.
    /// </summary>
    private protected virtual Task<TableMetadata?> ApplyWithoutNewSnapshotAsync(TableMetadata current, CancellationToken cancellationToken) =>
        Task.FromResult<TableMetadata?>(null);

    /// <summary>
    /// The parent's manifests the new snapshot carries over: all but those an earlier snapshot wrote that hold no live
    /// (added or existing) entry. A DELETED entry only records a removal in the snapshot that made it, so such a
    /// manifest stays listed by that snapshot alone, as Java drops it when writing the next one.
    /// </summary>
    private protected async Task<List<ManifestFile>> ReadCarriedManifestsAsync(Snapshot? parent, CancellationToken cancellationToken)
    {
        var manifests = await ManifestIO.ReadManifestListAsync(Io, parent, cancellationToken).ConfigureAwait(false);
        manifests.RemoveAll(m => !m.HasAddedFiles && !m.HasExistingFiles && m.AddedSnapshotId != SnapshotId);
        return manifests;
    }

    /// <summary>Writes a manifest this producer owns (deleted again if the commit does not use it).</summary>
    private protected async Task<ManifestFile> WriteManifestAsync(TableMetadata current, int specId, ManifestContent content, IEnumerable<ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var spec = current.SpecById(specId)
            ?? throw new Floe.Common.Errors.FloeException(Floe.Common.Errors.FloeErrorKind.InvalidArgument, $"Partition spec {specId} does not exist in table metadata.");
        string location = MetadataLocation(current, string.Create(CultureInfo.InvariantCulture, $"{_commitId}-m{_manifestCount++}.avro"));
        _writtenManifests.Add(location);
        return await ManifestIO.WriteManifestAsync(Io, location, current, spec, content, SnapshotId, entries, cancellationToken, _onDisk).ConfigureAwait(false);
    }

    private static string MetadataLocation(TableMetadata metadata, string fileName) =>
        $"{TableFolders.Metadata(metadata.Location, metadata.Properties)}/{fileName}";
}
