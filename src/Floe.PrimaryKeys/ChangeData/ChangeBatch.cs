using Floe.Common.Columnar;
using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.ChangeData;

/// <summary>
/// Change rows in change order: the projected user columns in <see cref="Rows"/>, and per row its action, transaction
/// id and offset. An update comes out as an update-before row followed by its update-after row; a batch never splits
/// such a pair. Disposing the batch disposes <see cref="Rows"/>.
/// </summary>
public sealed class ChangeBatch : IDisposable
{
    private readonly ChangeAction[] _actions;
    private readonly long[] _transactions;
    private readonly long[] _offsets;

    internal ChangeBatch(ColumnBatch rows, ChangeAction[] actions, long[] transactions, long[] offsets, long snapshotId)
    {
        Rows = rows;
        _actions = actions;
        _transactions = transactions;
        _offsets = offsets;
        SnapshotId = snapshotId;
    }

    /// <summary>The projected user columns of the change rows.</summary>
    public ColumnBatch Rows { get; }

    public int RowCount => Rows.RowCount;

    /// <summary>The change store snapshot the read ends at.</summary>
    public long SnapshotId { get; }

    public ReadOnlySpan<ChangeAction> Actions => _actions.AsSpan(0, RowCount);

    public ReadOnlySpan<long> TransactionIds => _transactions.AsSpan(0, RowCount);

    public ReadOnlySpan<long> Offsets => _offsets.AsSpan(0, RowCount);

    /// <summary>
    /// The position to store after handling rows up to <paramref name="row"/>. After the update-before half of a pair
    /// it is the position before the pair, so a resumed read delivers the whole update again.
    /// </summary>
    public ChangePosition PositionAfter(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        if (_actions[row] != ChangeAction.UpdateBefore)
        {
            return new ChangePosition(SnapshotId, _transactions[row], _offsets[row]);
        }

        return _offsets[row] > 0
            ? new ChangePosition(SnapshotId, _transactions[row], _offsets[row] - 1)
            : new ChangePosition(SnapshotId, _transactions[row] - 1, ChangePosition.EndOfTransaction);
    }

    /// <summary>The position after the last row of the batch.</summary>
    public ChangePosition End => PositionAfter(RowCount - 1);

    public void Dispose() => Rows.Dispose();
}
