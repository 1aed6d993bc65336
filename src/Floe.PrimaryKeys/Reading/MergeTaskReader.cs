using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Schemas;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// Merges one <see cref="MergeTask"/>. Pass 1 reads the key and order columns of the node's change rows into a
/// <see cref="KeyVersionMap"/> (the newest change per key; rows of other nodes skipped when the task filters). Pass 2
/// reads the change rows again with the filter and returns those that are their key's newest change and keep it (I, UA).
/// Then base rows are returned unless a newer change exists for their key. Memory holds one node's keys, never its
/// rows. Change files' decoded rows are kept in <see cref="ScanCaches.DecodedFiles"/>, so each is decoded once. With
/// <see cref="MergeCaches"/> on, the map is a shared <see cref="MergeState"/> extended as change files arrive, pass 2
/// filters the state's cached winning rows, and base files are read without their key columns, minus the positions
/// the state's keys hold (see <see cref="BaseKeyIndex"/>).
/// </summary>
internal sealed partial class MergeTaskReader
{
    private readonly FileScanTaskReader _reader;
    private readonly FileScanTaskReader _changes;
    private readonly Schema _schema;
    private readonly Schema _changeSchema;
    private readonly int[] _keyIds;
    private readonly Expression _changeFilter;
    private readonly string _changeLocation;
    private readonly BatchRowFilter _winnersFilter;
    private readonly MergeLayout _layout;
    private readonly int _baseParallelism;

    /// <summary>A reader of merge tasks; <paramref name="baseParallelism"/> of a task's base files are read at once.</summary>
    public MergeTaskReader(
        IFileIO io, string changeLocation, Schema schema, Schema changeSchema, Schema projection, IReadOnlyList<int> keyIds, Expression boundChangeFilter, int baseParallelism = 1)
    {
        _baseParallelism = baseParallelism;
        _reader = new FileScanTaskReader(io);
        _changes = new FileScanTaskReader(io, cacheDecodedFiles: true);
        _changeLocation = changeLocation;
        _schema = schema;
        _changeSchema = changeSchema;
        _keyIds = [.. keyIds];
        _changeFilter = boundChangeFilter;
        _layout = MergeLayout.Of(schema, changeSchema, projection, _keyIds);
        _winnersFilter = new BatchRowFilter(boundChangeFilter, changeSchema);
    }

    public async IAsyncEnumerable<ColumnBatch> ReadAsync(MergeTask task, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Shared states need maps that do not depend on the query's filter, over files whose rows nothing deletes.
        MergeState? state = null;
        KeyVersionMap newest;
        if (MergeCaches.KeyMaps.Enabled && task.ChangeFiles.All(f => f.Deletes.Count == 0))
        {
            state = await StateAsync(task, cancellationToken).ConfigureAwait(false);
            newest = state.Map;
        }
        else
        {
            newest = new KeyVersionMap();
            await CollectAsync(task, task.ChangeFiles, shared: false, newest, cancellationToken).ConfigureAwait(false);
        }

        if (state is not null && _layout.WinnersOutput is not null)
        {
            // The state's winning change rows, filtered here rather than read from every change file again.
            ChangeWinners winners = await WinnersAsync(task, state, cancellationToken).ConfigureAwait(false);
            if (FilterWinners(winners) is { } rows)
            {
                yield return rows;
            }
        }
        else
        {
            await foreach (ColumnBatch rows in ReadWinnersAsync(task, newest, cancellationToken).ConfigureAwait(false))
            {
                yield return rows;
            }
        }

        if (_baseParallelism > 1 && task.BaseFiles.Count > 1)
        {
            // The base files are independent once the task's keys are known: read them at once.
            await foreach (ColumnBatch rows in ParallelBatchReader.ReadAsync(
                task.BaseFiles, (file, ct) => ReadBaseAsync(file, state, newest, ct), _baseParallelism, cancellationToken).ConfigureAwait(false))
            {
                yield return rows;
            }

            yield break;
        }

        foreach (FileScanTask file in task.BaseFiles)
        {
            await foreach (ColumnBatch rows in ReadBaseAsync(file, state, newest, cancellationToken).ConfigureAwait(false))
            {
                yield return rows;
            }
        }
    }

    /// <summary>The rows of a base file that no change after the optimized point replaces, filtered and projected.</summary>
    private async IAsyncEnumerable<ColumnBatch> ReadBaseAsync(FileScanTask file, MergeState? state, KeyVersionMap newest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // With the positions its changed keys hold, a base file is read like one with position deletes: no key
        // columns, no key per row.
        long[]? excluded = state is null ? null : await ExclusionsAsync(file, state, cancellationToken).ConfigureAwait(false);
        if (excluded is not null)
        {
            var projected = new FileScanTask(file.File, file.DataSequenceNumber, file.Deletes, file.Spec, _schema, _layout.BaseProjectionRead, file.Residual);
            await foreach (SelectedRows selected in _reader.SelectAsync(projected, excluded, cancellationToken).ConfigureAwait(false))
            {
                ColumnBatch? rows;
                using (selected)
                {
                    rows = selected.TakeBatch();
                }

                if (rows is not null)
                {
                    yield return rows;
                }
            }

            yield break;
        }

        int[] baseOutput = _layout.BaseOutput;
        using var keys = new KeyEncoder(_layout.BaseKeys);
        var baseTask = new FileScanTask(file.File, file.DataSequenceNumber, file.Deletes, file.Spec, _schema, _layout.BaseRead, file.Residual);
        await foreach (SelectedRows selected in _reader.SelectAsync(baseTask, cancellationToken).ConfigureAwait(false))
        {
            ColumnBatch? kept;
            using (selected)
            {
                kept = SelectUnchanged(selected, keys, _layout.BaseKeys, newest, baseOutput);
            }

            if (kept is not null)
            {
                yield return kept;
            }
        }
    }

    /// <summary>Pass 2 without a shared state: the change rows that are their key's newest change and keep it, filtered, from every change file.</summary>
    private async IAsyncEnumerable<ColumnBatch> ReadWinnersAsync(MergeTask task, KeyVersionMap newest, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int[] output = _layout.ChangeReadOutput;
        using var keys = new KeyEncoder(_layout.ChangeReadKeys);
        foreach (FileScanTask file in task.ChangeFiles)
        {
            var rowTask = new FileScanTask(file.File, file.DataSequenceNumber, file.Deletes, file.Spec, _changeSchema, _layout.ChangeRead, _changeFilter);
            await foreach (SelectedRows selected in _changes.SelectAsync(rowTask, cancellationToken).ConfigureAwait(false))
            {
                ColumnBatch? winners;
                using (selected)
                {
                    winners = SelectNewest(selected, keys, task.OptimizedPoint, newest, output);
                }

                if (winners is not null)
                {
                    yield return winners;
                }
            }
        }
    }

    /// <summary>
    /// Pass 1: the key, order and action of the change rows of <paramref name="files"/> into <paramref name="newest"/>.
    /// A map to share holds every row's key (not only those the query's key conjuncts select, which is harmless: their
    /// rows fail the filter anyway) and never another node's (the same map whether or not the task's files hold any).
    /// </summary>
    private async Task CollectAsync(MergeTask task, IEnumerable<FileScanTask> files, bool shared, KeyVersionMap newest, CancellationToken cancellationToken)
    {
        // A shared state reads the change schema whole, the decoded form its winning rows are taken from too.
        Schema read = shared ? _changeSchema : _layout.OrderRead;
        int[] order = MergeLayout.IndexesOf(read, [PrimaryKeyColumns.TransactionIdFieldId, PrimaryKeyColumns.FileOffsetFieldId, PrimaryKeyColumns.ChangeActionFieldId]);
        // The root holds every key: its rows need no bucket hash.
        DataTreeNode? node = (shared || task.FiltersChangeRows) && task.Node.Mask != 0 ? task.Node : null;
        using var keys = new KeyEncoder(MergeLayout.IndexesOf(read, _keyIds));
        foreach (FileScanTask file in files)
        {
            var orderTask = new FileScanTask(
                file.File, file.DataSequenceNumber, file.Deletes, file.Spec, _changeSchema, read, shared ? Expression.True : file.Residual);
            await foreach (SelectedRows selected in _changes.SelectAsync(orderTask, cancellationToken).ConfigureAwait(false))
            {
                using (selected)
                {
                    Collect(selected, order, keys, task.OptimizedPoint, node, newest);
                }
            }
        }
    }

    /// <summary>
    /// Puts each change row's key with its order in the map; with <paramref name="node"/>, only keys of that node (the
    /// others are not this task's, and without an entry pass 2 skips their rows too).
    /// </summary>
    private static void Collect(SelectedRows selected, int[] order, KeyEncoder keys, long optimizedPoint, DataTreeNode? node, KeyVersionMap newest)
    {
        var transactions = (PrimitiveVector<long>)selected.Column(order[0]);
        var offsets = (PrimitiveVector<long>)selected.Column(order[1]);
        var actions = (BinaryVector)selected.Column(order[2]);
        keys.Bind(selected.ProjectedColumns());
        foreach (int row in selected.Rows)
        {
            long transaction = transactions[row];
            if (transaction <= optimizedPoint)
            {
                continue;
            }

            ReadOnlySpan<byte> key;
            if (node is { } only)
            {
                key = keys.Encode(row, out int hash);
                if (!only.Holds(hash))
                {
                    continue;
                }
            }
            else
            {
                key = keys.Encode(row);
            }

            newest.Put(key, transaction, offsets[row], Rank(actions.GetBytes(row)));
        }
    }

    private static ColumnBatch? SelectNewest(SelectedRows selected, KeyEncoder keys, long optimizedPoint, KeyVersionMap newest, int[] output)
    {
        int last = selected.ColumnCount - 1;
        var transactions = (PrimitiveVector<long>)selected.Column(last - 2);
        var offsets = (PrimitiveVector<long>)selected.Column(last - 1);
        var actions = (BinaryVector)selected.Column(last);
        keys.Bind(selected.ProjectedColumns());
        ReadOnlySpan<int> rows = selected.Rows;
        int[] kept = ArrayPool<int>.Shared.Rent(Math.Max(rows.Length, 1));
        try
        {
            int count = 0;
            foreach (int row in rows)
            {
                if (NewestKeyNumber(row, transactions, offsets, actions, keys, optimizedPoint, newest) >= 0)
                {
                    kept[count++] = row;
                }
            }

            return count == 0 ? null : Project(selected, output, kept.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(kept);
        }
    }

    /// <summary>
    /// The number of the change row's key in <paramref name="newest"/> when the row is after the optimized point, keeps
    /// its row, and is its key's newest change; -1 otherwise.
    /// </summary>
    private static int NewestKeyNumber(
        int row, PrimitiveVector<long> transactions, PrimitiveVector<long> offsets, BinaryVector actions, KeyEncoder keys, long optimizedPoint, KeyVersionMap newest)
    {
        long transaction = transactions[row];
        return transaction > optimizedPoint
            && ChangeActions.Parse(actions.GetBytes(row)).KeepsRow()
            && newest.IndexOf(keys.Encode(row)) is int number and >= 0 && newest.IsNewestAt(number, transaction, offsets[row])
            ? number
            : -1;
    }

    private static ColumnBatch? SelectUnchanged(SelectedRows selected, KeyEncoder keys, int[] keyColumns, KeyVersionMap newest, int[] output)
    {
        ReadOnlySpan<int> rows = selected.Rows;
        if (newest.Count == 0)
        {
            return Project(selected, output, rows);
        }

        int[] kept = ArrayPool<int>.Shared.Rent(Math.Max(rows.Length, 1));
        try
        {
            // A one-column integer key is looked up by its value, with no encoding or byte hashing per row.
            ColumnVector? single = keyColumns.Length == 1 ? selected.Column(keyColumns[0]) : null;
            int count = single switch
            {
                PrimitiveVector<long> longs when !longs.HasNulls && newest.IntegerKeys(8, rows.Length) is { } set => Unchanged<long>(rows, longs.Values, set, kept),
                PrimitiveVector<int> ints when !ints.HasNulls && newest.IntegerKeys(4, rows.Length) is { } set => Unchanged<int>(rows, ints.Values, set, kept),
                _ => UnchangedEncoded(selected, rows, keys, newest, kept),
            };
            return count == 0 ? null : Project(selected, output, kept.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(kept);
        }
    }

    private static int Unchanged<T>(ReadOnlySpan<int> rows, ReadOnlySpan<T> values, IntegerKeySet changed, int[] kept)
        where T : IBinaryInteger<T>
    {
        int count = 0;
        foreach (int row in rows)
        {
            if (!changed.Contains(long.CreateTruncating(values[row])))
            {
                kept[count++] = row;
            }
        }

        return count;
    }

    private static int UnchangedEncoded(SelectedRows selected, ReadOnlySpan<int> rows, KeyEncoder keys, KeyVersionMap newest, int[] kept)
    {
        keys.Bind(selected.ProjectedColumns());
        int count = 0;
        foreach (int row in rows)
        {
            if (!newest.Contains(keys.Encode(row)))
            {
                kept[count++] = row;
            }
        }

        return count;
    }

    private static byte Rank(ReadOnlySpan<byte> code) => ChangeActions.Parse(code).KeepsRow() ? (byte)1 : (byte)0;

    /// <summary>Copies the rows of the output columns (positions in the projection read) into a new batch.</summary>
    private static ColumnBatch Project(SelectedRows selected, int[] output, ReadOnlySpan<int> rows) =>
        SelectedRows.Gather(selected.Batch, [.. output.Select(selected.ColumnIndex)], rows);
}
