using System.Buffers;
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
/// reads the change rows again with the filter and returns those that are their key's newest change and keep it (I, UA). Then base rows are returned unless a newer
/// change exists for their key. Memory holds one node's keys, never its rows. Change files are small and read twice
/// per task, by every task whose node they cover, and again by every later query until optimizing retires them: their
/// decoded rows are kept in <see cref="ScanCaches.DecodedFiles"/>, so each is decoded once.
/// </summary>
internal sealed class MergeTaskReader
{
    private readonly FileScanTaskReader _reader;
    private readonly FileScanTaskReader _changes;
    private readonly Schema _schema;
    private readonly Schema _changeSchema;
    private readonly Schema _projection;
    private readonly int[] _keyIds;
    private readonly Expression _changeFilter;
    private readonly Schema _orderRead;
    private readonly Schema _changeRead;
    private readonly Schema _baseRead;

    public MergeTaskReader(IFileIO io, Schema schema, Schema changeSchema, Schema projection, IReadOnlyList<int> keyIds, Expression boundChangeFilter)
    {
        _reader = new FileScanTaskReader(io);
        _changes = new FileScanTaskReader(io, cacheDecodedFiles: true);
        _schema = schema;
        _changeSchema = changeSchema;
        _projection = projection;
        _keyIds = [.. keyIds];
        _changeFilter = boundChangeFilter;
        int[] order = [PrimaryKeyColumns.TransactionIdFieldId, PrimaryKeyColumns.FileOffsetFieldId, PrimaryKeyColumns.ChangeActionFieldId];
        _orderRead = Floe.Core.Schemas.SchemaProjection.Project(changeSchema, [.. _keyIds, .. order]);
        _changeRead = Floe.Core.Schemas.SchemaProjection.Project(changeSchema, [.. LeafIds(projection), .. _keyIds, .. order]);
        _baseRead = Floe.Core.Schemas.SchemaProjection.Project(schema, [.. LeafIds(projection), .. _keyIds]);
    }

    public async IAsyncEnumerable<ColumnBatch> ReadAsync(MergeTask task, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var newest = new KeyVersionMap();
        using (var keys = new KeyEncoder(IndexesOf(_orderRead, _keyIds)))
        {
            foreach (FileScanTask file in task.ChangeFiles)
            {
                var orderTask = new FileScanTask(file.File, file.DataSequenceNumber, file.Deletes, file.Spec, _changeSchema, _orderRead, file.Residual);
                await foreach (SelectedRows selected in _changes.SelectAsync(orderTask, cancellationToken).ConfigureAwait(false))
                {
                    using (selected)
                    {
                        Collect(selected, keys, task.OptimizedPoint, task.FiltersChangeRows ? task.Node : null, newest);
                    }
                }
            }
        }

        int[] output = IndexesOf(_changeRead, [.. _projection.Columns.Select(c => c.Id)]);
        using (var keys = new KeyEncoder(IndexesOf(_changeRead, _keyIds)))
        {
            foreach (FileScanTask file in task.ChangeFiles)
            {
                var rowTask = new FileScanTask(file.File, file.DataSequenceNumber, file.Deletes, file.Spec, _changeSchema, _changeRead, _changeFilter);
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

        int[] baseOutput = IndexesOf(_baseRead, [.. _projection.Columns.Select(c => c.Id)]);
        using (var keys = new KeyEncoder(IndexesOf(_baseRead, _keyIds)))
        {
            foreach (FileScanTask file in task.BaseFiles)
            {
                var baseTask = new FileScanTask(file.File, file.DataSequenceNumber, file.Deletes, file.Spec, _schema, _baseRead, file.Residual);
                await foreach (SelectedRows selected in _reader.SelectAsync(baseTask, cancellationToken).ConfigureAwait(false))
                {
                    ColumnBatch? kept;
                    using (selected)
                    {
                        kept = SelectUnchanged(selected, keys, newest, baseOutput);
                    }

                    if (kept is not null)
                    {
                        yield return kept;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Puts each change row's key with its order in the map; with <paramref name="node"/>, only keys of that node (the
    /// others are not this task's, and without an entry pass 2 skips their rows too).
    /// </summary>
    private static void Collect(SelectedRows selected, KeyEncoder keys, long optimizedPoint, DataTreeNode? node, KeyVersionMap newest)
    {
        int last = selected.ColumnCount - 1;
        var transactions = (PrimitiveVector<long>)selected.Column(last - 2);
        var offsets = (PrimitiveVector<long>)selected.Column(last - 1);
        var actions = (BinaryVector)selected.Column(last);
        keys.Bind(selected.ProjectedColumns());
        foreach (int row in selected.Rows)
        {
            long transaction = transactions[row];
            if (transaction <= optimizedPoint)
            {
                continue;
            }

            ReadOnlySpan<byte> key = keys.Encode(row, out int hash);
            if (node is { } only && !only.Holds(hash))
            {
                continue;
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
                long transaction = transactions[row];
                ReadOnlySpan<byte> code = actions.GetBytes(row);
                if (transaction <= optimizedPoint || !ChangeActions.Parse(code).KeepsRow())
                {
                    continue;
                }

                if (newest.TryGet(keys.Encode(row, out _), out long t, out long o, out byte r) && t == transaction && o == offsets[row] && r == 1)
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

    private static ColumnBatch? SelectUnchanged(SelectedRows selected, KeyEncoder keys, KeyVersionMap newest, int[] output)
    {
        ReadOnlySpan<int> rows = selected.Rows;
        if (newest.Count == 0)
        {
            return Project(selected, output, rows);
        }

        keys.Bind(selected.ProjectedColumns());
        int[] kept = ArrayPool<int>.Shared.Rent(Math.Max(rows.Length, 1));
        try
        {
            int count = 0;
            foreach (int row in rows)
            {
                if (!newest.Contains(keys.Encode(row, out _)))
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

    private static byte Rank(ReadOnlySpan<byte> code) => ChangeActions.Parse(code).KeepsRow() ? (byte)1 : (byte)0;

    /// <summary>Copies the rows of the output columns (positions in the projection read) into a new batch.</summary>
    private static ColumnBatch Project(SelectedRows selected, int[] output, ReadOnlySpan<int> rows) =>
        SelectedRows.Gather(selected.Batch, [.. output.Select(selected.ColumnIndex)], rows);

    private static int[] IndexesOf(Schema schema, IReadOnlyList<int> ids) => [.. ids.Select(id =>
    {
        for (int i = 0; i < schema.Columns.Count; i++)
        {
            if (schema.Columns[i].Id == id)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Column {id} is missing from the read schema.");
    })];

    /// <summary>Ids that select exactly the projection's fields: every field that is not a non-empty struct.</summary>
    private static IEnumerable<int> LeafIds(Schema schema) =>
        schema.FieldsById.Values.Where(f => f.Type is not Core.Types.StructType { Fields.Count: > 0 }).Select(f => f.Id);
}
