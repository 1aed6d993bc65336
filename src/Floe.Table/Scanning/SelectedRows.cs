using System.Buffers;
using Floe.Common.Columnar;

namespace Floe.Table.Scanning;

/// <summary>
/// A batch as a <see cref="FileScanTaskReader"/> read it (the projection's columns and any the filter or deletes
/// needed) with the rows that survive deletes and filter. The batch may be shared with a cache: it is read, never
/// changed, and valid only until this is disposed.
/// </summary>
public sealed class SelectedRows : IDisposable
{
    private readonly int[] _columns;
    private readonly bool _identity;
    private int[]? _rows;
    private readonly int _count;
    private ColumnBatch? _batch;
    private readonly bool _shared;

    internal SelectedRows(ColumnBatch batch, int[] columns, bool identity, int[] rows, int count, bool shared)
    {
        _batch = batch;
        _columns = columns;
        _identity = identity;
        _rows = rows;
        _count = count;
        _shared = shared;
    }

    /// <summary>The batch as read; column <c>i</c> of the projection is <c>Batch.Column(ColumnIndex(i))</c>.</summary>
    public ColumnBatch Batch => _batch ?? throw new ObjectDisposedException(nameof(SelectedRows));

    /// <summary>How many columns the projection has.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>The ascending batch rows that survive deletes and filter.</summary>
    public ReadOnlySpan<int> Rows => (_rows ?? throw new ObjectDisposedException(nameof(SelectedRows))).AsSpan(0, _count);

    /// <summary>How many rows survive.</summary>
    public int RowCount => _count;

    /// <summary><see cref="Rows"/> for a consumer that awaits while it holds them (a writer).</summary>
    public ReadOnlyMemory<int> RowMemory => (_rows ?? throw new ObjectDisposedException(nameof(SelectedRows))).AsMemory(0, _count);

    /// <summary>
    /// Whether the batch's columns are the projection's, in order: no column was read only for the filter or the
    /// deletes, so a consumer of the projection can take the batch's rows as they are.
    /// </summary>
    public bool IsProjection => _identity;

    /// <summary>Whether every row of the batch survives.</summary>
    public bool AllRows => _count == Batch.RowCount;

    /// <summary>The batch column of projection column <paramref name="index"/>.</summary>
    public int ColumnIndex(int index) => _columns[index];

    /// <summary>Projection column <paramref name="index"/>.</summary>
    public ColumnVector Column(int index) => Batch.Column(_columns[index]);

    /// <summary>The projection's columns, in order.</summary>
    public ColumnVector[] ProjectedColumns() => [.. _columns.Select(Batch.Column)];

    /// <summary>
    /// The kept rows in the projection as a batch the caller owns: the batch itself when it is not shared, every row
    /// is kept and it reads as the projection, else a copy; null when none is kept.
    /// </summary>
    public ColumnBatch? TakeBatch()
    {
        ColumnBatch batch = Batch;
        if (!_shared && _identity && AllRows)
        {
            _batch = null;
            return batch;
        }

        return Gather(batch, _columns, Rows);
    }

    public void Dispose()
    {
        if (_rows is { } rows)
        {
            _rows = null;
            ArrayPool<int>.Shared.Return(rows);
        }

        if (!_shared)
        {
            _batch?.Dispose();
        }

        _batch = null;
    }

    /// <summary>Copies <paramref name="rows"/> of the <paramref name="columns"/> of a batch into a new batch.</summary>
    public static ColumnBatch Gather(ColumnBatch batch, IReadOnlyList<int> columns, ReadOnlySpan<int> rows)
    {
        var fields = new ColumnField[columns.Count];
        var vectors = new ColumnVector[columns.Count];
        try
        {
            for (int c = 0; c < columns.Count; c++)
            {
                fields[c] = batch.Fields[columns[c]];
                vectors[c] = ColumnGather.Take(batch.Column(columns[c]), rows);
            }

            return new ColumnBatch(fields, vectors);
        }
        catch
        {
            foreach (ColumnVector? vector in vectors)
            {
                vector?.Dispose();
            }

            throw;
        }
    }
}
