using System.Buffers;
using System.Runtime.InteropServices;
using Floe.Common.Caching;
using Floe.Common.Collections;
using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Reading;

/// <summary>The merge work shared between queries through <see cref="MergeCaches"/>: states, winning change rows, base exclusions.</summary>
internal sealed partial class MergeTaskReader
{
    /// <summary>A guess at what a base file's key index costs per row, to skip files whose index would not be kept.</summary>
    private const long EstimatedIndexBytesPerRow = 48;

    /// <summary>
    /// The winning change rows of <paramref name="state"/>: cached; or those of the state it extends that no added
    /// change replaced, plus the winners of the added files; or the winners of every change file.
    /// </summary>
    private async Task<ChangeWinners> WinnersAsync(MergeTask task, MergeState state, CancellationToken cancellationToken)
    {
        var key = new ChangeRowsKey(state.Version, _layout.ChangeColumns);
        if (MergeCaches.ChangeRows.TryGet(key, out ChangeWinners known))
        {
            return known;
        }

        var builder = new ChangeWinners.Builder();
        IEnumerable<FileScanTask> files = task.ChangeFiles;
        using var keys = new KeyEncoder(_layout.ChangeKeys);
        if (state.ParentFiles is { } parentFiles && MergeCaches.ChangeRows.TryGet(new ChangeRowsKey(state.ParentVersion, _layout.ChangeColumns), out ChangeWinners parent))
        {
            AddSurvivors(builder, parent, state.Map);

            files = files.Where(f => !parentFiles.Contains(new FileKey(f.File.FilePath, f.File.FileSizeInBytes)));
        }

        foreach (FileScanTask file in files)
        {
            var rowTask = new FileScanTask(file.File, file.DataSequenceNumber, file.Deletes, file.Spec, _changeSchema, _changeSchema, Expression.True);
            await foreach (SelectedRows selected in _changes.SelectAsync(rowTask, cancellationToken).ConfigureAwait(false))
            {
                using (selected)
                {
                    AddNewest(builder, selected.Batch, selected.Rows, keys, task.OptimizedPoint, state.Map);
                }
            }
        }

        ChangeWinners winners = builder.Build();
        MergeCaches.ChangeRows.Add(key, winners, winners.Bytes);
        return winners;
    }

    /// <summary>Adds the rows of a batch in the change schema that are their key's newest change and keep it.</summary>
    private void AddNewest(ChangeWinners.Builder builder, ColumnBatch batch, ReadOnlySpan<int> rows, KeyEncoder keys, long optimizedPoint, KeyVersionMap newest)
    {
        var transactions = (PrimitiveVector<long>)batch.Column(_layout.ChangeOrder[0]);
        var offsets = (PrimitiveVector<long>)batch.Column(_layout.ChangeOrder[1]);
        var actions = (BinaryVector)batch.Column(_layout.ChangeOrder[2]);
        keys.Bind(batch);
        foreach (int row in rows)
        {
            if (NewestKeyNumber(row, transactions, offsets, actions, keys, optimizedPoint, newest) is int number and >= 0)
            {
                builder.Keep(row, number);
            }
        }

        builder.AddKept(batch);
    }

    /// <summary>Adds the winning rows of the state a state grew from that are still their key's newest change (key numbers carry over).</summary>
    private void AddSurvivors(ChangeWinners.Builder builder, ChangeWinners parent, KeyVersionMap newest)
    {
        if (parent.Batch is not { } batch)
        {
            return;
        }

        var transactions = (PrimitiveVector<long>)batch.Column(_layout.ChangeOrder[0]);
        var offsets = (PrimitiveVector<long>)batch.Column(_layout.ChangeOrder[1]);
        for (int row = 0; row < batch.RowCount; row++)
        {
            int number = parent.KeyNumbers[row];
            if (newest.IsNewestAt(number, transactions[row], offsets[row]))
            {
                builder.Keep(row, number);
            }
        }

        builder.AddKept(batch);
    }

    /// <summary>The winning rows that pass the query's filter, in the projection; null when none does.</summary>
    private ColumnBatch? FilterWinners(ChangeWinners winners)
    {
        if (winners.Batch is not { } batch)
        {
            return null;
        }

        bool[] rented = ArrayPool<bool>.Shared.Rent(batch.RowCount);
        int[] kept = ArrayPool<int>.Shared.Rent(batch.RowCount);
        try
        {
            Span<bool> mask = rented.AsSpan(0, batch.RowCount);
            mask.Fill(true);
            _winnersFilter.Apply(batch, mask);
            int count = 0;
            for (int row = 0; row < mask.Length; row++)
            {
                kept[count] = row;
                count += mask[row] ? 1 : 0;
            }

            return count == 0 ? null : SelectedRows.Gather(batch, _layout.WinnersOutput!, kept.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(rented);
            ArrayPool<int>.Shared.Return(kept);
        }
    }

    /// <summary>
    /// The task's merge state: the cached one when it covers exactly the task's change files, a clone of it extended
    /// with the files it lacks when it covers some of them, else one built anew; kept for later queries unless the
    /// cache holds one over more files (a query back in time must not push out the current state).
    /// </summary>
    private async Task<MergeState> StateAsync(MergeTask task, CancellationToken cancellationToken)
    {
        var key = new MergeStateKey(_changeLocation, task.PartitionPath, task.Node, task.OptimizedPoint);
        HashSet<FileKey> files = task.ChangeFileKeys;
        MergeState? cached = MergeCaches.KeyMaps.TryGet(key, out MergeState held) && held.Files.IsSubsetOf(files) ? held : null;
        if (cached is not null && cached.Files.Count == files.Count)
        {
            return cached;
        }

        KeyVersionMap map = cached?.Map.Clone() ?? new KeyVersionMap();
        IEnumerable<FileScanTask> added = cached is null
            ? task.ChangeFiles
            : task.ChangeFiles.Where(f => !cached.Files.Contains(new FileKey(f.File.FilePath, f.File.FileSizeInBytes)));
        await CollectAsync(task, added, shared: true, map, cancellationToken).ConfigureAwait(false);
        MergeState state = cached?.Extend(map, files) ?? MergeState.New(map, files);
        if (!(MergeCaches.KeyMaps.TryGet(key, out MergeState current) && current.Files.Count > files.Count))
        {
            MergeCaches.KeyMaps.Add(key, state, state.Bytes);
        }

        return state;
    }

    /// <summary>
    /// The positions of a base file's rows whose key <paramref name="state"/> has a change of: cached, or the cached
    /// positions of the state it extends plus those of the keys it added, or looked up key by key in the file's
    /// <see cref="BaseKeyIndex"/>. Null on the file's first merge and when its index would be too large to keep: the
    /// merge then encodes the base rows' keys as it reads them.
    /// </summary>
    private async Task<long[]?> ExclusionsAsync(FileScanTask file, MergeState state, CancellationToken cancellationToken)
    {
        if (state.Map.Count == 0)
        {
            return [];
        }

        ByteBoundedCache<FileKey, BaseKeyIndex> indexes = MergeCaches.BaseKeys;
        if (!indexes.Enabled || file.File.RecordCount >= int.MaxValue || file.File.RecordCount * EstimatedIndexBytesPerRow > indexes.MaxEntryBytes)
        {
            return null;
        }

        string path = file.File.FilePath;
        long length = file.File.FileSizeInBytes;
        if (MergeCaches.Exclusions.TryGet(new ExclusionKey(path, length, state.Version), out long[] known))
        {
            return known;
        }

        var fileKey = new FileKey(path, length);
        if (!indexes.Contains(fileKey) && !MergeCaches.MergedOnce.TryGet(fileKey, out _))
        {
            // A base file's first merge compares its rows' keys with the state as it reads them, which costs less
            // than indexing them: optimizing rewrites small base files often, and a file merged once never pays for
            // an index. A file merged again (a repeated query, or a state grown by new change files) is indexed.
            MergeCaches.MergedOnce.Add(fileKey, true, 64 + (2L * path.Length));
            return null;
        }

        // One look-up: a hit, or a miss that builds the index.
        BaseKeyIndex index = await indexes.GetOrLoadAsync(fileKey, file, LoadKeysAsync, cancellationToken).ConfigureAwait(false);

        long[]? parent = state.ParentVersion != 0 && MergeCaches.Exclusions.TryGet(new ExclusionKey(path, length, state.ParentVersion), out long[] earlier)
            ? earlier
            : null;
        var positions = new List<long>();
        for (int key = parent is null ? 0 : state.ParentKeyCount; key < state.Map.Count; key++)
        {
            index.AddPositions(state.Map.KeyAt(key), positions);
        }

        positions.Sort();
        long[] excluded = parent is null ? [.. positions] : SortedPositions.Merge(parent, CollectionsMarshal.AsSpan(positions));
        MergeCaches.Exclusions.Add(new ExclusionKey(path, length, state.Version), excluded, 64 + (8L * excluded.Length));
        return excluded;
    }

    /// <summary>Reads a base file's key columns, every row in file order, into a <see cref="BaseKeyIndex"/>.</summary>
    private async Task<(BaseKeyIndex Value, long Bytes)> LoadKeysAsync(FileScanTask file, CancellationToken cancellationToken)
    {
        var task = new FileScanTask(file.File, file.DataSequenceNumber, [], file.Spec, _schema, _layout.BaseKeyRead, Expression.True);
        var builder = new BaseKeyIndex.Builder((int)file.File.RecordCount);
        using var keys = new KeyEncoder(_layout.BaseKeyReadKeys);
        await foreach (ColumnBatch batch in _reader.ReadAsync(task, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                keys.Bind(batch);
                for (int row = 0; row < batch.RowCount; row++)
                {
                    builder.Add(keys.Encode(row));
                }
            }
        }

        BaseKeyIndex index = builder.Build();
        return (index, index.Bytes);
    }
}
