using Floe.Core.Manifests;
using Floe.Core.Metadata;

namespace Floe.Table.Operations;

/// <summary>
/// Replaces a set of files by others holding the same rows (compaction; operation <c>replace</c>). The commit fails
/// validation when a replaced file is no longer in the table, or when a delete file added since the starting snapshot
/// may apply to a replaced data file (the rewritten rows would silently lose that delete).
/// </summary>
public sealed class RewriteFiles : FileChangeProducer
{
    private readonly List<ContentFile> _replaced = [];

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
        if (replacedData.Count == 0)
        {
            return;
        }

        var changes = await ConcurrentChangesAsync(current, cancellationToken).ConfigureAwait(false);
        foreach (var deletes in changes.AddedDeleteFiles.OfType<DeleteFile>())
        {
            if (replacedData.FirstOrDefault(data => MayApply(deletes, data)) is { } target)
            {
                throw new ValidationException($"Cannot commit rewrite: delete file {deletes.FilePath} added concurrently may apply to replaced data file {target.FilePath}.");
            }
        }
    }

    private static bool MayApply(DeleteFile deletes, ContentFile data)
    {
        if (deletes.ReferencedDataFile is string referenced)
        {
            return referenced == data.FilePath;
        }

        // Without a referenced file, deletes apply within their partition (global equality deletes: everywhere).
        return deletes.SpecId != data.SpecId || deletes.Partition.Equals(data.Partition);
    }
}
