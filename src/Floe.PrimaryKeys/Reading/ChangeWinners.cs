using Floe.Common.Columnar;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// The change rows of a merge state that are their key's newest change and keep their row (inserts, update-afters),
/// in every column of the change schema and without any query's filter, so that later queries filter these rows
/// instead of reading every change file again. Shared between queries: only read, never changed or disposed.
/// </summary>
public sealed class ChangeWinners
{
    internal ChangeWinners(ColumnBatch? batch, int[] keyNumbers)
    {
        Batch = batch;
        KeyNumbers = keyNumbers;
        Bytes = 128 + (batch?.AllocatedBytes ?? 0) + (4L * keyNumbers.Length);
    }

    /// <summary>How many rows win.</summary>
    public int RowCount => Batch?.RowCount ?? 0;

    /// <summary>What the rows hold in memory, in bytes.</summary>
    public long Bytes { get; }

    /// <summary>The rows in the change schema, or null when none wins.</summary>
    internal ColumnBatch? Batch { get; }

    /// <summary>Per row, its key's number in the state's map, so a grown state checks the row without encoding its key.</summary>
    internal int[] KeyNumbers { get; }

    /// <summary>Collects the winning rows of batches read in the change schema into one batch: rows kept one by one, then taken per batch.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _keyNumbers = [];
        private readonly List<int> _kept = [];
        private ColumnVector[]? _columns;
        private IReadOnlyList<ColumnField>? _fields;

        /// <summary>Marks a row of the batch at hand as winning, with its key's number.</summary>
        public void Keep(int row, int keyNumber)
        {
            _kept.Add(row);
            _keyNumbers.Add(keyNumber);
        }

        /// <summary>Appends the rows kept since the last call, which are rows of <paramref name="source"/>.</summary>
        public void AddKept(ColumnBatch source)
        {
            if (_kept.Count == 0)
            {
                return;
            }

            _fields ??= source.Fields;
            _columns ??= [.. source.Fields.Select(f => ColumnVector.Create(f.Type))];
            ReadOnlySpan<int> rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_kept);
            for (int c = 0; c < _columns.Length; c++)
            {
                ColumnGather.Append(source.Column(c), rows, _columns[c]);
            }

            _kept.Clear();
        }

        public ChangeWinners Build() => new(_columns is null ? null : new ColumnBatch(_fields!, _columns), [.. _keyNumbers]);
    }
}

/// <summary>The winning change rows of a merge state (by <see cref="MergeState.Version"/>) in a change schema (its columns, described).</summary>
public readonly record struct ChangeRowsKey(long StateVersion, string Columns);
