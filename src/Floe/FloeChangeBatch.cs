using Floe.Common.Columnar;
using Floe.Mixed.ChangeData;
using Floe.Mixed.Model;

namespace Floe;

/// <summary>
/// Changes of a primary-key table in commit order: the rows, each row's action, and the position to resume after this
/// batch. An update comes as an update-before row followed by its update-after row. Disposing frees the rows.
/// </summary>
public sealed class FloeChangeBatch : IDisposable
{
    internal FloeChangeBatch(ChangeBatch changes) => Changes = changes;

    /// <summary>The rows (all columns of the table, or those selected).</summary>
    public ColumnBatch Rows => Changes.Rows;

    public int RowCount => Changes.RowCount;

    /// <summary>Each row's change: insert, delete, update-before or update-after.</summary>
    public ReadOnlySpan<ChangeAction> Actions => Changes.Actions;

    /// <summary>The position after this batch: store it and pass it to <see cref="FloeTable.ReadChangesAsync"/> to resume without gaps or repeats.</summary>
    public string Position => Changes.End.ToString();

    /// <summary>The underlying batch, with transaction ids, offsets and positions per row.</summary>
    public ChangeBatch Changes { get; }

    public void Dispose() => Changes.Dispose();
}
