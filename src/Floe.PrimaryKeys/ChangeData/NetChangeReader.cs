using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Schemas;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Reading;
using Floe.Table.Data.Columns;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.ChangeData;

/// <summary>
/// Net changes of a range: per key touched in the range, its row before the range (the merged view as of the start
/// snapshot) against its row after it (its newest change, when that keeps a row). Present before and after with other
/// values: an update (UB, UA); only after: an insert; only before: a delete; equal or absent on both sides: nothing.
/// With a filter, both sides are the filtered view. Output is ordered by each key's newest change. Memory holds the
/// touched keys and the rows of both sides.
/// </summary>
internal sealed class NetChangeReader : IDisposable
{
    private const int MaxBatchRows = 8192;

    private readonly List<ColumnBatch> _held = [];

    public void Dispose()
    {
        foreach (ColumnBatch batch in _held)
        {
            batch.Dispose();
        }

        _held.Clear();
    }

    public async Task<List<ChangeBatch>> ReadAsync(
        PrimaryKeyTable table, ChangeRange range, Expression filter, bool caseSensitive, Schema projection, CancellationToken cancellationToken)
    {
        if (!range.Start.IsTransactionBoundary)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Net changes need a start at a transaction boundary, not within transaction {range.Start.TransactionId} (position {range.Start}).");
        }

        Schema changeSchema = table.ChangeTable.Metadata.CurrentSchema;
        int[] keyIds = [.. table.PrimaryKey.FieldIds];
        int[] order = [PrimaryKeyColumns.TransactionIdFieldId, PrimaryKeyColumns.FileOffsetFieldId, PrimaryKeyColumns.ChangeActionFieldId];
        Schema keyRead = Floe.Core.Schemas.SchemaProjection.Project(changeSchema, [.. keyIds, .. order]);
        Schema rowRead = Floe.Core.Schemas.SchemaProjection.Project(changeSchema, [.. ChangeDataScan.LeafIds(projection), .. keyIds, .. order]);
        IFileIO io = table.ChangeTable.Operations.Io;
        var reader = new FileScanTaskReader(io);

        // Pass 1: the newest change of every touched key, filter or not (a change failing the filter still replaces the key's row).
        var newest = new KeyVersionMap();
        using (var keys = new KeyEncoder(ChangeDataScan.IndexesOf(keyRead, keyIds)))
        {
            foreach ((_, IReadOnlyList<FileScanTask> files) in await ChangeFiles.PlanAsync(table, range, Expression.True, caseSensitive, keyRead, cancellationToken).ConfigureAwait(false))
            {
                foreach (FileScanTask file in files)
                {
                    await foreach (ColumnBatch batch in reader.ReadAsync(file, cancellationToken).ConfigureAwait(false))
                    {
                        using (batch)
                        {
                            CollectNewest(batch, keys, newest);
                        }
                    }
                }
            }
        }

        // Pass 2: the after side, rows that are their key's newest change, keep a row and pass the filter.
        var after = new Dictionary<byte[], (int Batch, int Row)>(ByteArrayComparer.Instance);
        using (var keys = new KeyEncoder(ChangeDataScan.IndexesOf(rowRead, keyIds)))
        {
            foreach ((_, IReadOnlyList<FileScanTask> files) in await ChangeFiles.PlanAsync(table, range, filter, caseSensitive, rowRead, cancellationToken).ConfigureAwait(false))
            {
                foreach (FileScanTask file in files)
                {
                    await foreach (ColumnBatch batch in reader.ReadAsync(file, cancellationToken).ConfigureAwait(false))
                    {
                        Hold(batch, CollectAfter(batch, _held.Count, keys, newest, after));
                    }
                }
            }
        }

        int[] afterOutput = ChangeDataScan.IndexesOf(rowRead, [.. projection.Columns.Select(c => c.Id)]);
        var before = new Dictionary<byte[], (int Batch, int Row)>(ByteArrayComparer.Instance);
        int[] beforeOutput = [];
        if (range.Start.TransactionId > 0 && newest.Count > 0)
        {
            if (range.StartSnapshot is null)
            {
                throw new FloeException(FloeErrorKind.NotFound, $"Net changes from {range.Start} need the table as of change snapshot {range.Start.SnapshotId}, which no longer exists.");
            }

            string[] names = [.. projection.Columns.Select(c => c.Name).Union(table.PrimaryKey.Names, StringComparer.Ordinal)];
            MergeOnReadScan scan = table.NewScan().AsOfChangeSnapshot(range.StartSnapshot.SnapshotId).Where(filter).CaseSensitive(caseSensitive).Select(names);
            Schema beforeSchema = scan.Projection;
            beforeOutput = ChangeDataScan.IndexesOf(beforeSchema, [.. projection.Columns.Select(c => c.Id)]);
            using var keys = new KeyEncoder(ChangeDataScan.IndexesOf(beforeSchema, keyIds));
            await foreach (ColumnBatch batch in scan.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Bind(batch);
                bool touched = false;
                for (int row = 0; row < batch.RowCount; row++)
                {
                    ReadOnlySpan<byte> key = keys.Encode(row);
                    if (newest.Contains(key))
                    {
                        before[key.ToArray()] = (_held.Count, row);
                        touched = true;
                    }
                }

                Hold(batch, touched);
            }
        }

        return Emit(projection, range, newest, before, beforeOutput, after, afterOutput);
    }

    private static void CollectNewest(ColumnBatch batch, KeyEncoder keys, KeyVersionMap newest)
    {
        int last = batch.Columns.Count - 1;
        var transactions = (PrimitiveVector<long>)batch.Column(last - 2);
        var offsets = (PrimitiveVector<long>)batch.Column(last - 1);
        var actions = (BinaryVector)batch.Column(last);
        keys.Bind(batch);
        for (int row = 0; row < batch.RowCount; row++)
        {
            byte rank = ChangeActions.Parse(actions.GetBytes(row)).KeepsRow() ? (byte)1 : (byte)0;
            newest.Put(keys.Encode(row), transactions[row], offsets[row], rank);
        }
    }

    /// <summary>Keeps a batch that rows were taken from (at index <c>_held.Count</c>); disposes it otherwise.</summary>
    private void Hold(ColumnBatch batch, bool used)
    {
        if (used)
        {
            _held.Add(batch);
        }
        else
        {
            batch.Dispose();
        }
    }

    private static bool CollectAfter(ColumnBatch batch, int batchIndex, KeyEncoder keys, KeyVersionMap newest, Dictionary<byte[], (int Batch, int Row)> after)
    {
        bool used = false;
        int last = batch.Columns.Count - 1;
        var transactions = (PrimitiveVector<long>)batch.Column(last - 2);
        var offsets = (PrimitiveVector<long>)batch.Column(last - 1);
        var actions = (BinaryVector)batch.Column(last);
        keys.Bind(batch);
        for (int row = 0; row < batch.RowCount; row++)
        {
            if (!ChangeActions.Parse(actions.GetBytes(row)).KeepsRow())
            {
                continue;
            }

            ReadOnlySpan<byte> key = keys.Encode(row);
            if (newest.TryGet(key, out long t, out long o, out byte r) && t == transactions[row] && o == offsets[row] && r == 1)
            {
                after[key.ToArray()] = (batchIndex, row);
                used = true;
            }
        }

        return used;
    }

    private List<ChangeBatch> Emit(
        Schema projection, ChangeRange range, KeyVersionMap newest,
        Dictionary<byte[], (int Batch, int Row)> before, int[] beforeOutput,
        Dictionary<byte[], (int Batch, int Row)> after, int[] afterOutput)
    {
        var keys = new List<(long Transaction, long Offset, byte[] Key)>();
        foreach (byte[] key in before.Keys.Union(after.Keys, ByteArrayComparer.Instance))
        {
            newest.TryGet(key, out long transaction, out long offset, out _);
            keys.Add((transaction, offset, key));
        }

        keys.Sort((a, b) => a.Transaction != b.Transaction ? a.Transaction.CompareTo(b.Transaction) : a.Offset.CompareTo(b.Offset));
        IReadOnlyList<ColumnField> fields = IcebergColumns.ToColumnFields(projection);
        var result = new List<ChangeBatch>();
        var pending = new List<(ChangeAction Action, long Transaction, long Offset, int Batch, int Row, int[] Output)>();
        foreach ((long transaction, long offset, byte[] key) in keys)
        {
            bool hadRow = before.TryGetValue(key, out var old);
            bool hasRow = after.TryGetValue(key, out var current);
            if (hadRow && hasRow)
            {
                if (SameValues(old, beforeOutput, current, afterOutput))
                {
                    continue;
                }

                pending.Add((ChangeAction.UpdateBefore, transaction, offset, old.Batch, old.Row, beforeOutput));
                pending.Add((ChangeAction.UpdateAfter, transaction, offset, current.Batch, current.Row, afterOutput));
            }
            else if (hadRow)
            {
                pending.Add((ChangeAction.Delete, transaction, offset, old.Batch, old.Row, beforeOutput));
            }
            else
            {
                pending.Add((ChangeAction.Insert, transaction, offset, current.Batch, current.Row, afterOutput));
            }

            if (pending.Count >= MaxBatchRows)
            {
                result.Add(Build(fields, pending, range.End.SnapshotId));
                pending.Clear();
            }
        }

        if (pending.Count > 0)
        {
            result.Add(Build(fields, pending, range.End.SnapshotId));
        }

        return result;
    }

    private bool SameValues((int Batch, int Row) old, int[] beforeOutput, (int Batch, int Row) current, int[] afterOutput)
    {
        for (int c = 0; c < beforeOutput.Length; c++)
        {
            if (!RowValues.Equal(_held[old.Batch].Column(beforeOutput[c]), old.Row, _held[current.Batch].Column(afterOutput[c]), current.Row))
            {
                return false;
            }
        }

        return true;
    }

    private ChangeBatch Build(IReadOnlyList<ColumnField> fields, List<(ChangeAction Action, long Transaction, long Offset, int Batch, int Row, int[] Output)> rows, long snapshotId)
    {
        var columns = new ColumnVector[fields.Count];
        try
        {
            for (int c = 0; c < columns.Length; c++)
            {
                columns[c] = ColumnVector.Create(fields[c].Type, rows.Count);
            }

            Span<int> one = stackalloc int[1];
            foreach (var row in rows)
            {
                one[0] = row.Row;
                for (int c = 0; c < columns.Length; c++)
                {
                    ColumnGather.Append(_held[row.Batch].Column(row.Output[c]), one, columns[c]);
                }
            }

            return new ChangeBatch(
                new ColumnBatch(fields, columns),
                [.. rows.Select(r => r.Action)],
                [.. rows.Select(r => r.Transaction)],
                [.. rows.Select(r => r.Offset)],
                snapshotId);
        }
        catch
        {
            foreach (ColumnVector? column in columns)
            {
                column?.Dispose();
            }

            throw;
        }
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static ByteArrayComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj)
        {
            var hash = default(HashCode);
            hash.AddBytes(obj);
            return hash.ToHashCode();
        }
    }
}
