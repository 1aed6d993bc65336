using System.Buffers;
using Floe.Common.Columnar;

namespace Floe.Table.Scanning;

/// <summary>
/// A batch read from a data file and the rows of it that survive deletes and filters, in order: a consumer that can
/// take a selection (a writer) uses the rows in place instead of having them copied into a batch of their own.
/// Disposing releases the batch and the row list.
/// </summary>
public sealed class SelectedBatch : IDisposable
{
    private ColumnBatch? _batch;
    private int[]? _rows;
    private readonly int _count;

    /// <summary>Every row of <paramref name="batch"/>.</summary>
    internal SelectedBatch(ColumnBatch batch)
    {
        _batch = batch;
        _count = batch.RowCount;
    }

    /// <summary>The first <paramref name="count"/> entries of <paramref name="rows"/> (rented from the shared pool, returned on dispose).</summary>
    internal SelectedBatch(ColumnBatch batch, int[] rows, int count)
    {
        _batch = batch;
        _rows = rows;
        _count = count;
    }

    /// <summary>The batch as read; rows outside <see cref="Rows"/> are deleted or filtered out.</summary>
    public ColumnBatch Batch => _batch ?? throw new ObjectDisposedException(nameof(SelectedBatch));

    /// <summary>Whether every row of <see cref="Batch"/> is selected.</summary>
    public bool AllRows => _rows is null;

    /// <summary>Rows selected.</summary>
    public int RowCount => _count;

    /// <summary>The selected row indexes, ascending; every row when <see cref="AllRows"/>.</summary>
    public ReadOnlyMemory<int> Rows => _rows is null ? throw new InvalidOperationException("every row is selected") : _rows.AsMemory(0, _count);

    /// <summary>The selected rows as a batch of their own (the batch itself when every row is selected); the caller owns it, this selection is spent.</summary>
    public ColumnBatch TakeBatch()
    {
        ColumnBatch batch = Batch;
        if (_rows is null)
        {
            _batch = null;
            return batch;
        }

        return ColumnGather.Take(batch, _rows.AsSpan(0, _count));
    }

    public void Dispose()
    {
        _batch?.Dispose();
        _batch = null;
        if (_rows is not null)
        {
            ArrayPool<int>.Shared.Return(_rows);
            _rows = null;
        }
    }
}
