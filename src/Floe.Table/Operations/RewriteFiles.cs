using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Replaces a set of files by others holding the same rows (compaction; operation <c>replace</c>). The commit fails
/// validation when a replaced file is no longer in the table, or when a delete file added since the starting snapshot
/// may apply to a replaced data file (the rewritten rows would silently lose that delete). With
/// <see cref="DataSequenceNumber"/> the new data files keep the replaced files' data sequence number, so equality
/// deletes committed meanwhile (which have higher numbers) still apply to them and do not conflict; position deletes
/// name the old files by path and still do.
/// </summary>
public sealed class RewriteFiles : FileChangeProducer
{
    private readonly List<ContentFile> _replaced = [];
    private long? _dataSequenceNumber;

    internal RewriteFiles(ITableOperations operations)
        : base(operations)
    {
    }

    protected override string Operation => SnapshotOperations.Replace;

    public RewriteFiles DeleteFile(ContentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        _replaced.Add(file);
        RemovePath(file.FilePath);
        return this;
    }

    public RewriteFiles AddFile(ContentFile file)
    {
        switch (file)
        {
            case DataFile data:
                AddDataFile(data);
                break;
            case DeleteFile deletes:
                AddDeleteFile(deletes);
                break;
            default:
                throw new ArgumentNullException(nameof(file));
        }

        return this;
    }

    /// <summary>
    /// Gives the added data files this data sequence number instead of the new snapshot's: normally the largest data
    /// sequence number of the replaced files, or that of the starting snapshot (as Java's
    /// <c>RewriteFiles.dataSequenceNumber</c>).
    /// </summary>
    public RewriteFiles DataSequenceNumber(long sequenceNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequenceNumber);
        if (TableOperations.Current.FormatVersion < 2)
        {
            throw new FloeException(FloeErrorKind.Unsupported, "Data sequence numbers need table format version 2.");
        }

        if (sequenceNumber > TableOperations.Current.LastSequenceNumber)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Data sequence number {sequenceNumber} is above the table's last sequence number {TableOperations.Current.LastSequenceNumber}.");
        }

        _dataSequenceNumber = sequenceNumber;
        return this;
    }

    private protected override long? AddedDataSequenceNumber => _dataSequenceNumber;

    private protected override async Task ValidateAsync(TableMetadata current, IReadOnlyDictionary<string, ManifestEntry> liveRemoved, CancellationToken cancellationToken)
    {
        foreach (string path in RemovedPaths)
        {
            if (!liveRemoved.ContainsKey(path))
            {
                throw new ValidationException($"Cannot commit rewrite: file {path} is no longer in the table (removed concurrently).");
            }
        }

        var replacedData = _replaced.Where(f => f.Content == FileContent.Data).ToList();
        if (_dataSequenceNumber is long kept && replacedData.Select(f => liveRemoved[f.FilePath].DataSequenceNumber ?? 0).DefaultIfEmpty(0).Max() is long highest && kept < highest)
        {
            // An older number would make equality deletes that did not apply to the newer replaced rows apply to them now.
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Data sequence number {kept} is below {highest}, the data sequence number of a replaced file.");
        }

        if (replacedData.Count == 0)
        {
            return;
        }

        var changes = await ConcurrentChangesAsync(current, cancellationToken).ConfigureAwait(false);
        foreach (var deletes in changes.AddedDeleteFiles.OfType<DeleteFile>())
        {
            if (_dataSequenceNumber is not null && deletes.Content == FileContent.EqualityDeletes)
            {
                // Its sequence number is above the kept one, so it applies to the new files as it did to the old.
                continue;
            }

            if (replacedData.FirstOrDefault(data => DeleteScope.MayApply(deletes, data, current)) is { } target)
            {
                throw new ValidationException($"Cannot commit rewrite: delete file {deletes.FilePath} added concurrently may apply to replaced data file {target.FilePath}.");
            }
        }
    }
}
