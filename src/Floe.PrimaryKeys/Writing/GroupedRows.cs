using Floe.Common.Columnar;
using Floe.PrimaryKeys.Model;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Input rows of a transaction with their (partition, change bucket) group, written once per action: row i's action k
/// gets offset <paramref name="FirstOffset"/> + i * <paramref name="Stride"/> + k.
/// </summary>
/// <param name="Columns">The user columns in schema order.</param>
/// <param name="Groups">Per row: partition index * change buckets + change bucket.</param>
/// <param name="Count">The number of rows.</param>
/// <param name="Actions">The actions each row is written with.</param>
/// <param name="FirstOffset">The offset of row 0's first action.</param>
/// <param name="Stride">Offsets between consecutive rows.</param>
/// <param name="Tombstones">Whether delete rows keep only the columns a tombstone needs.</param>
internal sealed record GroupedRows(ColumnVector[] Columns, int[] Groups, int Count, ChangeAction[] Actions, long FirstOffset, int Stride, bool Tombstones)
{
    /// <summary>Change rows written for these rows: one per row and action.</summary>
    public long ChangeRowCount => (long)Count * Actions.Length;
}
