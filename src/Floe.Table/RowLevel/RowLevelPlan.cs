using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Table.RowLevel;

/// <summary>What a row-level delete or update did (or, before commit, will do).</summary>
public sealed record RowLevelResult
{
    public required RowLevelMode Mode { get; init; }

    /// <summary>Rows deleted, or rows updated.</summary>
    public long Rows { get; init; }

    /// <summary>Data files every row of which matched, removed without being rewritten (a delete does not read them).</summary>
    public int DataFilesRemoved { get; init; }

    /// <summary>Data files only some rows of which matched, replaced by rewritten files (copy-on-write).</summary>
    public int DataFilesRewritten { get; init; }

    /// <summary>New data files: rewritten rows and updated rows.</summary>
    public int DataFilesAdded { get; init; }

    /// <summary>New position delete files (merge-on-read).</summary>
    public int DeleteFilesAdded { get; init; }

    /// <summary>The snapshot committed, or null when nothing matched (nothing is committed then).</summary>
    public long? SnapshotId { get; init; }
}

/// <summary>
/// A planned row-level change whose files are written but not committed: commit it (validated against what was
/// committed since the snapshot it read) or abort it, which deletes the files.
/// </summary>
public sealed class RowLevelPlan
{
    private readonly IFileIO _io;
    private readonly RowDelta? _delta;
    private readonly IReadOnlyList<string> _written;

    internal RowLevelPlan(IFileIO io, RowDelta? delta, IReadOnlyList<string> written, RowLevelResult result)
    {
        _io = io;
        _delta = delta;
        _written = written;
        Result = result;
    }

    public RowLevelResult Result { get; }

    /// <summary>The change to commit, for adding to a <see cref="Transaction"/>; null when nothing matched.</summary>
    public IMetadataChange? Change => _delta;

    /// <summary>Paths of the files written by the plan (deleted again by <see cref="AbortAsync"/>).</summary>
    public IReadOnlyList<string> WrittenFiles => _written;

    /// <summary>Commits the change; on failure (e.g. a conflicting concurrent delete) the written files are deleted.</summary>
    public async Task<RowLevelResult> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_delta is null)
        {
            return Result;
        }

        TableMetadata committed;
        try
        {
            committed = await _delta.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbortAsync().ConfigureAwait(false);
            throw;
        }

        return Result with { SnapshotId = committed.CurrentSnapshotId };
    }

    /// <summary>Deletes the files written (best effort: an orphan file is harmless to readers).</summary>
    public async Task AbortAsync()
    {
        await DeleteAsync(_io, _written).ConfigureAwait(false);
    }

    internal static async Task DeleteAsync(IFileIO io, IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            try
            {
                await io.DeleteAsync(path, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Left for orphan-file cleanup.
            }
        }
    }
}
