using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Manifests;

namespace Floe.Table.Maintenance;

/// <summary>What a table file is, for counting what maintenance removed.</summary>
public enum TableFileKind
{
    Data,
    PositionDeletes,
    EqualityDeletes,
    Manifest,
    ManifestList,
    Statistics,
    Metadata,
    Other,
}

/// <summary>A file maintenance may delete, with its kind and size (<see cref="UnknownSize"/>: read from storage before the delete).</summary>
public readonly record struct TableFileRef(string Location, TableFileKind Kind, long Bytes)
{
    public const long UnknownSize = -1;

    public static TableFileKind KindOf(ContentFile file) => KindOf(file.Content);

    public static TableFileKind KindOf(FileContent content) => content switch
    {
        FileContent.PositionDeletes => TableFileKind.PositionDeletes,
        FileContent.EqualityDeletes => TableFileKind.EqualityDeletes,
        _ => TableFileKind.Data,
    };
}

/// <summary>Files deleted (or, in a dry run, that would be), counted and sized by kind; failures are counted, not thrown.</summary>
public sealed class FileRemoval
{
    private readonly Dictionary<TableFileKind, (int Files, long Bytes)> _byKind = [];
    private readonly List<string> _deleted = [];

    /// <summary>Files and bytes per kind.</summary>
    public IReadOnlyDictionary<TableFileKind, (int Files, long Bytes)> ByKind => _byKind;

    /// <summary>The locations deleted, in deletion order.</summary>
    public IReadOnlyList<string> Deleted => _deleted;

    public int Files => _deleted.Count;

    public long Bytes => _byKind.Values.Sum(v => v.Bytes);

    /// <summary>Deletes that failed; the files stay behind for orphan cleaning.</summary>
    public int Failed { get; private set; }

    /// <summary>The first failure's message, or null.</summary>
    public string? FirstFailure { get; private set; }

    internal void Add(TableFileRef file)
    {
        _deleted.Add(file.Location);
        var (files, bytes) = _byKind.GetValueOrDefault(file.Kind);
        _byKind[file.Kind] = (files + 1, bytes + file.Bytes);
    }

    internal void Fail(string location, Exception error)
    {
        Failed++;
        FirstFailure ??= $"{location}: {error.Message}";
    }

    /// <summary>
    /// Deletes <paramref name="files"/> in batches of concurrent deletes. Only called after the metadata that stopped
    /// referencing them is committed; a failed delete leaves an orphan, so it is counted and the rest go on.
    /// </summary>
    internal static Task<FileRemoval> DeleteAsync(IFileIO io, IEnumerable<TableFileRef> files, bool dryRun, CancellationToken cancellationToken) =>
        DeleteAsync(io, files.ToAsyncEnumerable(), dryRun, cancellationToken);

    /// <summary>Deletes files as they arrive, a batch at a time, so a long stream is never held whole.</summary>
    internal static async Task<FileRemoval> DeleteAsync(IFileIO io, IAsyncEnumerable<TableFileRef> files, bool dryRun, CancellationToken cancellationToken)
    {
        var removal = new FileRemoval();
        var batch = new List<TableFileRef>(BatchSize);
        await foreach (TableFileRef file in files.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            batch.Add(file);
            if (batch.Count == BatchSize)
            {
                await removal.DeleteBatchAsync(io, batch, dryRun, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        await removal.DeleteBatchAsync(io, batch, dryRun, cancellationToken).ConfigureAwait(false);
        return removal;
    }

    private const int BatchSize = 1000;

    private async Task DeleteBatchAsync(IFileIO io, List<TableFileRef> batch, bool dryRun, CancellationToken cancellationToken)
    {
        var outcomes = new Exception?[batch.Count];
        await Parallel.ForAsync(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            try
            {
                if (batch[i].Bytes == TableFileRef.UnknownSize)
                {
                    batch[i] = batch[i] with { Bytes = await SizeAsync(io, batch[i].Location, ct).ConfigureAwait(false) };
                }

                if (!dryRun)
                {
                    await io.DeleteAsync(batch[i].Location, ct).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FloeException)
            {
                outcomes[i] = e;
            }
        }).ConfigureAwait(false);
        for (int i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } error)
            {
                Fail(batch[i].Location, error);
            }
            else
            {
                Add(batch[i]);
            }
        }
    }

    /// <summary>The stored size; 0 for a file already gone (its delete then removes nothing).</summary>
    private static async Task<long> SizeAsync(IFileIO io, string location, CancellationToken cancellationToken)
    {
        try
        {
            return await io.NewInputFile(location).GetLengthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.NotFound)
        {
            return 0;
        }
    }
}
