using System.Runtime.CompilerServices;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Schemas;
using Floe.PrimaryKeys.Model;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.ChangeData;

/// <summary>
/// Reads the change rows of a range in (transaction, offset) order, one transaction at a time: the rows of its files
/// are read, sorted by offset (delete side before insert side at equal offsets) and returned in batches. A delete-side
/// row and an insert-side row sharing an offset are an update (update-before, then update-after); other rows are
/// deletes and inserts. Memory holds one transaction's rows.
/// </summary>
internal sealed class OrderedChangeReader
{
    private const int MaxBatchRows = 8192;

    private readonly FileScanTaskReader _reader;
    private readonly Schema _readSchema;
    private readonly int[] _output;
    private readonly IReadOnlyList<ColumnField> _outputFields;

    public OrderedChangeReader(IFileIO io, Schema readSchema, IReadOnlyList<int> outputColumns)
    {
        _reader = new FileScanTaskReader(io);
        _readSchema = readSchema;
        _output = [.. outputColumns];
        _outputFields = Floe.Table.Data.Columns.IcebergColumns.ToColumnFields(readSchema) is var fields ? [.. _output.Select(i => fields[i])] : [];
    }

    public async IAsyncEnumerable<ChangeBatch> ReadAsync(
        IReadOnlyList<(long TransactionId, IReadOnlyList<FileScanTask> Files)> transactions, ChangeRange range,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach ((long transactionId, IReadOnlyList<FileScanTask> files) in transactions)
        {
            var batches = new List<ColumnBatch>();
            try
            {
                var entries = new List<Entry>();
                foreach (FileScanTask file in files)
                {
                    await foreach (ColumnBatch batch in _reader.ReadAsync(file, cancellationToken).ConfigureAwait(false))
                    {
                        batches.Add(batch);
                        Collect(batch, batches.Count - 1, transactionId, range.Start, file.File.FilePath, entries);
                    }
                }

                entries.Sort();
                foreach (ChangeBatch output in Emit(batches, entries, transactionId, range.End.SnapshotId))
                {
                    yield return output;
                }
            }
            finally
            {
                foreach (ColumnBatch batch in batches)
                {
                    batch.Dispose();
                }
            }
        }
    }

    private static void Collect(ColumnBatch batch, int batchIndex, long transactionId, ChangePosition start, string path, List<Entry> entries)
    {
        int last = batch.Columns.Count - 1;
        var transactions = (PrimitiveVector<long>)batch.Column(last - 2);
        var offsets = (PrimitiveVector<long>)batch.Column(last - 1);
        var actions = (BinaryVector)batch.Column(last);
        for (int row = 0; row < batch.RowCount; row++)
        {
            if (transactions[row] != transactionId)
            {
                throw new FloeException(
                    FloeErrorKind.InvalidData,
                    $"Change file {path}: row {row} has {PrimaryKeyColumns.TransactionIdName} {transactions[row]} but the file was committed as transaction {transactionId}.");
            }

            long offset = offsets[row];
            if (start.IsBefore(transactionId, offset))
            {
                bool insertSide = ChangeActions.Parse(actions.GetBytes(row)).KeepsRow();
                entries.Add(new Entry(offset, insertSide ? 1 : 0, batchIndex, row));
            }
        }
    }

    private IEnumerable<ChangeBatch> Emit(List<ColumnBatch> batches, List<Entry> entries, long transactionId, long snapshotId)
    {
        int next = 0;
        while (next < entries.Count)
        {
            int end = Math.Min(entries.Count, next + MaxBatchRows);
            // Keep an update's two halves in one batch.
            if (end < entries.Count && entries[end - 1].Side == 0 && entries[end].Side == 1 && entries[end].Offset == entries[end - 1].Offset)
            {
                end++;
            }

            yield return Build(batches, entries, next, end, transactionId, snapshotId);
            next = end;
        }
    }

    private ChangeBatch Build(List<ColumnBatch> batches, List<Entry> entries, int from, int to, long transactionId, long snapshotId)
    {
        int count = to - from;
        var actions = new ChangeAction[count];
        var transactions = new long[count];
        var offsets = new long[count];
        for (int i = from; i < to; i++)
        {
            Entry entry = entries[i];
            bool pairedWithNext = entry.Side == 0 && i + 1 < to && entries[i + 1].Side == 1 && entries[i + 1].Offset == entry.Offset;
            bool pairedWithPrevious = entry.Side == 1 && i > from && entries[i - 1].Side == 0 && entries[i - 1].Offset == entry.Offset;
            actions[i - from] = (entry.Side, pairedWithNext, pairedWithPrevious) switch
            {
                (0, true, _) => ChangeAction.UpdateBefore,
                (0, false, _) => ChangeAction.Delete,
                (_, _, true) => ChangeAction.UpdateAfter,
                _ => ChangeAction.Insert,
            };
            transactions[i - from] = transactionId;
            offsets[i - from] = entry.Offset;
        }

        var columns = new ColumnVector[_output.Length];
        try
        {
            for (int c = 0; c < _output.Length; c++)
            {
                columns[c] = ColumnVector.Create(_outputFields[c].Type, count);
            }

            Span<int> run = stackalloc int[256];
            int i = from;
            while (i < to)
            {
                // Gather runs of rows from the same source batch at once.
                int batchIndex = entries[i].Batch;
                int length = 0;
                while (i < to && entries[i].Batch == batchIndex && length < run.Length)
                {
                    run[length++] = entries[i].Row;
                    i++;
                }

                ColumnBatch source = batches[batchIndex];
                for (int c = 0; c < _output.Length; c++)
                {
                    ColumnGather.Append(source.Column(_output[c]), run[..length], columns[c]);
                }
            }

            return new ChangeBatch(new ColumnBatch(_outputFields, columns), actions, transactions, offsets, snapshotId);
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

    private readonly record struct Entry(long Offset, int Side, int Batch, int Row) : IComparable<Entry>
    {
        public int CompareTo(Entry other)
        {
            int byOffset = Offset.CompareTo(other.Offset);
            if (byOffset != 0)
            {
                return byOffset;
            }

            int bySide = Side.CompareTo(other.Side);
            if (bySide != 0)
            {
                return bySide;
            }

            int byBatch = Batch.CompareTo(other.Batch);
            return byBatch != 0 ? byBatch : Row.CompareTo(other.Row);
        }
    }
}
